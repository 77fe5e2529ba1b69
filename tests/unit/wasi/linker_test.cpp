// The preview1 function table, the wasm-value adapters and the host
// functions registered into a runtime Linker, called on a real Memory.
#include "wasi/linker.h"

#include <set>

#include "harness.h"
#include "runtime/instance.h"
#include "runtime/memory.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using runtime::Value;

const FunctionSpec* find(const char* name) {
  for (const auto& f : preview1Functions())
    if (std::string(f.name) == name) return &f;
  return nullptr;
}

TEST(WasiLinker, DefinesAll46FunctionsWithTheirTypes) {
  const auto& fns = preview1Functions();
  EXPECT_EQ(46u, fns.size());
  std::set<std::string> names;
  for (const auto& f : fns) names.insert(f.name);
  EXPECT_EQ(46u, names.size());
  const ir::ValType i32 = ir::ValType::i32(), i64 = ir::ValType::i64();
  using VT = std::vector<ir::ValType>;
  ASSERT_NE(nullptr, find("fd_write"));
  EXPECT_EQ((VT{i32, i32, i32, i32}), find("fd_write")->type.params);
  EXPECT_EQ((VT{i32}), find("fd_write")->type.results);
  EXPECT_EQ((VT{i32, i64, i32}), find("clock_time_get")->type.params);
  EXPECT_EQ((VT{i32, i64, i32, i32}), find("fd_seek")->type.params);
  EXPECT_EQ((VT{i32, i32, i32, i32, i32, i64, i64, i32, i32}), find("path_open")->type.params);
  EXPECT_EQ((VT{i32, i32, i32, i32, i64, i64, i32}), find("path_filestat_set_times")->type.params);
  EXPECT_EQ((VT{i32}), find("proc_exit")->type.params);
  EXPECT_TRUE(find("proc_exit")->type.results.empty());
  EXPECT_TRUE(find("sched_yield")->type.params.empty());
  EXPECT_EQ((VT{i32, i32, i32, i32, i32, i32}), find("sock_recv")->type.params);
}

TEST(WasiLinker, AdapterPassesArgumentsAndTheErrno) {
  WasiHarness h;
  auto c = h.call();
  std::vector<Value> args = {Value::i32(1), Value::i64(5), Value::i32(kResult)};
  std::vector<Value> results = {Value::i32(0xFFFF)};
  EXPECT_FALSE(find("clock_time_get")->invoke(c, args, results).has_value());
  EXPECT_EQ(0u, results[0].raw.i32);
  EXPECT_GT(h.u64(kResult), 0u);
  args[0] = Value::i32(9);
  EXPECT_FALSE(find("clock_time_get")->invoke(c, args, results).has_value());
  EXPECT_EQ(static_cast<uint32_t>(Errno::Inval), results[0].raw.i32);

  std::vector<Value> exitArgs = {Value::i32(3)};
  std::vector<Value> none;
  auto trap = find("proc_exit")->invoke(c, exitArgs, none);
  ASSERT_TRUE(trap.has_value());
  EXPECT_EQ(runtime::TrapKind::Exit, trap->kind);
  EXPECT_EQ(3, trap->exitCode);
}

class NoExecutor : public runtime::Executor {
 public:
  Result<std::unique_ptr<runtime::CompiledCode>> compile(const ir::Module&) override {
    return Error(ErrorCode::Unsupported, "no tier in this test");
  }
  std::optional<runtime::Trap> call(runtime::Store&, runtime::FuncInst&, std::span<const Value>,
                                    std::span<Value>) override {
    return runtime::Trap(runtime::TrapKind::Host, "no tier in this test");
  }
};

TEST(WasiLinker, HostFunctionsUseTheCallersExportedMemory) {
  NoExecutor executor;
  runtime::Store store(executor);
  runtime::Linker linker;
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  Config config;
  config.arg("prog");
  config.stdoutStream = wasmcap::wasi::Stdio::hostFd(fds[1]);
  auto ctx = Context::create(config);
  ASSERT_TRUE(ctx.ok());
  addToLinker(linker, store, std::shared_ptr<Context>(std::move(*ctx)));

  ir::MemoryType type;
  type.limits.min = 1;
  auto mem = runtime::Memory::create(type);
  ASSERT_TRUE(mem.ok()) << mem.error().describe();
  runtime::Memory* memory = store.addMemory(std::unique_ptr<runtime::Memory>(*mem));
  runtime::Instance caller;
  caller.exports["memory"] = runtime::Extern::memory(memory);

  const runtime::Extern* fdWrite = linker.find(kPreview1Module, "fd_write");
  ASSERT_TRUE(fdWrite && fdWrite->asFunc() && fdWrite->asFunc()->isHost());
  uint8_t* base = memory->base();
  std::memcpy(base + 100, "guest says hi", 13);
  const uint32_t iov[2] = {100, 13};
  std::memcpy(base + 200, iov, 8);
  runtime::HostCallContext hc{store, &caller};
  std::vector<Value> args = {Value::i32(1), Value::i32(200), Value::i32(1), Value::i32(300)};
  std::vector<Value> results = {Value::i32(0)};
  ASSERT_FALSE(fdWrite->asFunc()->host(hc, args, results).has_value());
  EXPECT_EQ(0u, results[0].raw.i32);
  char buf[32] = {};
  ASSERT_EQ(13, ::read(fds[0], buf, sizeof buf));
  EXPECT_STREQ("guest says hi", buf);

  // Pointers are checked against the current size: just past the first page faults.
  args[3] = Value::i32(65536 - 2);
  ASSERT_FALSE(fdWrite->asFunc()->host(hc, args, results).has_value());
  EXPECT_EQ(static_cast<uint32_t>(Errno::Fault), results[0].raw.i32);
  // A caller without a memory export gets fault, not a crash.
  runtime::Instance noMemory;
  runtime::HostCallContext hc2{store, &noMemory};
  args[3] = Value::i32(300);
  ASSERT_FALSE(fdWrite->asFunc()->host(hc2, args, results).has_value());
  EXPECT_EQ(static_cast<uint32_t>(Errno::Fault), results[0].raw.i32);
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace
}  // namespace wasmcap::wasi
