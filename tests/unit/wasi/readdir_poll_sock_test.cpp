// fd_readdir (cookies and partial buffers), poll_oneoff and the socket functions.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <set>

#include "harness.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using namespace preview1;

struct Dirent {
  uint64_t next;
  uint64_t ino;
  uint8_t type;
  std::string name;
};

// Parses whole entries of a readdir buffer; stops at a cut-off one.
std::vector<Dirent> parse(const WasiHarness& h, uint32_t at, uint32_t used) {
  std::vector<Dirent> out;
  uint32_t pos = 0;
  while (pos + 24 <= used) {
    Dirent d{h.u64(at + pos), h.u64(at + pos + 8), h.u8(at + pos + 20), ""};
    uint32_t namlen = h.u32(at + pos + 16);
    if (pos + 24 + namlen > used) break;
    d.name = h.get(at + pos + 24, namlen);
    out.push_back(d);
    pos += 24 + namlen;
  }
  return out;
}

TEST(WasiReaddir, ListsEverythingWithTypes) {
  WasiHarness h;
  h.tree.write("root/a.txt", "");
  h.tree.mkdir("root/d");
  h.tree.symlink("a.txt", "root/l");
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_readdir(c, 3, kBuf, 4096, 0, kResult));
  const uint32_t used = h.u32(kResult);
  EXPECT_LT(used, 4096u);  // everything fit
  std::map<std::string, uint8_t> types;
  for (const Dirent& d : parse(h, kBuf, used)) types[d.name] = d.type;
  EXPECT_EQ((std::map<std::string, uint8_t>{{".", 3}, {"..", 3}, {"a.txt", 4}, {"d", 3}, {"l", 7}}), types);
  EXPECT_EQ(Errno::NotCapable, fd_readdir(c, 1, kBuf, 100, 0, kResult));
  EXPECT_EQ(Errno::Fault, fd_readdir(c, 3, kMemSize - 10, 100, 0, kResult));
}

TEST(WasiReaddir, ResumesFromCookiesThroughSmallBuffers) {
  WasiHarness h;
  std::set<std::string> expected = {".", ".."};
  for (int i = 0; i < 40; ++i) {
    std::string name = "file_with_a_long_name_" + std::to_string(i);
    h.tree.write("root/" + name, "");
    expected.insert(name);
  }
  for (uint32_t bufLen : {64u, 100u, 257u, 1000u}) {
    SCOPED_TRACE(bufLen);
    std::set<std::string> seen;
    uint64_t cookie = 0;
    for (int calls = 0; calls < 1000; ++calls) {
      auto c = h.call();
      ASSERT_EQ(Errno::Success, fd_readdir(c, 3, kBuf, bufLen, cookie, kResult));
      const uint32_t used = h.u32(kResult);
      auto entries = parse(h, kBuf, used);
      for (const Dirent& d : entries) EXPECT_TRUE(seen.insert(d.name).second) << "twice: " << d.name;
      if (used < bufLen) break;  // a short buffer means the end
      // A full buffer: resume after the last whole entry (the guest reallocates
      // when not even one entry fits).
      ASSERT_FALSE(entries.empty()) << "buffer too small for one entry";
      cookie = entries.back().next;
    }
    EXPECT_EQ(expected, seen);
  }
  // A cookie past the end gives nothing.
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_readdir(c, 3, kBuf, 4096, 1000, kResult));
  EXPECT_EQ(0u, h.u32(kResult));
}

TEST(WasiReaddir, CutsTheLastEntryAtTheBufferEnd) {
  WasiHarness h;
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_readdir(c, 3, kBuf, 4096, 0, kResult));
  const uint32_t all = h.u32(kResult);  // "." and ".." only: 24+1 + 24+2
  EXPECT_EQ(51u, all);
  const std::string full = h.get(kBuf, all);
  std::fill(h.memory.begin() + kBuf, h.memory.begin() + kBuf + 100, 0xAA);
  ASSERT_EQ(Errno::Success, fd_readdir(c, 3, kBuf, 40, 0, kResult));
  EXPECT_EQ(40u, h.u32(kResult));
  EXPECT_EQ(full.substr(0, 40), h.get(kBuf, 40));
  EXPECT_EQ(0xAA, h.u8(kBuf + 40));  // nothing past the buffer
}

void setClockSub(WasiHarness& h, uint32_t index, uint64_t userdata, uint32_t clock, uint64_t timeout, uint16_t flags) {
  const uint32_t at = kBuf + 48 * index;
  std::fill(h.memory.begin() + at, h.memory.begin() + at + 48, 0);
  h.setU64(at, userdata);
  h.memory[at + 8] = 0;
  h.setU32(at + 16, clock);
  h.setU64(at + 24, timeout);
  h.setU16(at + 40, flags);
}

void setFdSub(WasiHarness& h, uint32_t index, uint64_t userdata, EventType type, uint32_t fd) {
  const uint32_t at = kBuf + 48 * index;
  std::fill(h.memory.begin() + at, h.memory.begin() + at + 48, 0);
  h.setU64(at, userdata);
  h.memory[at + 8] = static_cast<uint8_t>(type);
  h.setU32(at + 16, fd);
}

constexpr uint32_t kEvents = kBuf + 2048;

