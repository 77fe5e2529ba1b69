// Runs a WAST script (text::Script) against a fresh store: modules, register,
// actions and every assertion kind, each counted as passed or failed with a
// reason. A failing command never stops the script; an action on a module that
// failed to load fails in turn.
#pragma once
#include <string>
#include <string_view>

#include "runtime/executor.h"
#include "runtime/store.h"
#include "script/report.h"
#include "text/script.h"

namespace wasmcap::script {

struct RunnerOptions {
  runtime::Limits limits;  // applied to the store each script runs in
  // Also require the expected text of assert_malformed/invalid/unlinkable/
  // uninstantiable to be a prefix of the error message (as the reference
  // interpreter does). Off by default: only the kind of failure is checked.
  bool checkMessages = false;
};

class ScriptRunner {
 public:
  explicit ScriptRunner(runtime::Executor& executor, RunnerOptions options = {})
      : executor_(executor), options_(options) {}

  // Run already parsed commands; `file` names the script in the report.
  ScriptReport run(const text::Script& script, std::string file);
  // Parse and run script text; a parse error is one failed outcome at its line.
  ScriptReport runText(std::string_view text, std::string file);
  // Read, parse and run a .wast file; an unreadable file is one failed outcome at line 0.
  ScriptReport runFile(const std::string& path);

 private:
  runtime::Executor& executor_;
  RunnerOptions options_;
};

}  // namespace wasmcap::script
