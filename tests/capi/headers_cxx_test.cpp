// wasm.h and wasmcap.h compile as C++ too, macros and inline helpers
// included, and work from C++ code.
#include "wasm.h"
#include "wasmcap.h"

#include <cstdio>
#include <cstring>

int main() {
  wasm_val_t vals[] = {WASM_I32_VAL(1), WASM_I64_VAL(2), WASM_F32_VAL(3.0f), WASM_F64_VAL(4.0), WASM_INIT_VAL};
  wasm_val_vec_t vec = WASM_ARRAY_VEC(vals);
  wasm_val_vec_t copy;
  wasm_val_vec_copy(&copy, &vec);
  bool ok = copy.size == 5 && copy.data[1].of.i64 == 2 && copy.data[4].kind == WASM_ANYREF;
  wasm_val_vec_delete(&copy);

  wasm_functype_t* type = wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_f64(), wasm_valtype_new_funcref());
  ok = ok && wasm_valtype_is_ref(wasm_functype_results(type)->data[0]);
  ok = ok && wasm_externtype_kind(wasm_functype_as_externtype(type)) == WASM_EXTERN_FUNC;
  wasm_functype_delete(type);

  wasm_name_t name;
  wasm_name_new_from_string(&name, "c++");
  ok = ok && name.size == 3 && std::memcmp(name.data, "c++", 3) == 0;
  wasm_name_delete(&name);

  wasmcap_store_limits_t limits;
  wasmcap_store_limits_default(&limits);
  ok = ok && limits.max_call_depth > 0 && std::strlen(wasmcap_version()) > 0;

  std::puts(ok ? "headers as C++: ok" : "headers as C++: FAILED");
  return ok ? 0 : 1;
}
