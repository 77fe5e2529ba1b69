#include "validate/context.h"
#include "validate/op_table.h"

namespace wasmcap::validate {

std::string typeName(ir::ValType t) {
  if (t.code == kUnknownCode) return "any";
  return ir::valTypeName(t);
}

std::string typeListName(std::span<const ir::ValType> types) {
  std::string s = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ' ';
    s += typeName(types[i]);
  }
  return s + "]";
}

}  // namespace wasmcap::validate
