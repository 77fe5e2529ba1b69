// Evaluation of constant expressions (global initialisers, segment offsets,
// element items) against an instance under construction.
#pragma once
#include "ir/module.h"
#include "runtime/instance.h"
#include "runtime/value.h"
#include "util/result.h"

namespace wasmcap::runtime {

// Evaluate `expr` of `inst.module()`. `global.get` sees `inst.globals` as built
// so far (imports first, then the globals already initialised); `ref.func`
// sees `inst.funcs`. Expressions are validated beforehand, so an error here
// means a module that skipped validation.
Result<Value> evalConstExpr(const Instance& inst, const ir::ConstExpr& expr);

}  // namespace wasmcap::runtime
