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
#define WASMCAP_ACC_IMM(X, name) #name "ImmAccA", #name "ImmToAcc", #name "ImmAccAToAcc",
      WASMCAP_IMM_BINOPS(WASMCAP_ACC_IMM, unused)
#undef WASMCAP_ACC_IMM
#define WASMCAP_ACC_LOAD(X, name) #name "ToAcc", #name "AddToAcc", #name "AddImmToAcc", #name "AbsToAcc",
      WASMCAP_PLAIN_LOADS(WASMCAP_ACC_LOAD, unused)
#undef WASMCAP_ACC_LOAD
#define WASMCAP_ACC_STORE(X, name) #name "AccV", #name "AbsAccV",
      WASMCAP_PLAIN_STORES(WASMCAP_ACC_STORE, unused)
#undef WASMCAP_ACC_STORE
  };
  static_assert(std::size(kInternal) == kHandlerCount - static_cast<size_t>(ir::Opcode::Count_));
  size_t i = index - static_cast<size_t>(ir::Opcode::Count_);
  return i < std::size(kInternal) ? kInternal[i] : "?";
}

}  // namespace wasmcap::interp
