/* Globals: made by the host and by wasm, read and written from both sides,
 * with their types and as references. */
#include "check.h"

static const char* kModule =
    "(module"
    "  (import \"host\" \"counter\" (global $counter (mut i64)))"
    "  (import \"host\" \"scale\" (global $scale f64))"
    "  (global $own (export \"own\") (mut i32) (i32.const 10))"
    "  (global (export \"fixed\") f32 (f32.const 0.5))"
    "  (func (export \"bump\") (result i64)"
    "    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))"
    "    (global.get $counter))"
    "  (func (export \"read_own\") (result i32) (global.get $own))"
    "  (func (export \"scaled\") (param f64) (result f64) (f64.mul (local.get 0) (global.get $scale))))";

enum { kOwn, kFixed, kBump, kReadOwn, kScaled };

static wasm_global_t* new_global(wasm_store_t* store, wasm_valtype_t* type, wasm_mutability_t mut, wasm_val_t value) {
  wasm_globaltype_t* gt = wasm_globaltype_new(type, mut);
  wasm_global_t* g = wasm_global_new(store, gt, &value);
  wasm_globaltype_delete(gt);
  return g;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);

  wasm_global_t* counter = new_global(store, wasm_valtype_new_i64(), WASM_VAR, (wasm_val_t)WASM_I64_VAL(41));
  wasm_global_t* scale = new_global(store, wasm_valtype_new_f64(), WASM_CONST, (wasm_val_t)WASM_F64_VAL(2.5));
  CHECK(counter != NULL && scale != NULL);

  /* The value must have the content type. */
  wasmcap_clear_last_error();
  CHECK(new_global(store, wasm_valtype_new_i32(), WASM_CONST, (wasm_val_t)WASM_F32_VAL(1.0f)) == NULL);
  CHECK(strstr(wasmcap_last_error_message(), "expected i32, got f32") != NULL);

  /* Types. */
  wasm_globaltype_t* type = wasm_global_type(counter);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_globaltype_content(type)), WASM_I64);
  CHECK_EQ_INT(wasm_globaltype_mutability(type), WASM_VAR);
  wasm_globaltype_delete(type);
  type = wasm_global_type(scale);
  CHECK_EQ_INT(wasm_globaltype_mutability(type), WASM_CONST);
  wasm_globaltype_delete(type);

  /* Written by the host, read by wasm and the other way round. */
  wasm_module_t* module = module_from_wat(store, kModule);
  wasm_extern_t* imports_data[2] = {wasm_global_as_extern(counter), wasm_global_as_extern(scale)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  CHECK(instance != NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 5);

  wasm_val_t result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t none = WASM_EMPTY_VEC, results = WASM_ARRAY_VEC(result);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kBump]), &none, &results) == NULL);
  CHECK_EQ_INT(result[0].of.i64, 42);
  wasm_val_t value;
  wasm_global_get(counter, &value);
  CHECK(value.kind == WASM_I64 && value.of.i64 == 42);
  wasm_val_t hundred = WASM_I64_VAL(100);
  wasm_global_set(counter, &hundred);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kBump]), &none, &results) == NULL);
  CHECK_EQ_INT(result[0].of.i64, 101);

  wasm_val_t two[1] = {WASM_F64_VAL(2.0)};
  wasm_val_vec_t two_args = WASM_ARRAY_VEC(two);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kScaled]), &two_args, &results) == NULL);
  CHECK(result[0].of.f64 == 5.0);

  /* A global exported by wasm. */
  wasm_global_t* own = wasm_extern_as_global(exports.data[kOwn]);
  CHECK(own != NULL);
  wasm_global_get(own, &value);
  CHECK(value.kind == WASM_I32 && value.of.i32 == 10);
  wasm_val_t seven = WASM_I32_VAL(7);
  wasm_global_set(own, &seven);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kReadOwn]), &none, &results) == NULL);
  CHECK_EQ_INT(result[0].of.i32, 7);

  /* Immutable globals and values of another type are refused and stay. */
  wasm_global_t* fixed = wasm_extern_as_global(exports.data[kFixed]);
  wasm_val_t one = WASM_F32_VAL(1.0f);
  wasmcap_clear_last_error();
  wasm_global_set(fixed, &one);
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  wasm_global_get(fixed, &value);
  CHECK(value.kind == WASM_F32 && value.of.f32 == 0.5f);
  wasmcap_clear_last_error();
  wasm_global_set(own, &one);
  CHECK(strstr(wasmcap_last_error_message(), "expected i32, got f32") != NULL);
  wasm_global_get(own, &value);
  CHECK_EQ_INT(value.of.i32, 7);

  /* Globals as references: the import and the host's global are one. */
  wasm_global_t* copy = wasm_global_copy(counter);
  CHECK(wasm_global_same(copy, counter));
  CHECK(!wasm_global_same(copy, scale));
  wasm_global_set_host_info(copy, &value);
  CHECK(wasm_global_get_host_info(counter) == &value);
  CHECK(wasm_ref_as_global(wasm_global_as_ref(copy)) == copy);
  CHECK(wasm_ref_as_global_const(wasm_global_as_ref_const(copy)) == copy);
  CHECK(wasm_extern_as_global(wasm_global_as_extern(copy)) == copy);
  CHECK(wasm_extern_as_global_const(wasm_global_as_extern_const(copy)) == copy);
  wasm_global_delete(copy);

  /* Reference-typed globals. */
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  wasm_global_t* ref_global =
      new_global(store, wasm_valtype_new_anyref(), WASM_VAR, (wasm_val_t)WASM_REF_VAL(wasm_foreign_as_ref(foreign)));
  CHECK(ref_global != NULL);
  wasm_global_get(ref_global, &value);
  CHECK(value.kind == WASM_ANYREF && wasm_ref_same(value.of.ref, wasm_foreign_as_ref(foreign)));
  wasm_val_delete(&value);
  wasm_val_t null_ref = WASM_INIT_VAL;
  wasm_global_set(ref_global, &null_ref);
  wasm_global_get(ref_global, &value);
  CHECK(value.of.ref == NULL);
  wasm_global_t* func_global = new_global(store, wasm_valtype_new_funcref(), WASM_VAR,
                                          (wasm_val_t){.kind = WASM_FUNCREF, .of = {.ref = NULL}});
  CHECK(func_global != NULL);
  wasm_val_t funcref = {.kind = WASM_FUNCREF, .of = {.ref = wasm_extern_as_ref(exports.data[kBump])}};
  wasm_global_set(func_global, &funcref);
  wasm_global_get(func_global, &value);
  CHECK(value.kind == WASM_FUNCREF && wasm_ref_same(value.of.ref, wasm_extern_as_ref(exports.data[kBump])));
  wasm_val_delete(&value);

  wasm_global_delete(func_global);
  wasm_global_delete(ref_global);
  wasm_foreign_delete(foreign);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_global_delete(counter);
  wasm_global_delete(scale);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("globals: ok");
  return 0;
}
