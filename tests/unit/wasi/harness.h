// Calls preview1 functions directly on a plain byte buffer standing in for
// linear memory, with a Context over a scratch tree (fd 3 = root/ as "/").
#pragma once
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "test_tree.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi {
inline void PrintTo(Errno e, std::ostream* os) { *os << errnoName(e); }
}  // namespace wasmcap::wasi

namespace wasmcap::wasi::testing {

// Fixed places in the test memory.
constexpr uint32_t kResult = 256;   // out-parameters
constexpr uint32_t kResult2 = 264;
constexpr uint32_t kPath = 1024;    // path strings
constexpr uint32_t kPath2 = 1536;
constexpr uint32_t kIovecs = 2048;
constexpr uint32_t kBuf = 4096;     // data buffers
constexpr uint32_t kMemSize = 65536;

class WasiHarness {
 public:
  explicit WasiHarness(Config config = {}, bool preopenRoot = true) {
    if (preopenRoot) config.preopens.insert(config.preopens.begin(), Preopen{tree.root(), "/", Access::ReadWrite});
    auto created = Context::create(config);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().describe());
    if (created.ok()) ctx = std::move(*created);
    memory.assign(kMemSize, 0);
  }

  Call call() { return Call{*ctx, GuestMemory(memory.data(), memory.size()), std::nullopt, nullptr}; }

  uint32_t put(uint32_t at, std::string_view s) {
    std::memcpy(memory.data() + at, s.data(), s.size());
    return static_cast<uint32_t>(s.size());
  }
  std::string get(uint32_t at, uint32_t len) const {
    return std::string(reinterpret_cast<const char*>(memory.data() + at), len);
  }
  uint8_t u8(uint32_t at) const { return memory[at]; }
  uint16_t u16(uint32_t at) const { uint16_t v; std::memcpy(&v, memory.data() + at, 2); return v; }
  uint32_t u32(uint32_t at) const { uint32_t v; std::memcpy(&v, memory.data() + at, 4); return v; }
  uint64_t u64(uint32_t at) const { uint64_t v; std::memcpy(&v, memory.data() + at, 8); return v; }
  void setU32(uint32_t at, uint32_t v) { std::memcpy(memory.data() + at, &v, 4); }
  void setU64(uint32_t at, uint64_t v) { std::memcpy(memory.data() + at, &v, 8); }
  void setU16(uint32_t at, uint16_t v) { std::memcpy(memory.data() + at, &v, 2); }
  void iovec(uint32_t index, uint32_t buf, uint32_t len) {
    setU32(kIovecs + 8 * index, buf);
    setU32(kIovecs + 8 * index + 4, len);
  }

  // path_open beneath `dirFd`; returns the errno and sets `fd` on success.
  Errno open(std::string_view path, Fd& fd, uint32_t oflags = 0, Rights base = right::All,
             Rights inheriting = right::All, uint32_t fdflags = 0, uint32_t lookup = kLookupSymlinkFollow,
             Fd dirFd = 3) {
    auto c = call();
    uint32_t len = put(kPath, path);
    Errno e = preview1::path_open(c, dirFd, lookup, kPath, len, oflags, base, inheriting, fdflags, kResult);
    if (e == Errno::Success) fd = u32(kResult);
    return e;
  }
  Errno write(Fd fd, std::string_view data) {
    auto c = call();
    iovec(0, kBuf, put(kBuf, data));
    return preview1::fd_write(c, fd, kIovecs, 1, kResult);
  }
  Errno read(Fd fd, std::string& out, uint32_t max = 256) {
    auto c = call();
    iovec(0, kBuf, max);
    Errno e = preview1::fd_read(c, fd, kIovecs, 1, kResult);
    if (e == Errno::Success) out = get(kBuf, u32(kResult));
    return e;
  }
  // Calls a path function taking (fd, path, len).
  template <typename Fn>
  Errno onPath(Fn fn, std::string_view path, Fd dirFd = 3) {
    auto c = call();
    return fn(c, dirFd, kPath, put(kPath, path));
  }

  TestTree tree;
  std::unique_ptr<Context> ctx;
  std::vector<uint8_t> memory;
};

}  // namespace wasmcap::wasi::testing
