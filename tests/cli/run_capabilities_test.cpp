#include "run_capabilities.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace wasmcap::cli {
namespace {

class DirSpecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("wasmcap-dirspec-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir() const { return dir_.string(); }
  std::filesystem::path dir_;
};

TEST_F(DirSpecTest, HostOnlyIsReadWriteUnderItsOwnName) {
  auto d = parseDirSpec(dir());
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d->hostPath, dir());
  EXPECT_EQ(d->guestPath, dir());
  EXPECT_EQ(d->access, wasi::Access::ReadWrite);
}

TEST_F(DirSpecTest, ReadOnlySuffix) {
  auto d = parseDirSpec(dir() + ":ro");
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d->hostPath, dir());
  EXPECT_EQ(d->guestPath, dir());
  EXPECT_EQ(d->access, wasi::Access::ReadOnly);
}

TEST_F(DirSpecTest, GuestNameWithAndWithoutMode) {
  auto rw = parseDirSpec(dir() + "::/data");
  ASSERT_TRUE(rw.ok());
  EXPECT_EQ(rw->guestPath, "/data");
  EXPECT_EQ(rw->access, wasi::Access::ReadWrite);
  auto ro = parseDirSpec(dir() + "::/data:ro");
  ASSERT_TRUE(ro.ok());
  EXPECT_EQ(ro->hostPath, dir());
  EXPECT_EQ(ro->guestPath, "/data");
  EXPECT_EQ(ro->access, wasi::Access::ReadOnly);
  auto explicitRw = parseDirSpec(dir() + "::/data:rw");
  ASSERT_TRUE(explicitRw.ok());
  EXPECT_EQ(explicitRw->access, wasi::Access::ReadWrite);
}

TEST_F(DirSpecTest, DoubleColonBeforeRoNamesTheGuest) {
  // "HOST::ro" is the guest name "ro", read-write; "HOST::ro:ro" is read-only.
  auto named = parseDirSpec(dir() + "::ro");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->guestPath, "ro");
  EXPECT_EQ(named->access, wasi::Access::ReadWrite);
  auto both = parseDirSpec(dir() + "::ro:ro");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->guestPath, "ro");
  EXPECT_EQ(both->access, wasi::Access::ReadOnly);
}

TEST_F(DirSpecTest, MalformedSpecsAreUsageErrors) {
  for (const std::string& spec : std::vector<std::string>{dir() + ":/data", dir() + "::", "::/data", std::string(), dir() + ":", dir() + ":xx",
                           dir() + "::a:b", std::string(":ro")}) {
    auto d = parseDirSpec(spec);
    ASSERT_FALSE(d.ok()) << spec;
    EXPECT_EQ(d.error().code, ErrorCode::Usage) << spec;
  }
}

TEST_F(DirSpecTest, MissingDirectoryIsAnIoError) {
  auto d = parseDirSpec(dir() + "/absent::/data");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::Io);
  EXPECT_NE(d.error().message.find("cannot open host directory"), std::string::npos);
}

TEST(EnvSpec, SplitsAtTheFirstEquals) {
  auto kv = parseEnvSpec("A=b=c");
  ASSERT_TRUE(kv.ok());
  EXPECT_EQ(kv->first, "A");
  EXPECT_EQ(kv->second, "b=c");
  auto empty = parseEnvSpec("EMPTY=");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->second, "");
  EXPECT_FALSE(parseEnvSpec("NOEQUALS").ok());
  EXPECT_FALSE(parseEnvSpec("=value").ok());
}

// The port the socket is bound to, from the host's view.
int boundPort(int fd, int family) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 || addr.ss_family != family) return -1;
  if (family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
}

TEST(ListenSocket, Ipv4LoopbackAcceptsConnections) {
  auto s = ListenSocket::open("127.0.0.1:0");
  ASSERT_TRUE(s.ok()) << s.error().describe();
  const int port = boundPort(s->fd(), AF_INET);
  ASSERT_GT(port, 0);
  int client = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  int accepted = ::accept(s->fd(), nullptr, nullptr);
  EXPECT_GE(accepted, 0);
  if (accepted >= 0) ::close(accepted);
  ::close(client);
}

TEST(ListenSocket, Ipv6InBrackets) {
  auto s = ListenSocket::open("[::1]:0");
  if (!s.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << s.error().describe();
  EXPECT_GT(boundPort(s->fd(), AF_INET6), 0);
}

TEST(ListenSocket, LocalhostListensOnALoopbackAddress) {
  auto s = ListenSocket::open("localhost:0");
  ASSERT_TRUE(s.ok()) << s.error().describe();
  const int port = std::max(boundPort(s->fd(), AF_INET), boundPort(s->fd(), AF_INET6));
  EXPECT_GT(port, 0);
}

TEST(ListenSocket, MalformedAddresses) {
  // Host names other than localhost are not looked up.
  for (const char* spec : {"127.0.0.1", "127.0.0.1:", ":80", "127.0.0.1:http", "127.0.0.1:65536", "::1:80",
                           "[::1:80", "[]:80", "example.com:80", "127.0.0.256:80", "[fe80::zz]:80"}) {
    auto s = ListenSocket::open(spec);
    ASSERT_FALSE(s.ok()) << spec;
    EXPECT_EQ(s.error().code, ErrorCode::Usage) << spec;
  }
}

TEST(ListenSocket, ABusyPortIsAnIoError) {
  auto first = ListenSocket::open("127.0.0.1:0");
  ASSERT_TRUE(first.ok());
  const std::string spec = "127.0.0.1:" + std::to_string(boundPort(first->fd(), AF_INET));
  auto second = ListenSocket::open(spec);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::Io);
}

}  // namespace
}  // namespace wasmcap::cli