TEST(WasiPoll, RelativeAndAbsoluteClocks) {
  WasiHarness h;
  auto c = h.call();
  setClockSub(h, 0, 7, 1, 20'000'000, 0);  // 20 ms on the monotonic clock
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(Errno::Success, poll_oneoff(c, kBuf, kEvents, 1, kResult));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(20));
  EXPECT_EQ(1u, h.u32(kResult));
  EXPECT_EQ(7u, h.u64(kEvents));
  EXPECT_EQ(0u, h.u16(kEvents + 8));
  EXPECT_EQ(0u, h.u8(kEvents + 10));

  setClockSub(h, 0, 8, 0, 1'000'000'000ull, kSubclockAbstime);  // 1970: already past
  t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(Errno::Success, poll_oneoff(c, kBuf, kEvents, 1, kResult));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
  EXPECT_EQ(8u, h.u64(kEvents));

  setClockSub(h, 0, 9, 77, 0, 0);
  ASSERT_EQ(Errno::Success, poll_oneoff(c, kBuf, kEvents, 1, kResult));
  EXPECT_EQ(static_cast<uint16_t>(Errno::Inval), h.u16(kEvents + 8));
  EXPECT_EQ(Errno::Inval, poll_oneoff(c, kBuf, kEvents, 0, kResult));
  EXPECT_EQ(Errno::Fault, poll_oneoff(c, kMemSize - 40, kEvents, 1, kResult));
}

TEST(WasiPoll, FdReadinessAndErrors) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  Config config;
  config.stdinStream = wasmcap::wasi::Stdio::hostFd(fds[0]);
  WasiHarness h(config);
  h.tree.write("root/f.txt", "12345");
  Fd file = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", file));
  auto c = h.call();
  // Nothing to read on the pipe: the clock fires.
  setFdSub(h, 0, 1, EventType::FdRead, 0);
  setClockSub(h, 1, 2, 1, 10'000'000, 0);
  ASSERT_EQ(Errno::Success, poll_oneoff(c, kBuf, kEvents, 2, kResult));
  ASSERT_EQ(1u, h.u32(kResult));
  EXPECT_EQ(2u, h.u64(kEvents));
  // Data on the pipe: an fd_read event with the byte count.
  ASSERT_EQ(3, ::write(fds[1], "abc", 3));
  ASSERT_EQ(Errno::Success, poll_oneoff(c, kBuf, kEvents, 2, kResult));
  ASSERT_EQ(1u, h.u32(kResult));
  EXPECT_EQ(1u, h.u64(kEvents));
  EXPECT_EQ(static_cast<uint8_t>(EventType::FdRead), h.u8(kEvents + 10));
  EXPECT_EQ(3u, h.u64(kEvents + 16));
  // A regular file is always ready; a bad fd is reported as an event error.
  setFdSub(h, 0, 3, EventType::FdRead, file);
  setFdSub(h, 1, 4, EventType::FdWrite, 99);
  ASSERT_EQ(Errno::Success, poll_oneoff(c, kBuf, kEvents, 2, kResult));
  ASSERT_EQ(2u, h.u32(kResult));
  EXPECT_EQ(3u, h.u64(kEvents));
  EXPECT_EQ(5u, h.u64(kEvents + 16));
  EXPECT_EQ(4u, h.u64(kEvents + 32));
  EXPECT_EQ(static_cast<uint16_t>(Errno::Badf), h.u16(kEvents + 32 + 8));
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(WasiSock, AcceptSendRecvShutdown) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(0, ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr));
  ASSERT_EQ(0, ::listen(listener, 1));
  socklen_t len = sizeof addr;
  ASSERT_EQ(0, ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len));
  Config config;
  config.listenSockets.push_back(listener);
  WasiHarness h(config);  // root is fd 3, the socket fd 4
  int client = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_EQ(0, ::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr));

  auto c = h.call();
  ASSERT_EQ(Errno::Success, sock_accept(c, 4, 0, kResult));
  const Fd conn = h.u32(kResult);
  ASSERT_EQ(5, ::send(client, "hello", 5, 0));
  h.iovec(0, kBuf, 3);
  ASSERT_EQ(Errno::Success, sock_recv(c, conn, kIovecs, 1, kRecvPeek, kResult, kResult2));
  EXPECT_EQ(3u, h.u32(kResult));
  ASSERT_EQ(Errno::Success, sock_recv(c, conn, kIovecs, 1, 0, kResult, kResult2));
  EXPECT_EQ("hel", h.get(kBuf, 3));
  h.put(kBuf, "reply");
  h.iovec(0, kBuf, 5);
  ASSERT_EQ(Errno::Success, sock_send(c, conn, kIovecs, 1, 0, kResult));
  EXPECT_EQ(5u, h.u32(kResult));
  char buf[8] = {};
  ASSERT_EQ(5, ::recv(client, buf, sizeof buf, 0));
  EXPECT_STREQ("reply", buf);
  ASSERT_EQ(Errno::Success, sock_shutdown(c, conn, kShutWr));
  EXPECT_EQ(0, ::recv(client, buf, sizeof buf, 0));  // end of stream
  EXPECT_EQ(Errno::Inval, sock_shutdown(c, conn, 0));
  EXPECT_EQ(Errno::NotCapable, sock_accept(c, conn, 0, kResult));  // a connection accepts nothing
  EXPECT_EQ(Errno::NotSock, sock_shutdown(c, 3, kShutRd));
  EXPECT_EQ(Errno::Badf, sock_shutdown(c, 42, kShutRd));
  EXPECT_EQ(Errno::Fault, sock_accept(c, 4, 0, kMemSize));
  ::close(client);
  ::close(listener);
}

}  // namespace
}  // namespace wasmcap::wasi
