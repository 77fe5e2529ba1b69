// `wasmcap inspect`: what a module asks for (its imports, the WASI groups
// among them) and offers (its exports), with types and limits; --policy
// prints the --allow-wasi list that covers its WASI imports.
#include <cstdio>
#include <set>

#include <wasmcap/engine.hpp>
#include <wasmcap/module.hpp>
#include <wasmcap/wasi.hpp>

#include "commands.h"

namespace wasmcap::cli {
namespace {

std::string limitsText(const Limits& limits, const char* unit) {
  std::string text = std::to_string(limits.min) + (limits.max ? ".." + std::to_string(*limits.max) : "..") + " " + unit;
  return text;
}

std::string memoryText(const MemoryType& m) {
  return std::string("memory ") + (m.is64 ? "i64 " : "") + limitsText(m.limits, "pages") + (m.shared ? " shared" : "");
}

std::string tableText(const TableType& t) {
  return "table " + std::string(t.element.name()) + " " + limitsText(t.limits, "elements");
}

std::string typeText(const ExternType& type) {
  switch (type.kind()) {
    case ExternKind::Func: return "func " + type.func()->toString();
    case ExternKind::Tag: return "tag " + type.tag()->toString();
    case ExternKind::Memory: return memoryText(*type.memory());
    case ExternKind::Table: return tableText(*type.table());
    case ExternKind::Global:
      return std::string("global ") + (type.global()->isMutable ? "mut " : "") + type.global()->type.name();
  }
  return "?";
}

// The groups of the WASI preview1 functions among `imports`, in group order:
// the smallest --allow-wasi list that lets each import do what the module can
// make it do. A call on a descriptor (fd_write) belongs to the group of the
// descriptor, and a module can only hold the kinds of descriptor its imports
// can reach: files and directories through path_* calls, sockets through
// sock_* calls, the standard streams always. So fd_write in a module without
// path_* calls needs `stdio` only, not `fs-write`.
std::vector<wasi::Group> wasiGroups(const std::vector<ImportType>& imports) {
  bool usesFiles = false, usesSockets = false;
  for (const ImportType& import : imports) {
    if (import.module != wasi::kPreview1Module) continue;
    usesFiles |= import.name.starts_with("path_");
    usesSockets |= import.name.starts_with("sock_");
  }
  std::set<wasi::Group> groups;
  for (const ImportType& import : imports) {
    if (import.module != wasi::kPreview1Module) continue;
    const std::vector<wasi::Group> possible = wasi::groupsOf(import.name);
    for (wasi::Group g : possible) {
      const bool reachable = possible.size() == 1 || g == wasi::Group::Stdio ||
                             (usesFiles && (g == wasi::Group::FsRead || g == wasi::Group::FsWrite)) ||
                             (usesSockets && g == wasi::Group::Sock);
      if (reachable) groups.insert(g);
    }
  }
  return {groups.begin(), groups.end()};
}

std::string joined(const std::vector<wasi::Group>& groups) {
  std::string out;
  for (wasi::Group g : groups) out += (out.empty() ? "" : ",") + std::string(wasi::groupName(g));
  return out;
}

}  // namespace

void addInspectCommand(CLI::App& app, InspectOptions& options) {
  CLI::App* cmd = app.add_subcommand("inspect", "Show what a module imports and exports, and the WASI groups it uses");
  cmd->add_option("file", options.file, "Module file (.wasm or .wat)")->required();
  cmd->add_flag("--policy", options.policy,
                "Print only the --allow-wasi list covering its WASI imports: a starting point for a policy");
  cmd->footer(
      "Imports and exports are printed one per line with their types, then every memory and\n"
      "table (imported, defined, exported or not) with its limits (MIN..MAX, no MAX when\n"
      "unbounded). Functions imported from\n"
      "wasi_snapshot_preview1 are summed up as the groups of --allow-wasi; a call on a\n"
      "descriptor (fd_write) counts in fs-read/fs-write only when the module imports path_*\n"
      "calls, and in sock only when it imports sock_* calls.\n"
      "Examples:\n"
      "  wasmcap inspect app.wasm\n"
      "  wasmcap run --allow-wasi $(wasmcap inspect --policy app.wasm) app.wasm");
}

int runInspect(const InspectOptions& options) {
  Engine engine;
  Result<Module> module = Module::fromFile(engine, options.file);
  if (!module) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), module.error().describe().c_str());
    return kExitFailure;
  }
  const auto imports = module->imports();
  const std::vector<wasi::Group> groups = wasiGroups(imports);
  if (options.policy) {
    std::printf("%s\n", joined(groups).c_str());
    return kExitOk;
  }
  const auto exports = module->exports();
  std::printf("imports (%zu):\n", imports.size());
  for (const ImportType& i : imports)
    std::printf("  %s.%s: %s\n", i.module.c_str(), i.name.c_str(), typeText(i.type).c_str());
  std::printf("exports (%zu):\n", exports.size());
  for (const ExportType& e : exports) std::printf("  %s: %s\n", e.name.c_str(), typeText(e.type).c_str());
  // All of them, exported or not: what an instance may allocate.
  const auto memories = module->memories();
  std::printf("memories (%zu):\n", memories.size());
  for (size_t i = 0; i < memories.size(); ++i) std::printf("  %zu: %s\n", i, memoryText(memories[i]).c_str());
  const auto tables = module->tables();
  std::printf("tables (%zu):\n", tables.size());
  for (size_t i = 0; i < tables.size(); ++i) std::printf("  %zu: %s\n", i, tableText(tables[i]).c_str());
  std::printf("wasi groups: %s\n", groups.empty() ? "(none)" : joined(groups).c_str());
  return kExitOk;
}

}  // namespace wasmcap::cli
