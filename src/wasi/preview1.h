// The 46 functions of wasi_snapshot_preview1, callable directly from C++
// (the linker adapter in wasi/linker.h wraps them as host functions). Each
// takes the wasm arguments in order (i32 -> uint32_t, i64 -> uint64_t) and
// returns the WASI errno; results go to guest memory through the *Ptr
// arguments, written only on success.
#pragma once
#include <cstdint>

#include "wasi/call.h"

namespace wasmcap::wasi::preview1 {

// args_env.cpp
Errno args_get(Call& c, uint32_t argvPtr, uint32_t argvBufPtr);
Errno args_sizes_get(Call& c, uint32_t argcPtr, uint32_t argvBufSizePtr);
Errno environ_get(Call& c, uint32_t environPtr, uint32_t environBufPtr);
Errno environ_sizes_get(Call& c, uint32_t countPtr, uint32_t bufSizePtr);

// clocks.cpp
Errno clock_res_get(Call& c, uint32_t clockId, uint32_t resolutionPtr);
Errno clock_time_get(Call& c, uint32_t clockId, uint64_t precision, uint32_t timePtr);

// random.cpp
Errno random_get(Call& c, uint32_t buf, uint32_t bufLen);

// fd_io.cpp
Errno fd_read(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint32_t nreadPtr);
Errno fd_write(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint32_t nwrittenPtr);
Errno fd_pread(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint64_t offset, uint32_t nreadPtr);
Errno fd_pwrite(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint64_t offset, uint32_t nwrittenPtr);
Errno fd_seek(Call& c, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newOffsetPtr);
Errno fd_tell(Call& c, uint32_t fd, uint32_t offsetPtr);

// fd_meta.cpp
Errno fd_advise(Call& c, uint32_t fd, uint64_t offset, uint64_t len, uint32_t advice);
Errno fd_allocate(Call& c, uint32_t fd, uint64_t offset, uint64_t len);
Errno fd_close(Call& c, uint32_t fd);
Errno fd_datasync(Call& c, uint32_t fd);
Errno fd_sync(Call& c, uint32_t fd);
Errno fd_fdstat_get(Call& c, uint32_t fd, uint32_t statPtr);
Errno fd_fdstat_set_flags(Call& c, uint32_t fd, uint32_t flags);
Errno fd_fdstat_set_rights(Call& c, uint32_t fd, uint64_t base, uint64_t inheriting);
Errno fd_filestat_get(Call& c, uint32_t fd, uint32_t statPtr);
Errno fd_filestat_set_size(Call& c, uint32_t fd, uint64_t size);
Errno fd_filestat_set_times(Call& c, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fstFlags);
Errno fd_renumber(Call& c, uint32_t fd, uint32_t to);
Errno fd_prestat_get(Call& c, uint32_t fd, uint32_t prestatPtr);
Errno fd_prestat_dir_name(Call& c, uint32_t fd, uint32_t pathPtr, uint32_t pathLen);

// fd_readdir.cpp
Errno fd_readdir(Call& c, uint32_t fd, uint32_t buf, uint32_t bufLen, uint64_t cookie, uint32_t usedPtr);

// path.cpp
Errno path_create_directory(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen);
Errno path_filestat_get(Call& c, uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen, uint32_t statPtr);
Errno path_filestat_set_times(Call& c, uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen,
                              uint64_t atim, uint64_t mtim, uint32_t fstFlags);
Errno path_link(Call& c, uint32_t oldFd, uint32_t oldFlags, uint32_t oldPath, uint32_t oldPathLen,
                uint32_t newFd, uint32_t newPath, uint32_t newPathLen);
Errno path_readlink(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen, uint32_t buf, uint32_t bufLen,
                    uint32_t usedPtr);
Errno path_remove_directory(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen);
Errno path_rename(Call& c, uint32_t fd, uint32_t oldPath, uint32_t oldPathLen, uint32_t newFd,
                  uint32_t newPath, uint32_t newPathLen);
Errno path_symlink(Call& c, uint32_t oldPath, uint32_t oldPathLen, uint32_t fd, uint32_t newPath,
                   uint32_t newPathLen);
Errno path_unlink_file(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen);

// path_open.cpp
Errno path_open(Call& c, uint32_t fd, uint32_t dirFlags, uint32_t path, uint32_t pathLen, uint32_t oflags,
                uint64_t rightsBase, uint64_t rightsInheriting, uint32_t fdflags, uint32_t fdPtr);

// poll.cpp
Errno poll_oneoff(Call& c, uint32_t in, uint32_t out, uint32_t nsubscriptions, uint32_t neventsPtr);

// proc.cpp
void proc_exit(Call& c, uint32_t code);  // sets c.trap (TrapKind::Exit)
Errno proc_raise(Call& c, uint32_t signal);
Errno sched_yield(Call& c);

// sock.cpp
Errno sock_accept(Call& c, uint32_t fd, uint32_t flags, uint32_t fdPtr);
Errno sock_recv(Call& c, uint32_t fd, uint32_t riData, uint32_t riDataLen, uint32_t riFlags,
                uint32_t roDataLenPtr, uint32_t roFlagsPtr);
Errno sock_send(Call& c, uint32_t fd, uint32_t siData, uint32_t siDataLen, uint32_t siFlags,
                uint32_t soDataLenPtr);
Errno sock_shutdown(Call& c, uint32_t fd, uint32_t how);

// deterministic.cpp: what the clocks and random_get are with
// Config::deterministic (linked instead of the host's).
namespace deterministic {
Errno clock_res_get(Call& c, uint32_t clockId, uint32_t resolutionPtr);
Errno clock_time_get(Call& c, uint32_t clockId, uint64_t precision, uint32_t timePtr);
Errno random_get(Call& c, uint32_t buf, uint32_t bufLen);
}  // namespace deterministic

}  // namespace wasmcap::wasi::preview1

namespace wasmcap::wasi {
// The virtual time of clock `clockId` (deterministic.cpp); false for an
// unknown clock.
bool virtualClockNow(const Context::DeterministicState& state, uint32_t clockId, uint64_t& out);
}  // namespace wasmcap::wasi
