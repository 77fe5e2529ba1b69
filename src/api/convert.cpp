// Types, values, externs and traps between the public API and the runtime.
#include "api/impl.h"

namespace wasmcap {

ir::ValType toRuntime(ValType t) {
  switch (t.kind()) {
    case ValKind::I32: return ir::ValType::i32();
    case ValKind::I64: return ir::ValType::i64();
    case ValKind::F32: return ir::ValType::f32();
    case ValKind::F64: return ir::ValType::f64();
    case ValKind::V128: return ir::ValType::v128();
    case ValKind::FuncRef: return ir::ValType::funcref();
    case ValKind::ExternRef: return ir::ValType::externref();
  }
  return ir::ValType::i32();
}

ValType fromRuntime(ir::ValType t) {
  switch (t.code) {
    case ir::TypeCode::I32: return ValType::i32();
    case ir::TypeCode::I64: return ValType::i64();
    case ir::TypeCode::F32: return ValType::f32();
    case ir::TypeCode::F64: return ValType::f64();
    case ir::TypeCode::V128: return ValType::v128();
    case ir::TypeCode::FuncRef: return ValType::funcref();
    case ir::TypeCode::ExternRef: return ValType::externref();
    default: break;
  }
  return ValType::i32();
}

FuncType fromRuntime(const ir::FuncType& t) {
  FuncType out;
  out.params.reserve(t.params.size());
  for (ir::ValType p : t.params) out.params.push_back(fromRuntime(p));
  out.results.reserve(t.results.size());
  for (ir::ValType r : t.results) out.results.push_back(fromRuntime(r));
  return out;
}

ir::FuncType toRuntime(const FuncType& t) {
  ir::FuncType out;
  for (ValType p : t.params) out.params.push_back(toRuntime(p));
  for (ValType r : t.results) out.results.push_back(toRuntime(r));
  return out;
}

Limits fromRuntime(const ir::Limits& l) { return Limits{l.min, l.max}; }

MemoryType fromRuntime(const ir::MemoryType& t) {
  return MemoryType{fromRuntime(t.limits), t.limits.shared, t.limits.is64};
}

TableType fromRuntime(const ir::TableType& t) { return TableType{fromRuntime(t.elem), fromRuntime(t.limits)}; }

GlobalType fromRuntime(const ir::GlobalType& t) { return GlobalType{fromRuntime(t.type), t.mut}; }

Result<runtime::Value> toRuntime(const Value& v, Store& store) {
  switch (v.kind()) {
    case ValKind::I32: return runtime::Value::i32(static_cast<uint32_t>(v.i32()));
    case ValKind::I64: return runtime::Value::i64(static_cast<uint64_t>(v.i64()));
    case ValKind::F32: return runtime::Value::f32Bits(v.f32Bits());
    case ValKind::F64: return runtime::Value::f64Bits(v.f64Bits());
    case ValKind::V128: {
      runtime::V128 bytes;
      std::memcpy(bytes.bytes, v.v128().bytes, 16);
      return runtime::Value::v128(bytes);
    }
    case ValKind::FuncRef: {
      void* f = ApiAccess::refObject(v);
      if (f && ApiAccess::refStore(v) != &store)
        return Error(ErrorCode::Usage, "a function reference of another store cannot be used here");
      return runtime::Value::ref(ir::ValType::funcref(), f);
    }
    case ValKind::ExternRef: return runtime::Value::ref(ir::ValType::externref(), ApiAccess::refObject(v));
  }
  return Error(ErrorCode::Internal, "unknown value kind");
}

Value fromRuntime(const runtime::Value& v, Store& store) {
  Value out(fromRuntime(v.type));
  switch (v.type.code) {
    case ir::TypeCode::I32: case ir::TypeCode::F32:
      ApiAccess::bits(out) = v.raw.i32;
      break;
    case ir::TypeCode::I64: case ir::TypeCode::F64:
      ApiAccess::bits(out) = v.raw.i64;
      break;
    case ir::TypeCode::V128:
      std::memcpy(ApiAccess::vec(out).bytes, v.raw.v128.bytes, 16);
      break;
    case ir::TypeCode::FuncRef:
      ApiAccess::setRef(out, v.raw.ref, v.raw.ref ? &store : nullptr);
      break;
    default:
      ApiAccess::setRef(out, v.raw.ref, nullptr);
      break;
  }
  return out;
}

Extern makeExtern(Store& s, const runtime::Extern& e) {
  switch (e.kind) {
    case ir::ExternKind::Func: return ApiAccess::makeExtern(ExternKind::Func, &s, e.ptr);
    case ir::ExternKind::Table: return ApiAccess::makeExtern(ExternKind::Table, &s, e.ptr);
    case ir::ExternKind::Memory: return ApiAccess::makeExtern(ExternKind::Memory, &s, e.ptr);
    case ir::ExternKind::Global: return ApiAccess::makeExtern(ExternKind::Global, &s, e.ptr);
    case ir::ExternKind::Tag: break;
  }
  return ApiAccess::makeExtern(ExternKind::Tag, &s, e.ptr);
}

runtime::Extern toRuntime(const Extern& e) {
  runtime::Extern out;
  switch (e.kind()) {
    case ExternKind::Func: out.kind = ir::ExternKind::Func; break;
    case ExternKind::Table: out.kind = ir::ExternKind::Table; break;
    case ExternKind::Memory: out.kind = ir::ExternKind::Memory; break;
    case ExternKind::Global: out.kind = ir::ExternKind::Global; break;
    case ExternKind::Tag: out.kind = ir::ExternKind::Tag; break;
  }
  out.ptr = ApiAccess::object(e);
  return out;
}

Error trapToError(const runtime::Trap& trap) { return trapError(runtime::toPublicTrap(trap)); }

runtime::Trap errorToTrap(const Error& error) {
  if (error.trap) return runtime::fromPublicTrap(*error.trap);
  return runtime::Trap(TrapKind::Host, error.message);
}

}  // namespace wasmcap
