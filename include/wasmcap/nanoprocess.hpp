// Nanoprocesses: an application built from several modules, each running as
// its own instance with its own memory, its own WASI context and its own
// call policy. One module's exports satisfy another's imports by name, so
// calls between them stay wasm-to-wasm calls, while a dependency gets only
// the authority given to it: a string library granted nothing cannot open a
// file or a socket even if it turns hostile.
//
//   wasmcap::wasi::Config none;                         // no args, env, stdio, directories
//   none.policy = wasmcap::wasi::Policy::library();     // random_get, sched_yield, proc_exit
//   wasmcap::wasi::Config logger = none;
//   logger.preopen("logs", "/logs", wasmcap::wasi::Access::Create);
//   (void)logger.policy.allow("fs-write,fs-read");
//   std::vector<wasmcap::Nanoprocess> parts = {
//       {"text", *textModule, none}, {"logger", *loggerModule, logger}, {"main", *appModule, appConfig}};
//   auto instances = wasmcap::instantiateNanoprocesses(linker, parts);
//   wasmcap::Result<int32_t> status = wasmcap::wasi::runCommand(instances->back());
//
// Capability passing: authority moves between instances only when one hands
// a descriptor to another. A module imports
//
//   (import "wasmcap" "fd_give"
//     (func $fd_give (param $fd i32) (param $rights i64) (param $to i32) (param $to_len i32)
//                    (param $received_fd i32) (result i32)))
//
// and calls it with one of its descriptors, the rights to keep (-1 for all
// it holds), and the name of an instance its module imports from. That
// instance gets a descriptor of its own, with no more rights than the
// giver's, whose number is stored at $received_fd; the giver then passes
// the number in its call. So a library can read a file its caller opened
// without any directory of its own, and cannot write it when the caller
// handed it read-only. The result is a WASI errno: badf (no such
// descriptor), noent (no such instance, or one the giver does not import
// from), inval (itself), nfile (the receiver's table is full), fault.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "wasmcap/export.hpp"
#include "wasmcap/instance.hpp"
#include "wasmcap/linker.hpp"
#include "wasmcap/module.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/wasi.hpp"

namespace wasmcap {

// One module of such an application.
struct Nanoprocess {
  std::string name;   // the instance's name: other modules import its exports from module `name`
  Module module;
  wasi::Config wasi;  // its own authority; a default Config grants no resource
};

// Instantiates every part with its own WASI context (Linker::instantiate
// with a Config), in dependency order: a part whose module imports from
// module "X" is instantiated after the part named X, whose exports are then
// defined in `linker` under "X". A part exporting `_initialize` (a reactor)
// has it called before the parts that depend on it are instantiated.
// Returns the instances in the order of `parts`. Unlinkable when parts
// import each other in a cycle (naming it), Usage for two parts with one
// name; other errors as Linker::instantiate's, or the trap of an
// `_initialize`.
WASMCAP_API Result<std::vector<Instance>> instantiateNanoprocesses(Linker& linker, std::span<const Nanoprocess> parts);

}  // namespace wasmcap
