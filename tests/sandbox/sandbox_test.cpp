// Host side of the sandbox escape programs: builds a hostile tree, runs
// escape.wasm with a read-write and a read-only preopen (with each path
// resolver) and checks the errno of every attempt, that no secret came back,
// and that nothing outside the read-write preopen changed.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "../unit/wasi/test_tree.h"
#include "interp/interpreter.h"
#include "wasi/command.h"
#include "wasi/path_resolver.h"

namespace wasmcap::wasi {
namespace {

using testing::TestTree;

constexpr unsigned kOk = 0, kInval = 28, kLoop = 32, kNoEnt = 44, kPerm = 63, kNotCapable = 76;

// Attempts made against both preopens: the read-write outcome, then the
// read-only one (where a missing right is reported before any lookup).
const std::map<std::string, std::pair<unsigned, unsigned>> kEscapes = {
    {"read_dotdot", {kPerm, kPerm}},
    {"read_absolute", {kPerm, kPerm}},
    {"read_link_abs", {kPerm, kPerm}},
    {"read_link_rel", {kPerm, kPerm}},
    {"read_link_parent", {kPerm, kPerm}},
    {"read_dirlink_dotdot", {kPerm, kPerm}},
    {"read_link_chain", {kPerm, kPerm}},
    {"read_link_nofollow", {kLoop, kLoop}},
    {"read_loop", {kLoop, kLoop}},
    {"read_trailing_slash", {kPerm, kPerm}},
    {"create_dangling", {kPerm, kNotCapable}},
    {"create_dotdot", {kPerm, kNotCapable}},
    {"trunc_link", {kPerm, kNotCapable}},
    {"mkdir_dotdot", {kPerm, kNotCapable}},
    {"mkdir_via_link", {kPerm, kNotCapable}},
    {"unlink_dotdot", {kPerm, kNotCapable}},
    {"unlink_via_link", {kPerm, kNotCapable}},
    {"rmdir_dotdot", {kPerm, kNotCapable}},
    {"rename_out", {kPerm, kNotCapable}},
    {"rename_in", {kPerm, kNotCapable}},
    {"rename_via_link", {kPerm, kNotCapable}},
    {"hardlink_in", {kPerm, kNotCapable}},
    {"hardlink_via_link", {kPerm, kNotCapable}},
    {"hardlink_follow", {kInval, kNotCapable}},
    {"symlink_absolute", {kPerm, kNotCapable}},
    {"symlink_out_create", {kOk, kNotCapable}},  // a link is made inside; following it must fail
    {"symlink_out_read", {kPerm, kNoEnt}},
    {"stat_link_out", {kPerm, kPerm}},
    {"set_times_link_out", {kPerm, kNotCapable}},
    // Beneath the read-only preopen, asking for every right is asking to
    // write: refused at the open, before the path is looked at.
    {"open_dir_link_parent", {kPerm, kNotCapable}},
};

const std::map<std::string, unsigned> kReadOnlyRules = {
    {"ro_create", kNotCapable},        {"ro_trunc", kNotCapable},       {"ro_write_existing", kNotCapable},
    {"ro_append", kNotCapable},        {"ro_set_size", kNotCapable},    {"ro_allocate", kNotCapable},
    {"ro_fd_set_times", kNotCapable},  {"ro_set_append", kNotCapable},  {"ro_mkdir", kNotCapable},
    {"ro_unlink", kNotCapable},        {"ro_rmdir", kNotCapable},       {"ro_rename", kNotCapable},
    {"ro_symlink", kNotCapable},       {"ro_link", kNotCapable},        {"ro_path_set_times", kNotCapable},
    {"ro_regain_rights", kNotCapable}, {"ro_subdir_mkdir", kNotCapable}, {"ro_subdir_create", kNotCapable},
    {"ro_open_write", kNotCapable},    {"ro_read", kOk},
};

void buildPreopen(const TestTree& tree, const std::string& dir, const std::string& content) {
  tree.mkdir(dir + "/sub");
  tree.mkdir(dir + "/empty");
  tree.write(dir + "/file.txt", content);
  tree.symlink(tree.path("outside/secret.txt"), dir + "/link_abs");
  tree.symlink("../outside/secret.txt", dir + "/link_rel");
  tree.symlink("..", dir + "/link_parent");
  tree.symlink("sub", dir + "/dir_link");
  tree.symlink("sub/../link_parent/outside", dir + "/chain");
  tree.symlink("../outside/created_by_guest.txt", dir + "/dangling");
  tree.symlink("loop_b", dir + "/loop_a");
  tree.symlink("loop_a", dir + "/loop_b");
}

// Runs tests/sandbox/<program>.wasm with "rw" and "ro" preopens of `tree`
// and returns what it printed.
std::string runProgram(const char* program, const TestTree& tree, ResolverKind resolver) {
  std::ifstream in(std::string(WASMCAP_SANDBOX_DIR) + "/" + program + ".wasm", std::ios::binary);
  EXPECT_TRUE(in) << program << ".wasm was not built";
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string outPath = tree.path("stdout");
  int out = ::open(outPath.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  EXPECT_GE(out, 0);
  Config config;
  config.arg(program);
  config.preopen(tree.path("rw"), "/rw").preopen(tree.path("ro"), "/ro", wasmcap::wasi::Access::ReadOnly);
  config.stdoutStream = wasmcap::wasi::Stdio::hostFd(out);
  config.pathResolution = wasmcap::wasi::pathResolutionOf(resolver);
  interp::Interpreter executor;
  runtime::Store store(executor);
  auto outcome = runCommandBytes(store, std::move(bytes), config);
  ::close(out);
  EXPECT_TRUE(outcome.ok()) << outcome.error().describe();
  if (outcome.ok()) {
    EXPECT_EQ(0, outcome->exitCode) << (outcome->trap ? outcome->trap->describe() : "");
  }
  return tree.read("stdout");
}

// "name value" lines; "*.data" lines (what a read returned) go to `data`.
std::map<std::string, unsigned> parseResults(const std::string& output, std::map<std::string, std::string>& data) {
  std::map<std::string, unsigned> got;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    const size_t space = line.find(' ');
    EXPECT_NE(std::string::npos, space) << line;
    if (space == std::string::npos) continue;
    const std::string name = line.substr(0, space), value = line.substr(space + 1);
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".data") == 0) data[name] = value;
    else got[name] = static_cast<unsigned>(std::stoul(value));
  }
  return got;
}

