// The Engine: how code is compiled and run. One engine is shared by any
// number of modules and stores, across threads; a Module is compiled for
// the engine it was created with and runs only in stores of that engine.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "wasmcap/export.hpp"
#include "wasmcap/features.hpp"

namespace wasmcap {

// The execution tier.
enum class Tier : uint8_t {
  Interpreter,  // starts instantly, runs everywhere
  // Compiles each module to native code with LLVM when it is loaded
  // (libwasmcap-llvm.so, loaded on the first compile). A module using
  // something this tier does not compile yet runs in the interpreter
  // (EngineConfig::onNote says so), as does everything when fuel or
  // interruption is on, or when the tier is not available (tierAvailable).
  Llvm,
};

struct EngineConfig {
  // The interpreter is the default until an automatic choice exists.
  Tier tier = Tier::Interpreter;
  // Tier::Llvm: the optimisation level, 0 to 3 (as LLVM's -O).
  int optLevel = 2;
  // Told in words when the engine runs something in another tier than
  // asked for (and why). May be empty.
  std::function<void(const std::string&)> onNote{};
  // Compile fuel checks into the code, so that Store::setFuel bounds how much
  // a call may run. Off: fuel costs nothing and Store::setFuel is an error.
  bool consumeFuel = false;
  // Compile interruption checks (at function entry and loop headers), so
  // that an InterruptHandle or Store::interruptAfter can stop running code.
  // Off: they cost nothing and cannot stop anything.
  bool interruptible = false;
  // What modules may use beyond WebAssembly 2.0 (default: all of 3.0). A
  // module using a feature that is off fails to load.
  Features features = {};
};

class WASMCAP_API Engine {
 public:
  explicit Engine(EngineConfig config = {});
  const EngineConfig& config() const;

  // Engines are shared handles: copies refer to the same engine.
  friend bool operator==(const Engine& a, const Engine& b) { return a.impl_ == b.impl_; }

  struct Impl;

 private:
  friend struct ApiAccess;
  std::shared_ptr<Impl> impl_;
};

// The library's version, "MAJOR.MINOR.PATCH".
WASMCAP_API const char* version();

// Whether `tier` can run here: the interpreter always; the LLVM tier when
// this build has it and libwasmcap-llvm.so is installed (not loaded by this).
WASMCAP_API bool tierAvailable(Tier tier);

}  // namespace wasmcap
