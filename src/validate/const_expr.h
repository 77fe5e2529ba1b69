// Constant expressions: global initialisers, segment offsets, element items.
#pragma once
#include <cstdint>
#include <vector>

#include "ir/module.h"
#include "validate/context.h"

namespace wasmcap::validate {

class ConstExprValidator {
 public:
  explicit ConstExprValidator(ModuleContext& ctx) : ctx_(ctx) {}

  // Checks that `expr` is constant and produces exactly one `expected` value.
  // Functions named by ref.func are recorded in ctx.declaredFuncs. `what`
  // names the expression in messages ("global 2 initializer"). With
  // extended-const, global.get may name any immutable global below
  // `visibleGlobals` (for a global's initializer: the globals before it);
  // in 2.0 only imported globals are visible.
  Result<void> validate(const ir::ConstExpr& expr, ir::ValType expected, const std::string& what,
                        uint32_t visibleGlobals = UINT32_MAX);

 private:
  ModuleContext& ctx_;
  std::vector<ir::ValType> stack_;
};

}  // namespace wasmcap::validate
