// The `spectest` host module the official scripts import from, with the
// reference interpreter's values: print functions that do nothing, globals
// global_i32/global_i64 = 666 and global_f32/global_f64 = 666.6 (immutable),
// table 10..20 funcref and memory 1..2 pages.
#pragma once
#include "runtime/linker.h"
#include "runtime/store.h"
#include "util/result.h"

namespace wasmcap::script {

// Create the spectest objects in `store` and define them in `linker` under "spectest".
Result<void> defineSpectest(runtime::Store& store, runtime::Linker& linker);

}  // namespace wasmcap::script
