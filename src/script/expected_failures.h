// The expected-failures list and the verdict over a set of script reports.
//
// List format, one entry a line: `file.wast:LINE  reason` (the file's base
// name, the 1-based line of the command, then free text). Where two scripts
// share a base name, an entry names the file with as many of its parent
// folders as tell them apart (`extra/memory_grow.wast:12`): an entry applies
// to a script whose path ends with the entry's file, component by component. Blank lines and lines
// starting with '#' are ignored. The list is enforced both ways: a listed
// command that fails is an expected failure (not counted as failed); a listed
// command that passes, or an entry naming no command of a script that ran, is a
// failure telling to remove the entry.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "script/report.h"
#include "util/result.h"

namespace wasmcap::script {

class ExpectedFailures {
 public:
  static Result<ExpectedFailures> parse(std::string_view text);
  static Result<ExpectedFailures> load(const std::string& path);

  void add(std::string file, uint32_t line, std::string reason);
  // The listed reason, or nullptr when no entry for (`file`, line) is listed.
  const std::string* find(std::string_view file, uint32_t line) const;
  size_t size() const { return entries_.size(); }
  // Entries that apply to the script at `file`, by line.
  std::vector<std::pair<uint32_t, std::string>> entriesFor(std::string_view file) const;

 private:
  std::map<std::pair<std::string, uint32_t>, std::string> entries_;
};

// "dir/x.wast" -> "x.wast".
std::string baseName(std::string_view path);
// The trailing component sequences of a path, shortest first:
// "a/b/x.wast" -> "x.wast", "b/x.wast", "a/b/x.wast".
std::vector<std::string> pathSuffixes(std::string_view path);

struct Verdict {
  size_t passed = 0;
  size_t failed = 0;
  size_t expectedFailures = 0;
  std::vector<std::string> failures;          // "file:line: reason"
  std::vector<std::string> expectedFailureLines;  // "file:line: expected failure: reason"
};

// Count outcomes, applying `expected` (may be empty). Several outcomes on one
// line count as one command that failed if any of them failed.
Verdict judge(const std::vector<ScriptReport>& reports, const ExpectedFailures& expected);

}  // namespace wasmcap::script
