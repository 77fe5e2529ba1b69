// The call policy inside the WASI layer: what functions.def says about each
// preview1 function, how one call is put into a group, and how a function
// is linked under a Policy (wasmcap/wasi_policy.hpp) so that a policy that
// allows a function costs it nothing.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "runtime/value.h"
#include "wasmcap/wasi_policy.hpp"

namespace wasmcap::wasi {

class Context;

constexpr uint16_t groupBit(Group g) { return static_cast<uint16_t>(1u << static_cast<unsigned>(g)); }
constexpr uint16_t kAllGroups = (1u << kGroupCount) - 1;

// How a call of a function is put into a group (see functions.def).
enum class PolicyClass : uint8_t { Fixed, OnFd, Open };

struct FunctionTraits {
  std::string_view name;
  PolicyClass policyClass;
  uint16_t fsGroups;  // Fixed: its group; OnFd: its groups on files and directories
  int8_t fdArg;       // the wasm argument holding the descriptor, or -1
  int8_t pathArg;     // the wasm argument holding the path pointer (its length follows), or -1
};

// The 46 functions, in functionNames() order.
const std::array<FunctionTraits, kFunctionCount>& functionTraits();
std::optional<size_t> functionIndex(std::string_view name);

// Every group a call of function `fn` can belong to.
uint16_t possibleGroups(size_t fn);
// The groups this call belongs to (a call allowed in any of them is
// allowed); 0 when there is none to tell: a descriptor the program does not
// have, which the function itself answers with EBADF.
uint16_t callGroups(Context& ctx, size_t fn, std::span<const runtime::Value> args);
// "fs-read or fs-write", for messages.
std::string groupNames(uint16_t groups);
// "path_open (fs-write)": a refused call for messages; the groups when known.
std::string policyRefusalText(std::string_view function, uint16_t groups);

// How a function is linked under a policy.
enum class Binding : uint8_t {
  Allowed,  // every call allowed: the function as it is
  Checked,  // some calls allowed: each is put into its group first
  Denied,   // no call allowed: refused whatever the arguments
};
Binding bindingOf(const Policy& policy, size_t fn);
// The groups in which calls of `fn` are allowed.
uint16_t allowedGroups(const Policy& policy, size_t fn);

}  // namespace wasmcap::wasi