void skipWithoutToolchain() {
#if !WASMCAP_SANDBOX_TOOLCHAIN
  GTEST_SKIP() << "no wasm32-wasi C toolchain (clang, lld, wasi-libc, libclang-rt-dev-wasm32) was found at "
                  "configure time, so the sandbox programs were not built";
#endif
}

// A secret outside the preopens, a read-write and a read-only preopen, and
// snapshots of what must not change; each test runs one escape program.
class SandboxEscapes : public ::testing::TestWithParam<ResolverKind> {
 protected:
  void SetUp() override {
    skipWithoutToolchain();
    if (IsSkipped()) return;
    if (GetParam() == ResolverKind::Openat2 && !openat2Available()) GTEST_SKIP() << "no openat2 on this kernel";
    tree.write("outside/secret.txt", "TOPSECRET");
    buildPreopen(tree, "rw", "readwrite");
    buildPreopen(tree, "ro", "readonly");
    outsideBefore = tree.snapshot("outside");
    roBefore = tree.snapshot("ro");
  }

  TestTree tree;
  std::map<std::string, std::string> outsideBefore, roBefore;
};

TEST_P(SandboxEscapes, EveryAttemptFailsAndNothingOutsideChanges) {
  const std::string output = runProgram("escape", tree, GetParam());
  EXPECT_EQ(std::string::npos, output.find("TOPSECRET")) << "the secret leaked";
  EXPECT_EQ(std::string::npos, output.find("root:")) << "/etc/passwd leaked";
  std::map<std::string, std::string> data;
  const auto got = parseResults(output, data);
  std::map<std::string, unsigned> expected;
  for (const auto& [name, results] : kEscapes) {
    expected["rw." + name] = results.first;
    expected["ro." + name] = results.second;
  }
  for (const auto& [name, result] : kReadOnlyRules) expected["ro." + name] = result;
  expected["rw.legit_create"] = kOk;
  expected["rw.legit_mkdir"] = kOk;
  // Attempt by attempt, so that a failure names the attempt.
  for (const auto& [name, result] : expected) {
    auto it = got.find(name);
    if (it == got.end()) ADD_FAILURE() << name << " was not reported";
    else EXPECT_EQ(result, it->second) << name;
  }
  for (const auto& [name, result] : got) EXPECT_TRUE(expected.contains(name)) << "unexpected " << name;
  EXPECT_EQ((std::map<std::string, std::string>{{"ro.ro_read.data", "readonly"}}), data);

  EXPECT_EQ(outsideBefore, tree.snapshot("outside")) << "something outside the preopens changed";
  EXPECT_EQ(roBefore, tree.snapshot("ro")) << "the read-only preopen changed";
  EXPECT_EQ("pwned", tree.read("rw/made_by_guest.txt"));
  EXPECT_TRUE(tree.exists("rw/dir_by_guest"));
  EXPECT_EQ("readwrite", tree.read("rw/file.txt"));
  for (const char* stolen : {"rw/stolen.txt", "rw/stolen2.txt", "rw/hard.txt", "rw/hard2.txt", "rw/hard3.txt"})
    EXPECT_FALSE(tree.exists(stolen)) << stolen;
}

