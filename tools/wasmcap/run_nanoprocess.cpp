#include "run_nanoprocess.h"

#include <algorithm>
#include <map>

#include "policy_file.h"
#include "run_capabilities.h"
#include "run_policy.h"

namespace wasmcap::cli {
namespace {

constexpr const char* kProgram = "main";

// Applies a [NAME] table's grants to `config`; host files opened for its
// streams are kept in `files`.
Result<void> applyGrant(const InstanceGrant& grant, wasi::Config& config, std::vector<HostFile>& files) {
  auto inTable = [&](const Error& e) { return Error(e.code, "[" + grant.name + "] (" + grant.where + "): " + e.message); };
  for (const std::string& spec : grant.dirs) {
    Result<wasi::Preopen> dir = parseDirSpec(spec);
    if (!dir) return inTable(dir.error());
    config.preopens.push_back(std::move(*dir));
  }
  for (const std::string& spec : grant.env) {
    Result<std::pair<std::string, std::string>> kv = parseEnvSpec(spec);
    if (!kv) return inTable(kv.error());
    config.env.push_back(std::move(*kv));
  }
  const std::pair<const std::string*, wasi::Stdio*> streams[] = {{&grant.stdinSpec, &config.stdinStream},
                                                                 {&grant.stdoutSpec, &config.stdoutStream},
                                                                 {&grant.stderrSpec, &config.stderrStream}};
  for (int fd = 0; fd < 3; ++fd) {
    if (streams[fd].first->empty()) continue;
    Result<wasi::Stdio> s = parseStdioSpec("std stream", *streams[fd].first, fd, files);
    if (!s) return inTable(s.error());
    *streams[fd].second = std::move(*s);
  }
  return {};
}

// A linked module's policy: what a library gets, plus the table's allow
// list, minus its deny list.
Result<wasi::Policy> linkedPolicy(const InstanceGrant* grant) {
  wasi::Policy policy = wasi::Policy::library();
  if (!grant) return policy;
  for (const std::string& item : grant->allow) WASMCAP_TRY(policy.allow(item));
  for (const std::string& item : grant->deny) WASMCAP_TRY(policy.deny(item));
  if (grant->denyMode == "trap") policy.denyMode = wasi::DenyMode::Trap;
  return policy;
}

}  // namespace

Result<std::pair<std::string, std::string>> parseLinkSpec(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    return Error(ErrorCode::Usage, "--link \"" + spec + "\": expected NAME=FILE");
  std::string name = spec.substr(0, eq);
  if (name == kProgram || name == "wasi_snapshot_preview1" || name == "wasmcap")
    return Error(ErrorCode::Usage, "--link \"" + spec + "\": the name \"" + name + "\" is reserved");
  return std::pair{name, spec.substr(eq + 1)};
}

Result<int32_t> runNanoprocesses(const RunOptions& options, Store& store, const Module& app,
                                 const wasi::Config& program) {
  std::vector<InstanceGrant> grants;
  if (!options.policyFile.empty()) {
    WASMCAP_TRY_ASSIGN(grants, parsePolicyFile(options.policyFile));
  }
  std::map<std::string, const InstanceGrant*, std::less<>> grantOf;
  for (const InstanceGrant& g : grants) grantOf[g.name] = &g;

  // The linked modules: the policy file's tables with a module, then --link
  // (which names the file for a table without one, or replaces it).
  std::vector<std::pair<std::string, std::string>> links;
  for (const InstanceGrant& g : grants) {
    if (g.name == kProgram) continue;
    if (!g.module.empty()) links.emplace_back(g.name, g.module);
  }
  for (const std::string& spec : options.links) {
    WASMCAP_TRY_ASSIGN(auto link, parseLinkSpec(spec));
    auto same = std::find_if(links.begin(), links.end(), [&](const auto& l) { return l.first == link.first; });
    if (same != links.end()) same->second = link.second;
    else links.push_back(std::move(link));
  }
  for (const InstanceGrant& g : grants) {
    if (g.name != kProgram && std::none_of(links.begin(), links.end(), [&](const auto& l) { return l.first == g.name; }))
      return Error(ErrorCode::Usage, g.where + ": [" + g.name + "] names no module (add module = \"FILE\" or --link " +
                                         g.name + "=FILE)");
  }

  std::vector<HostFile> files;
  std::vector<Nanoprocess> parts;
  for (const auto& [name, file] : links) {
    Result<Module> module = Module::fromFile(store.engine(), file);
    if (!module) return Error(module.error().code, "--link " + name + "=" + file + ": " + module.error().message);
    wasi::Config config;
    config.args = {name};
    config.stdinStream = config.stdoutStream = config.stderrStream = wasi::Stdio::closed();
    config.audit = program.audit;
    config.deterministic = program.deterministic;
    const InstanceGrant* grant = grantOf.contains(name) ? grantOf[name] : nullptr;
    Result<wasi::Policy> policy = linkedPolicy(grant);
    if (!policy) return Error(ErrorCode::Usage, (grant ? grant->where + ": " : "") + policy.error().message);
    config.policy = *policy;
    if (grant) WASMCAP_TRY(applyGrant(*grant, config, files));
    parts.push_back(Nanoprocess{name, std::move(*module), std::move(config)});
  }

  wasi::Config main = program;
  if (auto it = grantOf.find(kProgram); it != grantOf.end()) {
    const InstanceGrant& g = *it->second;
    WASMCAP_TRY(applyGrant(g, main, files));
    std::vector<std::string> allow = options.allowWasi, deny = options.denyWasi;
    allow.insert(allow.end(), g.allow.begin(), g.allow.end());
    deny.insert(deny.end(), g.deny.begin(), g.deny.end());
    Result<wasi::Policy> policy = buildPolicy(allow, deny, options.denyMode.empty() ? g.denyMode : options.denyMode);
    if (!policy) return Error(ErrorCode::Usage, g.where + ": " + policy.error().message);
    main.policy = *policy;
  }
  parts.push_back(Nanoprocess{kProgram, app, std::move(main)});

  Linker linker(store);
  WASMCAP_TRY_ASSIGN(std::vector<Instance> instances, instantiateNanoprocesses(linker, parts));
  return wasi::runCommand(instances.back());
}

}  // namespace wasmcap::cli
