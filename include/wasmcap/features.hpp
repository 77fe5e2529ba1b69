// Which parts of WebAssembly beyond 2.0 an engine accepts
// (EngineConfig::features). A module using a feature that is off is rejected
// when it is loaded, as it would be by a 2.0 engine: an embedder can refuse
// modules that use more than it wants.
#pragma once
#include <string>
#include <string_view>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap {

struct WASMCAP_API Features {
  // The 3.0 features, each on by default. The comment gives its name in
  // lists (Features::apply, `--wasm-features`).
  bool extendedConst = true;       // extended-const: add/sub/mul and more globals in constant expressions
  bool tailCall = true;            // tail-call: return_call, return_call_indirect, return_call_ref
  bool multiMemory = true;         // multi-memory: several memories per module
  bool memory64 = true;            // memory64: 64-bit memories and tables
  bool functionReferences = true;  // function-references: typed references, call_ref, br_on_null, ...
  bool exceptions = true;          // exceptions: tags, throw, throw_ref, try_table, exnref
  bool relaxedSimd = true;         // relaxed-simd: the relaxed vector instructions
  bool gc = true;                  // gc: structs, arrays, i31, casts, recursive types (needs function-references)
  // Beyond 3.0, also on by default.
  bool threads = true;             // threads: shared memories, atomics, wait/notify

  // WebAssembly 2.0: every feature above off.
  static Features wasm2();

  // These features changed by a comma-separated list: `name` or `+name`
  // turns a feature on, `-name` off; `all` stands for every feature above
  // (so "-all" is 2.0, "-all,+tail-call" 2.0 with tail calls). A Usage error
  // names an unknown feature or a combination that cannot work (gc without
  // function-references).
  Result<Features> apply(std::string_view list) const;

  // The features that are on, in the list syntax ("extended-const,tail-call,...").
  std::string toString() const;

  friend bool operator==(const Features&, const Features&) = default;
};

}  // namespace wasmcap