// Through wasi-libc: every escape fails (with the errno our calls give, or
// wasi-libc's own when no preopen matches), the read-only preopen refuses
// every change, and ordinary use works.
TEST_P(SandboxEscapes, LibcProgramGetsNoFurther) {
  const std::string output = runProgram("escape_libc", tree, GetParam());
  EXPECT_EQ(std::string::npos, output.find("TOPSECRET")) << "the secret leaked";
  std::map<std::string, std::string> data;
  const auto got = parseResults(output, data);

  const std::vector<std::string> escapeNames = {
      "fopen_dotdot",    "fopen_link_rel", "fopen_link_abs",      "fopen_link_chain",
      "fopen_dangling_w", "open_creat_via_link", "mkdir_dotdot",  "unlink_via_link",
      "rename_out",      "link_in",        "stat_link_rel",       "opendir_link_parent",
      "truncate_link_rel"};
  // wasi-libc's errno values are WASI's. Every path names a preopen, so the
  // errno comes from our resolver (perm), not from wasi-libc's lookup.
  for (const std::string& p : {std::string("rw."), std::string("ro.")}) {
    for (const std::string& name : escapeNames) {
      auto it = got.find(p + name);
      ASSERT_NE(got.end(), it) << p + name << " missing from:\n" << output;
      // Read-only: a missing right may be reported before the lookup fails.
      const bool ok = it->second == kPerm || (p == "ro." && it->second == kNotCapable);
      EXPECT_TRUE(ok) << p + name << " gave errno " << it->second << "; output:\n" << output;
    }
  }
  for (const char* name : {"ro.ro_fopen_w", "ro.ro_fopen_a", "ro.ro_fopen_new", "ro.ro_mkdir", "ro.ro_unlink",
                           "ro.ro_rename", "ro.ro_symlink", "ro.ro_truncate"}) {
    auto it = got.find(name);
    ASSERT_NE(got.end(), it) << name;
    EXPECT_EQ(kNotCapable, it->second) << name;
  }
  EXPECT_EQ(kOk, got.at("rw.legit_write"));
  EXPECT_EQ(kOk, got.at("ro.ro_read"));
  EXPECT_EQ((std::map<std::string, std::string>{{"ro.ro_read.data", "readonly"}}), data);
  EXPECT_EQ(outsideBefore, tree.snapshot("outside")) << "something outside the preopens changed";
  EXPECT_EQ(roBefore, tree.snapshot("ro")) << "the read-only preopen changed";
  EXPECT_EQ("pwned", tree.read("rw/libc_made.txt"));
  EXPECT_EQ("readwrite", tree.read("rw/file.txt"));
}

INSTANTIATE_TEST_SUITE_P(BothResolvers, SandboxEscapes,
                         ::testing::Values(ResolverKind::Openat2, ResolverKind::Components),
                         [](const auto& info) {
                           return info.param == ResolverKind::Openat2 ? std::string("Openat2")
                                                                      : std::string("Components");
                         });

}  // namespace
}  // namespace wasmcap::wasi
