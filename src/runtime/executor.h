// The boundary between the runtime and an execution tier (the interpreter
// now, the LLVM tier later). The runtime owns the objects; a tier compiles a
// validated module once and runs its functions.
#pragma once
#include <memory>
#include <optional>
#include <span>

#include "ir/module.h"
#include "runtime/objects.h"
#include "util/result.h"
#include "wasmcap/features.hpp"

namespace wasmcap::runtime {

// How a tier compiles code: which resource checks it puts in (see
// docs/architecture.md, "Fuel and interruption"). Both off (the default),
// the code is exactly what it would be without this option and costs nothing.
struct CodeOptions {
  bool consumeFuel = false;    // charge instructions against Store::fuel
  bool interruptible = false;  // poll the store's InterruptState
};

// A tier's code for one module, shared by all of its instances.
class CompiledCode {
 public:
  virtual ~CompiledCode() = default;
  // The code for defined function `definedIndex` (0-based, imports excluded);
  // stored in FuncInst::code at instantiation.
  virtual const void* function(uint32_t definedIndex) const = 0;
  // True for native code (see FuncInst::nativeCode).
  virtual bool isNative() const { return false; }
};

class Executor {
 public:
  virtual ~Executor() = default;
  // The checks this tier compiles into code (a tier without any: none).
  virtual const CodeOptions& options() const {
    static constexpr CodeOptions kNone;
    return kNone;
  }
  // What modules this tier's engine accepts beyond 2.0 (loadModule decodes
  // and validates with these).
  virtual const Features& features() const {
    static const Features kDefault;
    return kDefault;
  }
  // Compile a validated module.
  virtual Result<std::unique_ptr<CompiledCode>> compile(const ir::Module& module) = 0;
  // Call `func` (wasm or host) with `args`; on success `results` holds the
  // results (sized by the caller to the function's result count).
  virtual std::optional<Trap> call(Store& store, FuncInst& func, std::span<const Value> args,
                                   std::span<Value> results) = 0;
};

}  // namespace wasmcap::runtime
