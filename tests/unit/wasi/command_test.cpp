// runCommand end to end through the interpreter, on small WAT programs.
#include "wasi/command.h"

#include <gtest/gtest.h>

#include "interp/interpreter.h"
#include "test_tree.h"
#include "text/wat.h"

namespace wasmcap::wasi {
namespace {

struct RunResult {
  Result<CommandOutcome> outcome;
  std::string stdoutText;
};

RunResult run(std::string_view wat, Config config = {}) {
  auto bytes = text::watToBinary(wat);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().describe());
  testing::TestTree tree;
  const std::string outPath = tree.path("out");
  int out = ::open(outPath.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  config.stdoutStream = wasmcap::wasi::Stdio::hostFd(out);
  interp::Interpreter executor;
  runtime::Store store(executor);
  auto outcome = runCommandBytes(store, bytes.ok() ? *bytes : std::vector<uint8_t>{}, config);
  ::close(out);
  return {std::move(outcome), tree.read("out")};
}

constexpr std::string_view kHello = R"(
  (module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (import "wasi_snapshot_preview1" "args_sizes_get" (func $argsizes (param i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "hello\n")
    (func (export "_start")
      (i32.store (i32.const 0) (i32.const 16))
      (i32.store (i32.const 4) (i32.const 6))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (drop (call $argsizes (i32.const 32) (i32.const 36)))
      ;; exit with argc * 10, or return when there are no arguments
      (if (i32.load (i32.const 32))
        (then (call $exit (i32.mul (i32.load (i32.const 32)) (i32.const 10)))))))
)";

TEST(WasiCommand, RunsStartAndWritesStdout) {
  RunResult r = run(kHello);
  ASSERT_TRUE(r.outcome.ok()) << r.outcome.error().describe();
  EXPECT_EQ(0, r.outcome->exitCode);
  EXPECT_FALSE(r.outcome->trap.has_value());
  EXPECT_EQ("hello\n", r.stdoutText);
}

TEST(WasiCommand, ReturnsTheProcExitCode) {
  Config config;
  config.arg("prog").arg("x");
  RunResult r = run(kHello, config);
  ASSERT_TRUE(r.outcome.ok());
  EXPECT_EQ(20, r.outcome->exitCode);
  EXPECT_FALSE(r.outcome->trap.has_value());
  EXPECT_EQ("hello\n", r.stdoutText);  // output before the exit is kept
}

TEST(WasiCommand, ATrapIsReportedWithItsExitStatus) {
  RunResult r = run(R"((module (memory (export "memory") 1) (func (export "_start") unreachable)))");
  ASSERT_TRUE(r.outcome.ok());
  EXPECT_EQ(kTrapExitCode, r.outcome->exitCode);
  ASSERT_TRUE(r.outcome->trap.has_value());
  EXPECT_EQ(runtime::TrapKind::Unreachable, r.outcome->trap->kind);
}

TEST(WasiCommand, RejectsModulesThatAreNotCommands) {
  RunResult noStart = run(R"((module (memory (export "memory") 1)))");
  ASSERT_FALSE(noStart.outcome.ok());
  EXPECT_EQ(ErrorCode::Usage, noStart.outcome.error().code);
  RunResult unknownImport = run(R"((module (import "wasi_snapshot_preview1" "no_such_fn" (func))
                                     (func (export "_start"))))");
  ASSERT_FALSE(unknownImport.outcome.ok());
  EXPECT_EQ(ErrorCode::Unlinkable, unknownImport.outcome.error().code);
  Config bad;
  bad.preopen("/nonexistent/dir", "/");
  RunResult badConfig = run(kHello, bad);
  ASSERT_FALSE(badConfig.outcome.ok());
  EXPECT_EQ(ErrorCode::Io, badConfig.outcome.error().code);
}

TEST(WasiCommand, WrongImportTypeIsUnlinkable) {
  RunResult r = run(R"((module (import "wasi_snapshot_preview1" "fd_write" (func (param i32)))
                         (func (export "_start"))))");
  ASSERT_FALSE(r.outcome.ok());
  EXPECT_EQ(ErrorCode::Unlinkable, r.outcome.error().code);
}

}  // namespace
}  // namespace wasmcap::wasi
