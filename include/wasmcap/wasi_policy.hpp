// The WASI call policy: which preview1 functions a program may call at all,
// beyond what it was handed. A Config says what a program holds (its
// directories, environment, sockets); its Policy says which calls it may
// make with them. A program that only transforms stdin to stdout need not
// even be handed path_open or the clocks:
//
//   wasmcap::wasi::Policy policy = wasmcap::wasi::Policy::denyAll();
//   (void)policy.allow("stdio,args");            // groups or function names
//   (void)policy.deny("fd_seek");
//   config.policy = policy;
//
// A call the policy does not allow is still linked (the module instantiates)
// but returns ENOTCAPABLE (errno 76) without touching the host, or traps
// with DenyMode::Trap. The default policy allows everything WASI has: the
// Config alone limits what a program can reach.
//
// Calls fall into groups. Most functions belong to one; the fd_* calls
// belong to the group of the descriptor they act on (stdio, a file or
// directory, a socket), and path_open to fs-write when it writes, creates
// or truncates and to fs-read otherwise:
//
//   args      args_get, args_sizes_get
//   env       environ_get, environ_sizes_get
//   clock     clock_res_get, clock_time_get
//   random    random_get
//   stdio     fd_* calls on the standard streams (descriptors 0-2 as handed)
//   fs-read   path_open to read, fd_read/pread, fd_readdir, fd_filestat_get,
//             path_filestat_get, path_readlink, fd_advise
//   fs-write  path_open to write, create or truncate, fd_write/pwrite,
//             fd_allocate, fd_sync/datasync, fd_filestat_set_size/times,
//             path_create_directory, path_filestat_set_times, path_link,
//             path_rename, path_symlink, path_remove_directory,
//             path_unlink_file
//   (either)  fd_close, fd_seek, fd_tell, fd_fdstat_get/set_flags/set_rights,
//             fd_renumber, fd_prestat_get/dir_name on a file or directory:
//             allowed when fs-read or fs-write is
//   poll      poll_oneoff
//   sched     sched_yield
//   sock      sock_accept, sock_recv, sock_send, sock_shutdown, and fd_*
//             calls on sockets
//   proc      proc_exit, proc_raise
//
// A function allowed by name is allowed in every group it can belong to; a
// group allows its share of each function. A function denied as a whole
// returns ENOTCAPABLE whatever its arguments; one denied only for some
// descriptors (fd_write with stdio allowed and fs-write denied) returns
// EBADF, as before, for a descriptor the program does not have.
//
// A program granted a directory but denied both fs-read and fs-write (with
// other groups allowed) still starts: fd_prestat_get answers EBADF for the
// directory, as if it had not been granted (wasi-libc probes the preopens
// at start-up), and the refusal is audited with that errno.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap::wasi {

enum class Group : uint8_t { Args, Env, Clock, Random, Stdio, FsRead, FsWrite, Poll, Sched, Sock, Proc };
inline constexpr size_t kGroupCount = 11;
// The preview1 functions (wasi_snapshot_preview1 has 46).
inline constexpr size_t kFunctionCount = 46;

// "args", "env", "clock", "random", "stdio", "fs-read", "fs-write", "poll",
// "sched", "sock", "proc".
WASMCAP_API std::string_view groupName(Group group);
WASMCAP_API std::optional<Group> groupByName(std::string_view name);
// The function names, in the order of the preview1 witx.
WASMCAP_API std::span<const std::string_view> functionNames();
// The groups a call of `function` can belong to (fd_read: stdio, fs-read,
// sock); empty for a name that is not a preview1 function.
WASMCAP_API std::vector<Group> groupsOf(std::string_view function);

// What a refused call does.
enum class DenyMode : uint8_t {
  Errno,  // returns ENOTCAPABLE, which the program can handle
  Trap,   // traps (TrapKind::Host, "WASI call ... denied by the policy")
};

class WASMCAP_API Policy {
 public:
  // Everything WASI has (the default).
  Policy();
  static Policy allowAll() { return Policy(); }
  // Nothing at all.
  static Policy denyAll();
  // What a linked library module gets unless granted more: random_get,
  // sched_yield and proc_exit, calls that reach nothing outside it.
  static Policy library();

  // Allows or denies each item of a comma-separated list of function and
  // group names ("stdio,fs-read,clock_time_get"), in order, on top of what
  // the policy allowed before. Usage error naming an unknown item (and the
  // likely intended one); the policy is then unchanged.
  Result<void> allow(std::string_view list);
  Result<void> deny(std::string_view list);
  Policy& allow(Group group);
  Policy& deny(Group group);

  // Whether a call of `function` belonging to `group` is allowed.
  bool allows(std::string_view function, Group group) const;
  // Whether every call of `function` is allowed, whatever it acts on.
  bool allowsAll(std::string_view function) const;

  DenyMode denyMode = DenyMode::Errno;

  friend bool operator==(const Policy&, const Policy&) = default;

 private:
  friend struct wasmcap::ApiAccess;
  // Per function, in functionNames() order: a bit per Group in which its
  // calls are allowed.
  std::array<uint16_t, kFunctionCount> allowed_;
};

}  // namespace wasmcap::wasi
