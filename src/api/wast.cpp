// wast::Runner: the spec-script runner (src/script) behind the public API.
#include "wasmcap/wast.hpp"

#include "api/impl.h"
#include "script/expected_failures.h"
#include "script/script_runner.h"

namespace wasmcap::wast {

struct WASMCAP_HIDDEN Runner::Impl {
  Impl(const Engine& e, const script::RunnerOptions& options)
      : engine(e), runner(executorOf(engine), options) {}
  Engine engine;
  script::ScriptRunner runner;
  script::ExpectedFailures expected;
  std::vector<script::ScriptReport> reports;
};

namespace {

Summary summarize(const std::vector<script::ScriptReport>& reports, const script::ExpectedFailures& expected) {
  script::Verdict v = script::judge(reports, expected);
  Summary s;
  s.passed = v.passed;
  s.failed = v.failed;
  s.expectedFailures = v.expectedFailures;
  s.failures = std::move(v.failures);
  s.expectedFailureLines = std::move(v.expectedFailureLines);
  return s;
}

}  // namespace

Result<Runner> Runner::create(const Engine& engine, Options options) {
  script::RunnerOptions runnerOptions;
  runnerOptions.checkMessages = options.checkMessages;
  auto impl = std::make_unique<Impl>(engine, runnerOptions);
  if (!options.expectedFailuresFile.empty()) {
    WASMCAP_TRY_ASSIGN(impl->expected, script::ExpectedFailures::load(options.expectedFailuresFile));
  }
  return Runner(std::move(impl));
}

Runner::Runner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Runner::~Runner() = default;
Runner::Runner(Runner&&) noexcept = default;
Runner& Runner::operator=(Runner&&) noexcept = default;

Summary Runner::runFile(const std::string& path) {
  impl_->reports.push_back(impl_->runner.runFile(path));
  return summarize({impl_->reports.back()}, impl_->expected);
}

Summary Runner::total() const { return summarize(impl_->reports, impl_->expected); }

size_t Runner::expectedFailureCount() const { return impl_->expected.size(); }

}  // namespace wasmcap::wast
