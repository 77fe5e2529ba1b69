#include "ir/types.h"

namespace wasmcap::ir {

const char* valTypeName(ValType t) {
  switch (t.code) {
    case TypeCode::I32: return "i32";
    case TypeCode::I64: return "i64";
    case TypeCode::F32: return "f32";
    case TypeCode::F64: return "f64";
    case TypeCode::V128: return "v128";
    case TypeCode::FuncRef: return "funcref";
    case TypeCode::ExternRef: return "externref";
    case TypeCode::ExnRef: return "exnref";
    default: return "<unknown type>";
  }
}

std::string valTypeString(ValType t) {
  if (!t.isRef() || (t.nullable && !t.isConcrete())) return valTypeName(t);
  std::string heap = t.isConcrete()                 ? std::to_string(t.heapIndex)
                     : t.code == TypeCode::FuncRef   ? "func"
                     : t.code == TypeCode::ExternRef ? "extern"
                                                     : "exn";
  return std::string("(ref ") + (t.nullable ? "null " : "") + heap + ")";
}

std::string funcTypeToString(const FuncType& t) {
  auto list = [](const std::vector<ValType>& v) {
    std::string s = "(";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) s += ", ";
      s += valTypeString(v[i]);
    }
    return s + ")";
  };
  return list(t.params) + " -> " + list(t.results);
}

const char* externKindName(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "func";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
  }
  return "?";
}

}  // namespace wasmcap::ir
