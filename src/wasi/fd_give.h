// Capability passing between nanoprocesses: the host call through which an
// instance hands one of its descriptors to an instance it calls.
//
//   (import "wasmcap" "fd_give"
//     (func (param $fd i32) (param $rights i64) (param $to i32) (param $to_len i32)
//           (param $received_fd i32) (result i32)))
//
// The receiver, named by its instance name (the string at $to), gets a new
// descriptor in its own table holding the giver's rights cut down to
// $rights (all ones: as many as the giver holds); its number is stored at
// $received_fd. Both sides then hold the same open file (offset included);
// each closes its own. Errno: badf (the giver has no such descriptor), noent
// (no instance of that name, or one the giver's module does not import
// from), inval (itself), nfile (the receiver's table is full), fault.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "ir/types.h"
#include "runtime/objects.h"
#include "wasi/context.h"

namespace wasmcap::wasi {

inline constexpr const char* kNanoprocessModule = "wasmcap";
inline constexpr const char* kFdGive = "fd_give";

// The WASI contexts of the instances linked by name, which fd_give hands
// descriptors to. Shared by the linker and the fd_give functions it made.
struct ContextRegistry {
  std::map<std::string, std::shared_ptr<Context>, std::less<>> byName;
};

ir::FuncType fdGiveType();

// fd_give for instances using `giver`.
runtime::HostFunc fdGiveFunction(std::shared_ptr<Context> giver, std::shared_ptr<const ContextRegistry> registry);

}  // namespace wasmcap::wasi
