// args_get, args_sizes_get, environ_get, environ_sizes_get: a list of
// NUL-terminated strings and an array of pointers to them.
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

uint64_t totalBytes(const std::vector<std::string>& list) {
  uint64_t n = 0;
  for (const auto& s : list) n += s.size() + 1;
  return n;
}

Errno sizes(Call& c, const std::vector<std::string>& list, uint32_t countPtr, uint32_t bufSizePtr) {
  const uint64_t bytes = totalBytes(list);
  if (list.size() > UINT32_MAX || bytes > UINT32_MAX) return Errno::Overflow;
  if (!c.mem.valid(countPtr, 4) || !c.mem.valid(bufSizePtr, 4)) return Errno::Fault;
  c.mem.store<uint32_t>(countPtr, static_cast<uint32_t>(list.size()));
  c.mem.store<uint32_t>(bufSizePtr, static_cast<uint32_t>(bytes));
  return Errno::Success;
}

Errno strings(Call& c, const std::vector<std::string>& list, uint32_t arrayPtr, uint32_t bufPtr) {
  if (!c.mem.valid(arrayPtr, uint64_t{4} * list.size()) || !c.mem.valid(bufPtr, totalBytes(list)))
    return Errno::Fault;
  uint64_t at = bufPtr;
  for (size_t i = 0; i < list.size(); ++i) {
    c.mem.store<uint32_t>(arrayPtr + 4 * uint64_t{i}, static_cast<uint32_t>(at));
    c.mem.write(at, list[i].c_str(), list[i].size() + 1);
    at += list[i].size() + 1;
  }
  return Errno::Success;
}

}  // namespace

Errno args_get(Call& c, uint32_t argvPtr, uint32_t argvBufPtr) {
  return strings(c, c.ctx.args(), argvPtr, argvBufPtr);
}
Errno args_sizes_get(Call& c, uint32_t argcPtr, uint32_t argvBufSizePtr) {
  return sizes(c, c.ctx.args(), argcPtr, argvBufSizePtr);
}
Errno environ_get(Call& c, uint32_t environPtr, uint32_t environBufPtr) {
  return strings(c, c.ctx.env(), environPtr, environBufPtr);
}
Errno environ_sizes_get(Call& c, uint32_t countPtr, uint32_t bufSizePtr) {
  return sizes(c, c.ctx.env(), countPtr, bufSizePtr);
}

}  // namespace wasmcap::wasi::preview1
