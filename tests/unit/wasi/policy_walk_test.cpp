// All 46 preview1 functions, one at a time, called through the host
// functions the linker makes (as a wasm call reaches them): denied, each
// returns ENOTCAPABLE (or traps under DenyMode::Trap), writes one audit
// record and leaves the host, the guest memory and the descriptor table as
// they were; allowed, with an audit log switched on, each behaves exactly as
// the bare function does.
#include <sys/stat.h>

#include <map>
#include <set>

#include "harness.h"
#include "runtime/instance.h"
#include "runtime/memory.h"
#include "wasi/linker.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using runtime::Value;

// Places in guest memory.
constexpr uint64_t kFile = 0x100, kNew = 0x200, kOther = 0x300, kSub = 0x380;  // paths
constexpr uint64_t kIov = 0x400, kOut = 0x500, kOut2 = 0x508, kSubs = 0x700, kEvents = 0x800, kData = 0x1000,
                   kBuffer = 0x2000;
constexpr uint64_t kFileLen = 8, kNewLen = 6, kOtherLen = 9, kSubLen = 3;
// Descriptors: 3 is the preopened root, 4 "file.txt" opened for reading and writing.
constexpr uint64_t kDir = 3, kFd = 4;

// Arguments that make each call do something the host would see, when it
// is allowed to.
const std::map<std::string, std::vector<uint64_t>>& callArguments() {
  static const std::map<std::string, std::vector<uint64_t>> args = {
      {"args_get", {kOut, kBuffer}},
      {"args_sizes_get", {kOut, kOut2}},
      {"environ_get", {kOut, kBuffer}},
      {"environ_sizes_get", {kOut, kOut2}},
      {"clock_res_get", {1, kOut}},
      {"clock_time_get", {1, 1, kOut}},
      {"fd_advise", {kFd, 0, 5, 0}},
      {"fd_allocate", {kFd, 0, 100}},
      {"fd_close", {kFd}},
      {"fd_datasync", {kFd}},
      {"fd_fdstat_get", {kFd, kOut}},
      {"fd_fdstat_set_flags", {kFd, fdflag::Append}},
      {"fd_fdstat_set_rights", {kFd, 0, 0}},
      {"fd_filestat_get", {kFd, kOut}},
      {"fd_filestat_set_size", {kFd, 0}},
      {"fd_filestat_set_times", {kFd, 0, 0, fstflag::AtimNow | fstflag::MtimNow}},
      {"fd_pread", {kFd, kIov, 1, 0, kOut}},
      {"fd_prestat_get", {kDir, kOut}},
      {"fd_prestat_dir_name", {kDir, kBuffer, 1}},
      {"fd_pwrite", {kFd, kIov, 1, 0, kOut}},
      {"fd_read", {kFd, kIov, 1, kOut}},
      {"fd_readdir", {kDir, kBuffer, 256, 0, kOut}},
      {"fd_renumber", {kFd, kDir}},
      {"fd_seek", {kFd, 2, 0, kOut}},
      {"fd_sync", {kFd}},
      {"fd_tell", {kFd, kOut}},
      {"fd_write", {kFd, kIov, 1, kOut}},
      {"path_create_directory", {kDir, kNew, kNewLen}},
      {"path_filestat_get", {kDir, 0, kFile, kFileLen, kOut}},
      {"path_filestat_set_times", {kDir, 0, kFile, kFileLen, 0, 0, fstflag::MtimNow}},
      {"path_link", {kDir, 0, kFile, kFileLen, kDir, kOther, kOtherLen}},
      {"path_open", {kDir, 0, kNew, kNewLen, oflag::Creat, right::FdRead | right::FdWrite, 0, 0, kOut}},
      {"path_readlink", {kDir, kFile, kFileLen, kBuffer, 256, kOut}},
      {"path_remove_directory", {kDir, kSub, kSubLen}},
      {"path_rename", {kDir, kFile, kFileLen, kDir, kOther, kOtherLen}},
      {"path_symlink", {kFile, kFileLen, kDir, kOther, kOtherLen}},
      {"path_unlink_file", {kDir, kFile, kFileLen}},
      {"poll_oneoff", {kSubs, kEvents, 1, kOut}},
      {"proc_exit", {7}},
      {"proc_raise", {9}},
      {"sched_yield", {}},
      {"random_get", {kBuffer, 16}},
      {"sock_accept", {kFd, 0, kOut}},
      {"sock_recv", {kFd, kIov, 1, 0, kOut, kOut2}},
      {"sock_send", {kFd, kIov, 1, 0, kOut}},
      {"sock_shutdown", {kFd, 2}},
  };
  return args;
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

// What one call did.
struct Outcome {
  std::optional<uint32_t> errnoValue;        // the result, when it returned
  std::optional<runtime::TrapKind> trap;     // the trap, when it trapped
  std::map<std::string, std::string> treeBefore;  // the host directory before the call
  std::map<std::string, std::string> tree;        // and afterwards
  std::vector<uint8_t> memory;               // guest memory afterwards
  uint32_t openFds = 0;
  std::vector<AuditRecord> audit;
};

// One program: a tree with "file.txt" and "sub/", a context over it (fd 4
// opened on file.txt), a memory laid out for callArguments(), and the 46
// host functions linked under `policy`.
Outcome callOnce(const std::string& function, const Policy& policy, bool audit) {
  TestTree tree;
  tree.write("root/file.txt", "content");
  tree.mkdir("root/sub");
  Config config;
  config.arg("walker").setEnv("KEY", "value");
  config.preopen(tree.root(), "/");
  config.policy = policy;
  auto records = std::make_shared<std::vector<AuditRecord>>();
  if (audit) config.audit = AuditLog::callback([records](const AuditRecord& r) { records->push_back(r); });
  auto created = Context::create(config);
  EXPECT_TRUE(created.ok());
  std::shared_ptr<Context> ctx = std::move(*created);

  NoExecutor executor;
  runtime::Store store(executor);
  ir::MemoryType type;
  type.limits.min = 1;
  auto mem = runtime::Memory::create(type);
  EXPECT_TRUE(mem.ok());
  runtime::Memory* memory = store.addMemory(std::unique_ptr<runtime::Memory>(*mem));
  uint8_t* base = memory->base();
  auto put = [&](uint64_t at, std::string_view s) { std::memcpy(base + at, s.data(), s.size()); };
  put(kFile, "file.txt");
  put(kNew, "newdir");
  put(kOther, "moved.txt");
  put(kSub, "sub");
  put(kData, "hello");
  const uint32_t iov[2] = {static_cast<uint32_t>(kData), 5};
  std::memcpy(base + kIov, iov, sizeof iov);
  // One subscription: the monotonic clock, 1ns from now.
  const uint8_t clockTag = 0;
  const uint32_t monotonic = 1;
  const uint64_t timeout = 1;
  std::memcpy(base + kSubs + 8, &clockTag, 1);
  std::memcpy(base + kSubs + 16, &monotonic, 4);
  std::memcpy(base + kSubs + 24, &timeout, 8);

  // fd 4: file.txt, through the bare function (before the policy applies).
  {
    Call c{*ctx, GuestMemory(base, memory->sizeBytes()), std::nullopt};
    const Rights rights = right::RegularFileBase;
    EXPECT_EQ(Errno::Success, preview1::path_open(c, kDir, 0, kFile, kFileLen, 0, rights, 0, 0, kOut));
    uint32_t opened = 0;
    std::memcpy(&opened, base + kOut, 4);
    EXPECT_EQ(kFd, opened);
    std::memset(base + kOut, 0, 8);
  }

  runtime::Linker linker;
  addToLinker(linker, store, ctx);
  runtime::Instance caller;
  caller.name = "walker";
  caller.exports["memory"] = runtime::Extern::memory(memory);
  runtime::HostCallContext hc{store, &caller};

  const runtime::Extern* ext = linker.find(kPreview1Module, function);
  EXPECT_TRUE(ext && ext->asFunc());
  const runtime::FuncInst& fn = *ext->asFunc();
  const std::vector<uint64_t>& raw = callArguments().at(function);
  const ir::FuncType& fnType = fn.type;
  EXPECT_EQ(fnType.params.size(), raw.size()) << function;
  std::vector<Value> args;
  for (size_t i = 0; i < raw.size() && i < fnType.params.size(); ++i)
    args.push_back(fnType.params[i] == ir::ValType::i64() ? Value::i64(static_cast<int64_t>(raw[i]))
                                                          : Value::i32(static_cast<uint32_t>(raw[i])));
  std::vector<Value> results(fnType.results.size());

  Outcome out;
  out.treeBefore = tree.snapshot("root");
  std::optional<runtime::Trap> trap = fn.host(hc, args, results);
  if (trap) out.trap = trap->kind;
  else if (!results.empty()) out.errnoValue = results[0].raw.i32;
  out.tree = tree.snapshot("root");
  out.memory.assign(base, base + memory->sizeBytes());
  out.openFds = ctx->fds().openCount();
  out.audit = *records;
  return out;
}

// Paths relative to root/, for comparing trees of different runs.
std::map<std::string, std::string> relative(const std::map<std::string, std::string>& tree) {
  std::map<std::string, std::string> out;
  for (const auto& [path, what] : tree) {
    const size_t at = path.find("/root/");
    std::string value = what;
    // Times differ between runs; what matters is whether they changed.
    if (value.rfind("file:", 0) == 0) value = value.substr(0, value.rfind(':'));
    out[path.substr(at + 6)] = value;
  }
  return out;
}

class PolicyWalk : public ::testing::TestWithParam<DenyMode> {};

TEST_P(PolicyWalk, EachFunctionDeniedAloneIsRefusedAuditedAndTouchesNothing) {
  ASSERT_EQ(46u, callArguments().size());
  ASSERT_EQ(kFunctionCount, preview1Functions().size());
  // What an untouched program looks like after a call that does nothing.
  Policy denySchedYield;
  ASSERT_TRUE(denySchedYield.deny("sched_yield").ok());
  const Outcome untouched = callOnce("sched_yield", denySchedYield, true);
  ASSERT_EQ(1u, untouched.audit.size());

  for (const FunctionSpec& spec : preview1Functions()) {
    SCOPED_TRACE(spec.name);
    Policy policy;
    policy.denyMode = GetParam();
    ASSERT_TRUE(policy.deny(spec.name).ok());
    const Outcome o = callOnce(spec.name, policy, true);
    if (GetParam() == DenyMode::Trap) {
      ASSERT_TRUE(o.trap.has_value());
      EXPECT_EQ(runtime::TrapKind::Host, *o.trap);
    } else {
      EXPECT_FALSE(o.trap.has_value());
      if (spec.type.results.empty()) continue;  // proc_exit returns nothing: it must trap or return
      EXPECT_EQ(std::optional<uint32_t>(76), o.errnoValue);
    }
    ASSERT_EQ(1u, o.audit.size());
    EXPECT_EQ(spec.name, o.audit[0].function);
    EXPECT_EQ("walker", o.audit[0].instance);
    EXPECT_EQ(76, o.audit[0].errnoValue);
    EXPECT_EQ(GetParam() == DenyMode::Trap, o.audit[0].trapped);
    EXPECT_EQ(0u, o.audit[0].rule.rfind("policy denies " + std::string(spec.name), 0)) << o.audit[0].rule;
    EXPECT_EQ(o.treeBefore, o.tree) << "the host directory changed";
    EXPECT_TRUE(untouched.memory == o.memory) << "guest memory written";
    EXPECT_EQ(untouched.openFds, o.openFds);
  }
}

INSTANTIATE_TEST_SUITE_P(BothModes, PolicyWalk, ::testing::Values(DenyMode::Errno, DenyMode::Trap),
                         [](const auto& info) { return info.param == DenyMode::Trap ? "Trap" : "Errno"; });

// The calls whose arguments change the host directory when they run: the
// walk above shows that denying them keeps it as it was.
const std::set<std::string> kChangesHost = {
    "fd_allocate", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pwrite", "fd_write",
    "path_create_directory", "path_filestat_set_times", "path_link", "path_open", "path_remove_directory",
    "path_rename", "path_symlink", "path_unlink_file"};

TEST(PolicyWalk, EachFunctionAllowedBehavesAsWithoutThePolicy) {
  for (const FunctionSpec& spec : preview1Functions()) {
    SCOPED_TRACE(spec.name);
    // The bare function (no audit log: linked as it is) and the same call
    // through the checks (an audit log, every function allowed).
    const Outcome bare = callOnce(spec.name, Policy(), false);
    const Outcome checked = callOnce(spec.name, Policy(), true);
    EXPECT_EQ(bare.errnoValue, checked.errnoValue);
    EXPECT_EQ(bare.trap, checked.trap);
    EXPECT_EQ(relative(bare.tree), relative(checked.tree));
    EXPECT_EQ(bare.openFds, checked.openFds);
    EXPECT_EQ(kChangesHost.contains(spec.name), bare.tree != bare.treeBefore);
    EXPECT_EQ(kChangesHost.contains(spec.name), checked.tree != checked.treeBefore);
  }
}

// A function allowed in some groups only: each call is put into the group
// of the descriptor it acts on.
TEST(PolicyWalk, ACallIsAllowedByTheGroupOfItsDescriptor) {
  Policy stdioOnly = Policy::denyAll();
  ASSERT_TRUE(stdioOnly.allow("stdio").ok());
  const Outcome refused = callOnce("fd_write", stdioOnly, true);  // on file.txt
  EXPECT_EQ(std::optional<uint32_t>(76), refused.errnoValue);
  EXPECT_EQ(refused.treeBefore, refused.tree);
  ASSERT_EQ(1u, refused.audit.size());
  EXPECT_EQ("policy denies fd_write (fs-write)", refused.audit[0].rule);
  EXPECT_EQ(std::optional<uint32_t>(4), refused.audit[0].fd);

  Policy withFiles = stdioOnly;
  ASSERT_TRUE(withFiles.allow("fs-write").ok());
  const Outcome written = callOnce("fd_write", withFiles, true);
  EXPECT_EQ(std::optional<uint32_t>(0), written.errnoValue);
  EXPECT_NE(written.treeBefore, written.tree);
  EXPECT_TRUE(written.audit.empty());
}

// path_open is fs-read or fs-write by what it asks for.
TEST(PolicyWalk, PathOpenThatCreatesNeedsFsWrite) {
  Policy readOnly = Policy::denyAll();
  ASSERT_TRUE(readOnly.allow("fs-read").ok());
  const Outcome o = callOnce("path_open", readOnly, true);  // O_CREAT newdir
  EXPECT_EQ(std::optional<uint32_t>(76), o.errnoValue);
  EXPECT_EQ(o.treeBefore, o.tree);
  ASSERT_EQ(1u, o.audit.size());
  EXPECT_EQ("policy denies path_open (fs-write)", o.audit[0].rule);
  EXPECT_EQ(std::optional<std::string>("newdir"), o.audit[0].path);
}

}  // namespace
}  // namespace wasmcap::wasi
