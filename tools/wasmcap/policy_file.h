// `wasmcap run --policy FILE`: the authority of each instance of a
// nanoprocess application, in TOML. One table per instance; [main] is the
// program given on the command line, any other table a module linked to it
// (its `module` file, or --link NAME=FILE):
//
//   [main]
//   dirs = ["data::/data:ro"]          # as --dir; host paths relative to this file
//   allow = ["stdio", "args", "fs-read", "proc"]
//
//   [logger]
//   module = "logger.wasm"             # relative to this file
//   dirs = ["logs::/logs:create"]
//   allow = ["fs-read", "fs-write"]
//
//   [text]
//   module = "text.wasm"               # nothing granted: random_get, sched_yield, proc_exit
//
// Keys: module, dirs, env (["KEY=VALUE"]), allow, deny (function and group
// names), deny-mode ("errno" or "trap"), stdin, stdout, stderr ("inherit",
// "null" or a host file; a linked module has no standard streams unless
// given). Errors name FILE:LINE:COLUMN.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <wasmcap/result.hpp>

namespace wasmcap::cli {

struct InstanceGrant {
  std::string name;
  std::string module;  // a module file, resolved against the policy file's folder; empty when not given
  std::vector<std::string> dirs;  // --dir syntax, host paths resolved likewise
  std::vector<std::string> env;   // KEY=VALUE
  std::vector<std::string> allow, deny;
  std::string denyMode;
  std::string stdinSpec, stdoutSpec, stderrSpec;
  std::string where;  // "FILE:LINE:COLUMN" of the table, for later errors
};

// The tables of a policy file, in file order. Usage errors (a syntax error,
// an unknown key, a value of the wrong type) say FILE:LINE:COLUMN; Io when
// the file cannot be read.
Result<std::vector<InstanceGrant>> parsePolicyFile(const std::string& path);

// A --dir spec from a file in `folder`: a relative host path is taken
// relative to that folder; the guest name, when not given, stays as written.
std::string resolveDirSpec(const std::string& spec, const std::string& folder);

}  // namespace wasmcap::cli
