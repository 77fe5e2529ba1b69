// Host stat results in WASI terms: file types and the rights that make sense
// for each kind of descriptor.
#pragma once
#include <sys/stat.h>

#include "wasi/abi.h"

namespace wasmcap::wasi {

FileType fileTypeFromMode(mode_t mode);
// The file type of an open host descriptor (sockets distinguish stream/dgram).
FileType fileTypeOfFd(int hostFd);
// The most a descriptor of this type can do.
Rights maxRightsFor(FileType type);
// Nanoseconds since the epoch of a timespec (negative times clamp to 0).
uint64_t timespecToNs(const struct timespec& ts);

}  // namespace wasmcap::wasi

namespace wasmcap::wasi {
// The inverse, for utimensat/futimens.
struct timespec nsToTimespec(uint64_t ns);
}  // namespace wasmcap::wasi
