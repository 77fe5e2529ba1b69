#include "interp/code.h"

namespace wasmcap::interp {

std::string handlerName(size_t index) {
  if (index < static_cast<size_t>(ir::Opcode::Count_)) {
    return std::string(ir::opInfo(static_cast<ir::Opcode>(index)).name);
  }
  static const char* const kInternal[] = {
#define WASMCAP_X(name) #name,
      WASMCAP_INTERNAL_OPS(WASMCAP_X)
#undef WASMCAP_X
#define NUMERIC_OP(name) #name "AccA", #name "AccB", #name "ToAcc", #name "AccAToAcc", #name "AccBToAcc",
#include "interp/numeric_ops.inc"
#undef NUMERIC_OP
  };
  static_assert(std::size(kInternal) == kHandlerCount - static_cast<size_t>(ir::Opcode::Count_));
  size_t i = index - static_cast<size_t>(ir::Opcode::Count_);
  return i < std::size(kInternal) ? kInternal[i] : "?";
}

}  // namespace wasmcap::interp
