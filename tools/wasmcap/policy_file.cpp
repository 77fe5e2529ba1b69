#include "policy_file.h"

#include <algorithm>
#include <filesystem>
#include <set>

#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>
#include <wasmcap/wasi_policy.hpp>

namespace wasmcap::cli {
namespace {

std::string where(const std::string& path, const toml::source_region& at) {
  return path + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
}

Error usageAt(const std::string& path, const toml::node& node, const std::string& message) {
  return Error(ErrorCode::Usage, where(path, node.source()) + ": " + message);
}

Result<std::string> stringValue(const std::string& path, const std::string& key, const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  return usageAt(path, node, "\"" + key + "\" must be a string");
}

Result<std::vector<std::string>> stringList(const std::string& path, const std::string& key,
                                            const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array) return usageAt(path, node, "\"" + key + "\" must be an array of strings");
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    const auto* s = item.as_string();
    if (!s) return usageAt(path, item, "\"" + key + "\" must be an array of strings");
    out.push_back(s->get());
  }
  return out;
}

const std::set<std::string, std::less<>> kKeys = {"module", "dirs",  "env",   "allow",  "deny",
                                                  "deny-mode", "stdin", "stdout", "stderr"};

Result<InstanceGrant> parseTable(const std::string& path, const std::string& folder, const std::string& name,
                                 const toml::table& table) {
  InstanceGrant grant;
  grant.name = name;
  grant.where = where(path, table.source());
  for (const auto& [key, node] : table) {
    const std::string k(key.str());
    if (!kKeys.contains(k))
      return usageAt(path, node, "unknown key \"" + k + "\" in [" + name +
                                     "] (expected module, dirs, env, allow, deny, deny-mode, stdin, stdout, stderr)");
    if (k == "module") {
      WASMCAP_TRY_ASSIGN(std::string file, stringValue(path, k, node));
      grant.module = std::filesystem::path(file).is_absolute() ? file : folder + "/" + file;
    } else if (k == "dirs") {
      WASMCAP_TRY_ASSIGN(auto dirs, stringList(path, k, node));
      for (const std::string& d : dirs) grant.dirs.push_back(resolveDirSpec(d, folder));
    } else if (k == "env") {
      WASMCAP_TRY_ASSIGN(grant.env, stringList(path, k, node));
    } else if (k == "allow" || k == "deny") {
      WASMCAP_TRY_ASSIGN(auto list, stringList(path, k, node));
      // Checked here, so that a misspelt name points at itself.
      for (size_t i = 0; i < list.size(); ++i) {
        const toml::node& item = *node.as_array()->get(i);
        if (list[i].find(',') != std::string::npos)
          return usageAt(path, item, "\"" + k + "\": one function or group name per string");
        wasi::Policy probe;
        if (Result<void> r = probe.allow(list[i]); !r) return usageAt(path, item, r.error().message);
      }
      (k == "allow" ? grant.allow : grant.deny) = std::move(list);
    } else if (k == "deny-mode") {
      WASMCAP_TRY_ASSIGN(grant.denyMode, stringValue(path, k, node));
      if (grant.denyMode != "errno" && grant.denyMode != "trap")
        return usageAt(path, node, "\"deny-mode\" must be \"errno\" or \"trap\"");
    } else {
      WASMCAP_TRY_ASSIGN(std::string spec, stringValue(path, k, node));
      if (spec != "inherit" && spec != "null" && !std::filesystem::path(spec).is_absolute())
        spec = folder + "/" + spec;
      (k == "stdin" ? grant.stdinSpec : k == "stdout" ? grant.stdoutSpec : grant.stderrSpec) = spec;
    }
  }
  return grant;
}

}  // namespace

std::string resolveDirSpec(const std::string& spec, const std::string& folder) {
  std::string host, rest;
  if (size_t sep = spec.find("::"); sep != std::string::npos) {
    host = spec.substr(0, sep);
    rest = spec.substr(sep);
  } else {
    host = spec;
    std::string mode;
    for (const char* suffix : {":ro", ":rw", ":create"}) {
      const std::string s(suffix);
      if (host.size() > s.size() && host.compare(host.size() - s.size(), s.size(), s) == 0) {
        mode = s;
        host.resize(host.size() - s.size());
        break;
      }
    }
    rest = "::" + host + mode;  // the guest name stays as written
  }
  if (host.empty() || host.front() == '/') return spec;
  return folder + "/" + host + rest;
}

Result<std::vector<InstanceGrant>> parsePolicyFile(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const std::string message(e.description());
    if (e.source().begin.line == 0) return Error(ErrorCode::Io, path + ": " + message);
    return Error(ErrorCode::Usage, where(path, e.source()) + ": " + message);
  }
  const std::string folder = std::filesystem::absolute(path).parent_path().string();
  std::vector<InstanceGrant> grants;
  for (const auto& [key, node] : root) {
    const toml::table* table = node.as_table();
    if (!table)
      return usageAt(path, node, "\"" + std::string(key.str()) +
                                     "\" must be a table: one [NAME] table per instance");
    WASMCAP_TRY_ASSIGN(InstanceGrant grant, parseTable(path, folder, std::string(key.str()), *table));
    grants.push_back(std::move(grant));
  }
  // toml++ tables are ordered by key; keep the file's order.
  std::sort(grants.begin(), grants.end(), [&](const InstanceGrant& a, const InstanceGrant& b) {
    const auto& sa = root[a.name].node()->source().begin;
    const auto& sb = root[b.name].node()->source().begin;
    return sa.line != sb.line ? sa.line < sb.line : sa.column < sb.column;
  });
  return grants;
}

}  // namespace wasmcap::cli
