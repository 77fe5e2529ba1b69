// WASI through the API: a Config grants exactly what it lists.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

// A command that echoes stdin to stdout, prints its args and one env var,
// and writes a file "out.txt" in its first preopen; exits with argc.
constexpr const char* kEcho = R"(
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $n i32)
    ;; iovec at 0: buffer 1024, length 512
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 512))
    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $args_sizes (i32.const 16) (i32.const 20)))
    (call $exit (i32.load (i32.const 16)))))
)";

TEST(Wasi, CommandWithBytesStdinAndCapturedOutput) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  wasi::OutputCapture out, err;
  wasi::Config config;
  config.arg("echo").arg("a").arg("b");
  config.stdinStream = wasi::Stdio::bytes("hello through stdin");
  config.stdoutStream = wasi::Stdio::capture(out);
  config.stderrStream = wasi::Stdio::capture(err);
  ASSERT_TRUE(linker.defineWasi(config));
  Result<Module> m = Module::fromWat(engine, kEcho);
  ASSERT_TRUE(m) << m.error().describe();
  Result<int32_t> status = wasi::runCommand(linker, *m);
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_EQ(*status, 3);  // proc_exit(argc)
  EXPECT_EQ(out.contents(), "hello through stdin");
  EXPECT_EQ(err.contents(), "hello through stdin");
}

TEST(Wasi, DefaultStdioIsNullAndDefineTwiceIsRefused) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  wasi::Config config;  // nothing granted, stdio /dev/null
  ASSERT_TRUE(linker.defineWasi(config));
  Result<void> again = linker.defineWasi(config);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Usage);
  Result<int32_t> status = wasi::runCommand(linker, *Module::fromWat(engine, kEcho));
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_EQ(*status, 0);  // no args at all
}

TEST(Wasi, ClosedStdioAndBadStreamKinds) {
  Engine engine;
  Store store(engine);
  wasi::Config config;
  config.stdoutStream = wasi::Stdio::bytes("not for output");
  Linker linker(store);
  Result<void> r = linker.defineWasi(config);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Usage);
  wasi::OutputCapture sink;
  config.stdoutStream = wasi::Stdio::closed();
  config.stdinStream = wasi::Stdio::capture(sink);
  EXPECT_FALSE(linker.defineWasi(config));
}

TEST(Wasi, MissingPreopenIsAnIoErrorNamingIt) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  wasi::Config config;
  config.preopen("/nonexistent/wasmcap-dir", "/data");
  Result<void> r = linker.defineWasi(config);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Io);
  EXPECT_NE(r.error().message.find("/nonexistent/wasmcap-dir"), std::string::npos);
}

TEST(Wasi, ProcExitInTheStartFunctionIsTheExitStatus) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  ASSERT_TRUE(linker.defineWasi(wasi::Config{}));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
            (func $early (call $exit (i32.const 5))) (start $early)
            (func (export "_start") unreachable))
  )");
  ASSERT_TRUE(m);
  Result<int32_t> status = wasi::runCommand(linker, *m);
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_EQ(*status, 5);
}

TEST(Wasi, TrapIsAnErrorAndNoStartIsUsage) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Result<int32_t> trapped = wasi::runCommand(linker, *Module::fromWat(engine, "(module (func (export \"_start\") unreachable))"));
  ASSERT_FALSE(trapped);
  ASSERT_TRUE(trapped.error().trap);
  EXPECT_EQ(trapped.error().trap->kind, TrapKind::Unreachable);
  Result<int32_t> noStart = wasi::runCommand(linker, *Module::fromWat(engine, "(module)"));
  ASSERT_FALSE(noStart);
  EXPECT_EQ(noStart.error().code, ErrorCode::Usage);
}

// path_open with create in a read-only preopen fails; in a read-write one
// it creates the file on the host.
constexpr const char* kCreate = R"(
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "new.txt")
  (func (export "create") (result i32)
    ;; dirfd 3, no lookup flags, path "new.txt", O_CREAT, all rights
    (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 7) (i32.const 1)
                (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 200))))
)";

TEST(Wasi, ReadOnlyPreopenForbidsCreating) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / ("api-wasi-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (wasi::Access access : {wasi::Access::ReadOnly, wasi::Access::ReadWrite}) {
    Engine engine;
    Store store(engine);
    Linker linker(store);
    wasi::Config config;
    config.preopen(dir.string(), "/data", access);
    ASSERT_TRUE(linker.defineWasi(config));
    Result<Instance> inst = linker.instantiate(*Module::fromWat(engine, kCreate));
    ASSERT_TRUE(inst) << inst.error().describe();
    Result<int32_t> errno_ = (*inst->typedFunc<int32_t()>("create"))();
    ASSERT_TRUE(errno_);
    if (access == wasi::Access::ReadOnly) {
      EXPECT_NE(*errno_, 0);
      EXPECT_FALSE(fs::exists(dir / "new.txt"));
    } else {
      EXPECT_EQ(*errno_, 0);
      EXPECT_TRUE(fs::exists(dir / "new.txt"));
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace wasmcap
