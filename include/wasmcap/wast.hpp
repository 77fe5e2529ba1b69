// Running WebAssembly spec test scripts (.wast): modules, registrations,
// actions and assertions, with a list of expected failures. This is what
// `wasmcap wast` and the conformance tests use.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "wasmcap/engine.hpp"
#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap::wast {

struct Options {
  // Also require the expected text of assert_malformed/invalid/unlinkable/
  // uninstantiable to prefix the error message (traps are always checked).
  bool checkMessages = false;
  // A list of known failures, `file.wast:LINE  reason` per line (empty: none).
  // It is enforced both ways: a listed command that fails is not counted as
  // failed, a listed command that passes is a failure.
  std::string expectedFailuresFile;
};
// (The engine given to Runner::create decides the tier and which checks the
// code carries; with EngineConfig::consumeFuel the scripts run with fuel that
// never runs out.)

struct Summary {
  size_t passed = 0;
  size_t failed = 0;
  size_t expectedFailures = 0;
  std::vector<std::string> failures;              // "file:line: reason"
  std::vector<std::string> expectedFailureLines;  // "file:line: expected failure: reason"
};

class WASMCAP_API Runner {
 public:
  // Io or Malformed when the expected-failures list cannot be read.
  static Result<Runner> create(const Engine& engine, Options options);
  ~Runner();
  Runner(Runner&&) noexcept;
  Runner& operator=(Runner&&) noexcept;

  // Runs one script in a fresh store; an unreadable file is one failure.
  // Returns this file's summary.
  Summary runFile(const std::string& path);
  // All files run so far.
  Summary total() const;
  // Entries in the expected-failures list.
  size_t expectedFailureCount() const;

  struct Impl;

 private:
  explicit Runner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasmcap::wast
