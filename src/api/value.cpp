// Value: function references, text, equality; ValType and FuncType names.
#include "api/impl.h"
#include "script/value_text.h"

namespace wasmcap {

Value Value::funcref(const std::optional<Func>& f) {
  Value v(ValType::funcref());
  if (f) ApiAccess::setRef(v, ApiAccess::object(*f), &f->owner());
  return v;
}

std::optional<Func> Value::funcref() const {
  if (kind() != ValKind::FuncRef || !raw_.ref.ptr) return std::nullopt;
  return ApiAccess::make<Func>(raw_.ref.store, raw_.ref.ptr);
}

bool operator==(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.kind()) {
    case ValKind::V128: return a.v128() == b.v128();
    case ValKind::FuncRef: case ValKind::ExternRef: return a.raw_.ref.ptr == b.raw_.ref.ptr;
    default: return a.raw_.i64 == b.raw_.i64;
  }
}

// Text goes through the runtime's value: its printer and parser are the ones
// the spec-test runner uses.
std::string Value::toString() const {
  runtime::Value v;
  v.type = toRuntime(type());
  switch (kind()) {
    case ValKind::I32: case ValKind::F32: v.raw.i32 = static_cast<uint32_t>(raw_.i64); break;
    case ValKind::V128: std::memcpy(v.raw.v128.bytes, raw_.v128.bytes, 16); break;
    case ValKind::FuncRef: case ValKind::ExternRef: v.raw.ref = raw_.ref.ptr; break;
    default: v.raw.i64 = raw_.i64; break;
  }
  return script::formatValue(v);
}

Result<Value> Value::parse(ValType type, std::string_view text) {
  WASMCAP_TRY_ASSIGN(runtime::Value v, script::parseValue(toRuntime(type), text));
  Value out(type);
  switch (type.kind()) {
    case ValKind::I32: case ValKind::F32: out.raw_.i64 = v.raw.i32; break;
    case ValKind::V128: std::memcpy(out.raw_.v128.bytes, v.raw.v128.bytes, 16); break;
    case ValKind::FuncRef: case ValKind::ExternRef: break;  // only null parses
    default: out.raw_.i64 = v.raw.i64; break;
  }
  return out;
}

const char* ValType::name() const { return ir::valTypeName(toRuntime(*this)); }

std::string FuncType::toString() const { return ir::funcTypeToString(toRuntime(*this)); }

const char* externKindName(ExternKind kind) {
  switch (kind) {
    case ExternKind::Func: return "func";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
  }
  return "extern";
}

}  // namespace wasmcap
