#include "script/expected_failures.h"

#include <charconv>
#include <set>

#include "text/module_file.h"

namespace wasmcap::script {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string baseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Result<ExpectedFailures> ExpectedFailures::parse(std::string_view text) {
  ExpectedFailures list;
  uint32_t lineNo = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++lineNo;
    if (line.empty() || line.front() == '#') continue;
    size_t end = line.find_first_of(" \t");
    std::string_view location = line.substr(0, end);
    std::string_view reason = end == std::string_view::npos ? std::string_view() : trim(line.substr(end));
    size_t colon = location.rfind(':');
    uint32_t number = 0;
    bool ok = colon != std::string_view::npos && colon > 0 && colon + 1 < location.size();
    if (ok) {
      auto [ptr, ec] = std::from_chars(location.data() + colon + 1, location.data() + location.size(), number);
      ok = ec == std::errc() && ptr == location.data() + location.size();
    }
    if (!ok) {
      return Error(ErrorCode::Usage, "expected failures line " + std::to_string(lineNo) +
                                         ": expected `file.wast:LINE  reason`, got `" + std::string(line) + "`")
          .atText(lineNo, 1);
    }
    if (reason.empty()) {
      return Error(ErrorCode::Usage, "expected failures line " + std::to_string(lineNo) + ": give a reason")
          .atText(lineNo, 1);
    }
    list.add(std::string(location.substr(0, colon)), number, std::string(reason));
  }
  return list;
}

Result<ExpectedFailures> ExpectedFailures::load(const std::string& path) {
  WASMCAP_TRY_ASSIGN(std::string text, text::readFileText(path));
  auto list = parse(text);
  if (!list.ok()) {
    Error e = list.error();
    e.message = path + ": " + e.message;
    return e;
  }
  return list;
}

std::vector<std::string> pathSuffixes(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty() && part != ".") parts.push_back(part);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  std::vector<std::string> out;
  std::string suffix;
  for (size_t i = parts.size(); i-- > 0;) {
    suffix = suffix.empty() ? std::string(parts[i]) : std::string(parts[i]) + "/" + suffix;
    out.push_back(suffix);
  }
  return out;
}

void ExpectedFailures::add(std::string file, uint32_t line, std::string reason) {
  std::vector<std::string> suffixes = pathSuffixes(file);
  entries_[{suffixes.empty() ? file : suffixes.back(), line}] = std::move(reason);
}

const std::string* ExpectedFailures::find(std::string_view file, uint32_t line) const {
  for (const std::string& suffix : pathSuffixes(file)) {
    auto it = entries_.find({suffix, line});
    if (it != entries_.end()) return &it->second;
  }
  return nullptr;
}

std::vector<std::pair<uint32_t, std::string>> ExpectedFailures::entriesFor(std::string_view file) const {
  std::map<uint32_t, std::string> byLine;
  for (const std::string& suffix : pathSuffixes(file)) {
    for (auto it = entries_.lower_bound({suffix, 0}); it != entries_.end() && it->first.first == suffix; ++it) {
      byLine.emplace(it->first.second, it->second);
    }
  }
  return {byLine.begin(), byLine.end()};
}

Verdict judge(const std::vector<ScriptReport>& reports, const ExpectedFailures& expected) {
  Verdict v;
  for (const auto& report : reports) {
    // Merge outcomes per line, keeping the first failure reason.
    std::map<uint32_t, std::pair<bool, std::string>> byLine;
    std::vector<uint32_t> order;
    for (const auto& o : report.outcomes) {
      auto [it, inserted] = byLine.try_emplace(o.line, o.passed, o.reason);
      if (inserted) {
        order.push_back(o.line);
      } else if (it->second.first && !o.passed) {
        it->second = {false, o.reason};
      }
    }
    const std::string where = report.file + ":";
    for (uint32_t line : order) {
      const auto& [passed, reason] = byLine[line];
      const std::string* listed = expected.find(report.file, line);
      const std::string at = where + std::to_string(line) + ": ";
      if (listed && passed) {
        ++v.failed;
        v.failures.push_back(at + "unexpectedly passed: remove it from the list (" + *listed + ")");
      } else if (listed) {
        ++v.expectedFailures;
        v.expectedFailureLines.push_back(at + "expected failure: " + reason);
      } else if (passed) {
        ++v.passed;
      } else {
        ++v.failed;
        v.failures.push_back(at + reason);
      }
    }
    for (const auto& [line, reason] : expected.entriesFor(report.file)) {
      if (!byLine.count(line)) {
        ++v.failed;
        v.failures.push_back(where + std::to_string(line) +
                             ": listed as an expected failure but no command ran at this line: remove it from the list");
      }
    }
  }
  return v;
}

}  // namespace wasmcap::script
