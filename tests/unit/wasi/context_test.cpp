#include "wasi/context.h"
#include "wasi/open_intent.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cstdlib>

#include "test_tree.h"

namespace wasmcap::wasi {
namespace {

using testing::TestTree;

TEST(WasiContext, GrantsNothingByDefault) {
  ::setenv("WASMCAP_TEST_SECRET", "x", 1);
  Config config;
  config.arg("prog");
  auto ctx = Context::create(config);
  ASSERT_TRUE(ctx.ok()) << ctx.error().describe();
  EXPECT_EQ(std::vector<std::string>{"prog"}, (*ctx)->args());
  EXPECT_TRUE((*ctx)->env().empty());
  EXPECT_EQ(nullptr, (*ctx)->fds().get(3));
  EXPECT_EQ(3u, (*ctx)->fds().openCount());
}

TEST(WasiContext, PassesExplicitAndInheritedEnvironment) {
  ::setenv("WASMCAP_TEST_INHERITED", "yes", 1);
  Config config;
  config.setEnv("A", "1").setEnv("B", "two words");
  auto ctx = Context::create(config);
  ASSERT_TRUE(ctx.ok());
  EXPECT_EQ((std::vector<std::string>{"A=1", "B=two words"}), (*ctx)->env());

  config.inheritEnv = true;
  auto inherited = Context::create(config);
  ASSERT_TRUE(inherited.ok());
  const auto& env = (*inherited)->env();
  EXPECT_NE(std::find(env.begin(), env.end(), "WASMCAP_TEST_INHERITED=yes"), env.end());
  EXPECT_EQ("B=two words", env.back());

  Config bad;
  bad.setEnv("X=Y", "z");
  EXPECT_FALSE(Context::create(bad).ok());
}

TEST(WasiContext, PreopensStartAtThreeWithTheirPermissions) {
  TestTree tree;
  tree.mkdir("root/ro");
  Config config;
  config.preopen(tree.root(), "/").preopen(tree.path("root/ro"), "ro", wasmcap::wasi::Access::ReadOnly);
  auto ctx = Context::create(config);
  ASSERT_TRUE(ctx.ok());
  FdEntry* rw = (*ctx)->fds().get(3);
  FdEntry* ro = (*ctx)->fds().get(4);
  ASSERT_TRUE(rw && ro);
  EXPECT_EQ("/", rw->preopenName.value_or(""));
  EXPECT_EQ("ro", ro->preopenName.value_or(""));
  EXPECT_EQ(FileType::Directory, rw->type);
  EXPECT_TRUE(rw->has(right::PathCreateFile | right::PathUnlinkFile | right::PathOpen));
  EXPECT_TRUE(rw->inheriting & right::FdWrite);
  EXPECT_TRUE(ro->has(right::PathOpen | right::FdReaddir | right::PathFilestatGet));
  EXPECT_EQ(0u, ro->base & right::Mutating);
  // Write rights are advertised to files beneath (so that wasi-libc asks for
  // them and path_open refuses the open), nothing else that mutates.
  EXPECT_EQ(kOpenWriteRights, ro->inheriting & right::Mutating);
  EXPECT_EQ(wasmcap::wasi::Access::ReadOnly, ro->access);
  EXPECT_EQ("ro", *ro->grant);
}

TEST(WasiContext, MissingPreopenIsAnIoError) {
  Config config;
  config.preopen("/nonexistent/wasmcap/dir", "/");
  auto ctx = Context::create(config);
  ASSERT_FALSE(ctx.ok());
  EXPECT_EQ(ErrorCode::Io, ctx.error().code);
  EXPECT_NE(std::string::npos, ctx.error().message.find("/nonexistent/wasmcap/dir"));
}

TEST(WasiContext, StdioCanBeReplacedOrClosed) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  Config config;
  config.stdinStream = wasmcap::wasi::Stdio::closed();
  config.stdoutStream = wasmcap::wasi::Stdio::hostFd(fds[1]);
  auto ctx = Context::create(config);
  ASSERT_TRUE(ctx.ok());
  EXPECT_EQ(nullptr, (*ctx)->fds().get(0));
  FdEntry* out = (*ctx)->fds().get(1);
  ASSERT_NE(nullptr, out);
  EXPECT_NE(fds[1], out->host.get());  // a duplicate: the guest cannot close ours
  EXPECT_EQ(0u, out->base & (right::FdSeek | right::FdTell));  // a pipe cannot seek
  ASSERT_EQ(3, ::write(out->host.get(), "abc", 3));
  char buf[4] = {};
  ASSERT_EQ(3, ::read(fds[0], buf, 3));
  EXPECT_STREQ("abc", buf);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(WasiContext, ListeningSocketsFollowThePreopens) {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  TestTree tree;
  Config config;
  config.preopen(tree.root(), "/");
  config.listenSockets.push_back(sock);
  auto ctx = Context::create(config);
  ASSERT_TRUE(ctx.ok());
  FdEntry* s = (*ctx)->fds().get(4);
  ASSERT_NE(nullptr, s);
  EXPECT_EQ(FileType::SocketStream, s->type);
  EXPECT_TRUE(s->has(right::SockAccept));
  ::close(sock);

  Config notSocket;
  notSocket.listenSockets.push_back(0);
  int devnull = ::open("/dev/null", O_RDONLY);
  notSocket.listenSockets[0] = devnull;
  EXPECT_FALSE(Context::create(notSocket).ok());
  ::close(devnull);
}

TEST(WasiFdTable, AllocatesLowestFreeAndRenumbers) {
  FdTable table(5);
  Fd a, b, c;
  ASSERT_EQ(Errno::Success, table.insert(FdEntry{}, a));
  ASSERT_EQ(Errno::Success, table.insert(FdEntry{}, b));
  ASSERT_EQ(Errno::Success, table.insert(FdEntry{}, c));
  EXPECT_EQ(0u, a);
  EXPECT_EQ(2u, c);
  EXPECT_EQ(Errno::Success, table.close(b));
  EXPECT_EQ(Errno::Badf, table.close(b));
  Fd d;
  ASSERT_EQ(Errno::Success, table.insert(FdEntry{}, d));
  EXPECT_EQ(1u, d);
  table.get(a)->base = right::FdRead;
  EXPECT_EQ(Errno::Badf, table.renumber(a, 7));
  EXPECT_EQ(Errno::Success, table.renumber(a, c));
  EXPECT_EQ(nullptr, table.get(a));
  EXPECT_EQ(right::FdRead, table.get(c)->base);
  EXPECT_EQ(2u, table.openCount());
}

TEST(WasiFdTable, ChecksRightsAndLimit) {
  FdTable table(2);
  FdEntry e;
  e.base = right::FdRead;
  Fd fd, other;
  ASSERT_EQ(Errno::Success, table.insert(std::move(e), fd));
  FdEntry* out = nullptr;
  EXPECT_EQ(Errno::Success, table.lookup(fd, right::FdRead, out));
  EXPECT_EQ(Errno::NotCapable, table.lookup(fd, right::FdRead | right::FdWrite, out));
  EXPECT_EQ(Errno::Badf, table.lookup(99, 0, out));
  ASSERT_EQ(Errno::Success, table.insert(FdEntry{}, other));
  EXPECT_EQ(Errno::Nfile, table.insert(FdEntry{}, other));
}

}  // namespace
}  // namespace wasmcap::wasi
