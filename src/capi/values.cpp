// Values: wasm_val_t to and from the C++ API's Value. A reference value
// travels into wasm as the Object it names (pinned, so it is still there
// when wasm gives it back) and comes back as a new handle to it.
#include <cstring>

#include "objects.hpp"

namespace wasmcap::capi {
namespace {

const char* kindName(wasm_valkind_t kind) {
  switch (kind) {
    case WASM_I32: return "i32";
    case WASM_I64: return "i64";
    case WASM_F32: return "f32";
    case WASM_F64: return "f64";
    case WASMCAP_V128: return "v128";
    case WASM_ANYREF: return "externref";
    case WASM_FUNCREF: return "funcref";
    default: return "an unknown kind";
  }
}

template <typename Bits, typename Float>
Bits bitsOf(Float f) {
  Bits b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}

Error usage(const char* what, std::string message) {
  return Error(ErrorCode::Usage, std::string(what) + ": " + message);
}

}  // namespace

Result<Value> toValue(wasm_store_t* store, const wasm_val_t& val, ValType type, const char* what) {
  if (type.kind() == ValKind::V128)
    return usage(what, "a v128 value cannot be passed in a wasm_val_t");
  if (val.kind != toC(type.kind()))
    return usage(what, std::string("expected ") + type.name() + ", got " + kindName(val.kind));
  switch (type.kind()) {
    case ValKind::I32: return Value::i32(val.of.i32);
    case ValKind::I64: return Value::i64(val.of.i64);
    case ValKind::F32: return Value::f32Bits(bitsOf<uint32_t>(val.of.f32));
    case ValKind::F64: return Value::f64Bits(bitsOf<uint64_t>(val.of.f64));
    case ValKind::V128: break;
    case ValKind::FuncRef:
    case ValKind::ExternRef: {
      const wasm_ref_t* ref = val.of.ref;
      if (!ref) return Value(type);
      Object* object = ref->object;
      if (object->store != store) return usage(what, "the reference belongs to another store");
      if (type.kind() == ValKind::FuncRef) {
        if (object->kind != RefKind::Func) return usage(what, "a funcref must be a function");
        pin(object);
        return Value::funcref(object->ext().func());
      }
      // Any reference can be an externref; wasm sees the Object.
      pin(object);
      return Value::externref(ExternRef{object});
    }
  }
  return usage(what, "unsupported value type");
}

wasm_val_t toC(wasm_store_t* store, const Value& value) {
  wasm_val_t val;
  std::memset(&val, 0, sizeof val);
  val.kind = toC(value.kind());
  switch (value.kind()) {
    case ValKind::I32: val.of.i32 = value.i32(); break;
    case ValKind::I64: val.of.i64 = value.i64(); break;
    // Through the bits, so that NaN payloads survive.
    case ValKind::F32: {
      uint32_t bits = value.f32Bits();
      std::memcpy(&val.of.f32, &bits, 4);
      break;
    }
    case ValKind::F64: {
      uint64_t bits = value.f64Bits();
      std::memcpy(&val.of.f64, &bits, 8);
      break;
    }
    // Only the low half fits; wasm_func_call refuses v128 before it gets here.
    case ValKind::V128: std::memcpy(&val.of.i64, value.v128().bytes, 8); break;
    case ValKind::FuncRef:
      if (std::optional<Func> f = value.funcref()) val.of.ref = newHandle(objectFor(store, Extern(*f)));
      break;
    case ValKind::ExternRef:
      // Only the C API puts references into wasm in its stores: every
      // non-null externref is one of its Objects.
      if (void* p = value.externref().ptr) val.of.ref = newHandle(static_cast<Object*>(p));
      break;
  }
  return val;
}

wasm_val_t zeroC(ValType type) {
  wasm_val_t val;
  std::memset(&val, 0, sizeof val);
  val.kind = toC(type.kind());
  return val;
}

}  // namespace wasmcap::capi

using namespace wasmcap::capi;

extern "C" {

void wasm_val_delete(wasm_val_t* v) {
  if (!v) return;
  if (wasm_valkind_is_ref(v->kind) && v->of.ref) {
    wasm_ref_delete(v->of.ref);
    v->of.ref = nullptr;
  }
}

void wasm_val_copy(wasm_val_t* out, const wasm_val_t* v) {
  *out = *v;
  if (wasm_valkind_is_ref(v->kind) && v->of.ref) out->of.ref = wasm_ref_copy(v->of.ref);
}

}  // extern "C"
