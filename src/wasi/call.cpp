#include "wasi/call.h"

#include <sys/stat.h>

#include <cerrno>
#include <climits>

#include "wasi/host_stat.h"

namespace wasmcap::wasi {

Errno lastHostErrno() { return toWasiErrno(errno); }

Errno resolveError(Call& call, const FdEntry& dir, int hostErrno) {
  if (hostErrno == EPERM) {
    Refusal& r = call.ctx.fds().refusal();
    r = Refusal{RefusalRule::Outside, std::nullopt, 0, 0, dir.grant, 0};
  }
  return toWasiErrno(hostErrno);
}

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<uint8_t>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((b0 & 0xE0) == 0xC0) { n = 2; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { n = 3; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { n = 4; cp = b0 & 0x07; }
    else return false;
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

Errno readPath(const Call& call, uint32_t ptr, uint32_t len, std::string& out) {
  if (!call.mem.valid(ptr, len)) return Errno::Fault;
  // No host path is longer; refusing early also keeps a guest from making
  // the host copy gigabytes.
  if (len >= PATH_MAX) return Errno::NameTooLong;
  call.mem.readString(ptr, len, out);
  if (!isValidUtf8(out)) return Errno::Ilseq;
  if (out.find('\0') != std::string::npos) return Errno::Inval;
  return Errno::Success;
}

Errno readIovecs(const Call& call, uint32_t iovs, uint32_t count, std::vector<struct iovec>& out) {
  if (!call.mem.valid(iovs, uint64_t{count} * layout::kIovecSize)) return Errno::Fault;
  const uint32_t used = count > IOV_MAX ? IOV_MAX : count;
  out.clear();
  out.reserve(used);
  for (uint32_t i = 0; i < used; ++i) {
    uint32_t buf = 0, len = 0;
    call.mem.load(iovs + uint64_t{i} * layout::kIovecSize, buf);
    call.mem.load(iovs + uint64_t{i} * layout::kIovecSize + 4, len);
    uint8_t* host = call.mem.span(buf, len);
    if (!host) return Errno::Fault;
    out.push_back({host, len});
  }
  return Errno::Success;
}

bool storeFilestat(const GuestMemory& mem, uint32_t ptr, const struct stat& st) {
  uint8_t zero[layout::kFilestatSize] = {};
  if (!mem.write(ptr, zero, sizeof zero)) return false;
  mem.store<uint64_t>(ptr + layout::kFilestatDev, st.st_dev);
  mem.store<uint64_t>(ptr + layout::kFilestatIno, st.st_ino);
  mem.store<uint8_t>(ptr + layout::kFilestatFiletype, static_cast<uint8_t>(fileTypeFromMode(st.st_mode)));
  mem.store<uint64_t>(ptr + layout::kFilestatNlink, st.st_nlink);
  mem.store<uint64_t>(ptr + layout::kFilestatSize_, static_cast<uint64_t>(st.st_size));
  mem.store<uint64_t>(ptr + layout::kFilestatAtim, timespecToNs(st.st_atim));
  mem.store<uint64_t>(ptr + layout::kFilestatMtim, timespecToNs(st.st_mtim));
  mem.store<uint64_t>(ptr + layout::kFilestatCtim, timespecToNs(st.st_ctim));
  return true;
}

}  // namespace wasmcap::wasi
