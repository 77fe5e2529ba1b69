// What a path_open asks for, read from its arguments: the grant checks in
// path_open and the call policy (fs-read or fs-write) decide on the same
// reading.
#pragma once
#include <cstdint>

#include "wasi/abi.h"

namespace wasmcap::wasi {

// The rights for which path_open opens the host file for writing.
constexpr Rights kOpenWriteRights = right::FdWrite | right::FdDatasync | right::FdAllocate | right::FdFilestatSetSize;

// Asks to write through the new descriptor: write rights, or a flag that
// only makes sense for writing (append, the sync flags).
inline bool asksToWrite(uint64_t rightsBase, uint32_t fdflags) {
  return (rightsBase & kOpenWriteRights) || (fdflags & (fdflag::Append | fdflag::Dsync | fdflag::Sync));
}

// Changes the file system: writes, creates or truncates. Such an open
// belongs to the policy's fs-write group, any other to fs-read.
inline bool changesFiles(uint32_t oflags, uint64_t rightsBase, uint32_t fdflags) {
  return asksToWrite(rightsBase, fdflags) || (oflags & (oflag::Creat | oflag::Trunc));
}

}  // namespace wasmcap::wasi
