// What instantiating from C needs, shared by wasm_instance_new and the WASI
// instantiation of wasmcap.h.
#pragma once
#include "objects.hpp"

namespace wasmcap::capi {

// The C++ externs of a vector of imports, checked to belong to `store`.
Result<std::vector<Extern>> importsFromC(wasm_store_t* store, const wasm_extern_vec_t* imports);

// Names the first import missing when only `given` imports are given for
// `module` (too many are left to the instantiation to refuse).
Result<void> checkImportCount(const Module& module, size_t given);

// The instance as a new handle; or null, with the error recorded and, when
// `trap` is not null, given as a trap.
wasm_instance_t* instanceOrTrap(wasm_store_t* store, Result<Instance> instance, wasm_trap_t** trap);

}  // namespace wasmcap::capi
