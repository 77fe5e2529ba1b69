// What running a script produced: one outcome per command.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wasmcap::script {

struct CommandOutcome {
  uint32_t line = 0;  // 1-based line of the command in the script (0: the file itself)
  bool passed = false;
  std::string reason;  // why it failed; empty when it passed
};

struct ScriptReport {
  std::string file;  // as given by the caller (a path, or a name for in-memory scripts)
  std::vector<CommandOutcome> outcomes;

  size_t passed() const {
    size_t n = 0;
    for (const auto& o : outcomes) n += o.passed;
    return n;
  }
  size_t failed() const { return outcomes.size() - passed(); }
};

}  // namespace wasmcap::script
