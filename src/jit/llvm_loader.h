// Finds and loads libwasmcap-llvm.so on demand. The core links no LLVM: the
// library (and libLLVM with it) enters the process only when something must
// be compiled, the first time llvmLibrary() is called.
#pragma once
#include <string>

#include "llvm/abi.h"
#include "util/result.h"

namespace wasmcap::jit {

struct LlvmLibrary {
  WcCompileFn compile = nullptr;
  WcReleaseFn release = nullptr;
  WcVersionFn version = nullptr;
  std::string path;  // where it was loaded from
};

// True when this build has the LLVM tier and the program can load libraries
// (not when statically linked); the library itself may still be missing.
bool llvmTierBuilt();

// The loaded library, loading it on the first call (thread-safe). Looked for,
// in order: $WASMCAP_LLVM_LIBRARY (a file), next to the running executable,
// next to the library containing this code, in the build tree, in the
// install lib directory.
Result<const LlvmLibrary*> llvmLibrary();

// Where llvmLibrary() would load it from (without loading), or "".
std::string findLlvmLibrary();

// True once llvmLibrary() has loaded it.
bool llvmLibraryLoaded();

}  // namespace wasmcap::jit
