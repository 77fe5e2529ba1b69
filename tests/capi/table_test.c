/* Tables: made by the host and by wasm, read, written and grown from the
 * host, with wasm calling what the host put there. */
#include "check.h"

static wasm_trap_t* seven(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 7;
  return NULL;
}

static const char* kModule =
    "(module"
    "  (type $get (func (result i32)))"
    "  (table $t (export \"table\") 1 4 funcref)"
    "  (func $five (export \"five\") (result i32) (i32.const 5))"
    "  (elem (i32.const 0) $five)"
    "  (func (export \"call_at\") (param i32) (result i32) (call_indirect (type $get) (local.get 0)))"
    "  (func (export \"size\") (result i32) (table.size $t)))";

enum { kTable, kFive, kCallAt, kSize };

static int32_t call_at(wasm_extern_t* const* exports, int32_t index, wasm_trap_t** trap) {
  wasm_val_t arg[1] = {WASM_I32_VAL(index)};
  wasm_val_t result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = WASM_ARRAY_VEC(arg), results = WASM_ARRAY_VEC(result);
  *trap = wasm_func_call(wasm_extern_as_func(exports[kCallAt]), &args, &results);
  return result[0].of.i32;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_instance_t* instance = instance_from_wat(store, kModule);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 4);
  wasm_table_t* table = wasm_extern_as_table(exports.data[kTable]);
  CHECK(table != NULL);
  wasm_trap_t* trap;

  /* What wasm put there. */
  CHECK_EQ_INT(wasm_table_size(table), 1);
  wasm_ref_t* five = wasm_table_get(table, 0);
  CHECK(five != NULL && wasm_ref_same(five, wasm_extern_as_ref(exports.data[kFive])));
  CHECK(wasm_table_get(table, 1) == NULL);
  wasm_tabletype_t* type = wasm_table_type(table);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_tabletype_element(type)), WASM_FUNCREF);
  CHECK_EQ_INT(wasm_tabletype_limits(type)->min, 1);
  CHECK_EQ_INT(wasm_tabletype_limits(type)->max, 4);
  wasm_tabletype_delete(type);

  /* Grown and set by the host; called by wasm. */
  wasm_functype_t* ft = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* host = wasm_func_new(store, ft, seven);
  CHECK(wasm_table_grow(table, 2, wasm_func_as_ref(host)));
  CHECK_EQ_INT(wasm_table_size(table), 3);
  wasm_val_t size_result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t none = WASM_EMPTY_VEC, size_results = WASM_ARRAY_VEC(size_result);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kSize]), &none, &size_results) == NULL);
  CHECK_EQ_INT(size_result[0].of.i32, 3);
  CHECK_EQ_INT(call_at(exports.data, 2, &trap), 7);
  CHECK(trap == NULL);
  CHECK(wasm_table_set(table, 1, five));
  CHECK_EQ_INT(call_at(exports.data, 1, &trap), 5);
  CHECK(trap == NULL);
  CHECK(wasm_table_set(table, 1, NULL));
  call_at(exports.data, 1, &trap);
  CHECK(trap != NULL && trap_message_contains(trap, "uninitialized element"));
  wasm_trap_delete(trap);
  /* Grown with the null reference. */
  CHECK(wasm_table_grow(table, 1, NULL));
  CHECK_EQ_INT(wasm_table_size(table), 4);
  CHECK(wasm_table_get(table, 3) == NULL);

  /* Beyond the maximum, out of bounds, or of the wrong type: refused. */
  wasmcap_clear_last_error();
  CHECK(!wasm_table_grow(table, 1, NULL));
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  CHECK_EQ_INT(wasm_table_size(table), 4);
  CHECK(!wasm_table_set(table, 4, NULL));
  CHECK(wasm_table_get(table, 4) == NULL);
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  CHECK(!wasm_table_set(table, 0, wasm_foreign_as_ref(foreign)));

  /* A table made by the host. */
  wasm_limits_t limits = {2, wasm_limits_max_default};
  wasm_tabletype_t* ext_type = wasm_tabletype_new(wasm_valtype_new_anyref(), &limits);
  wasm_table_t* externs = wasm_table_new(store, ext_type, wasm_foreign_as_ref(foreign));
  CHECK(externs != NULL);
  CHECK_EQ_INT(wasm_table_size(externs), 2);
  wasm_ref_t* element = wasm_table_get(externs, 1);
  CHECK(element != NULL && wasm_ref_same(element, wasm_foreign_as_ref(foreign)));
  wasm_ref_delete(element);
  CHECK(wasm_table_grow(externs, 3, NULL));
  CHECK_EQ_INT(wasm_table_size(externs), 5);
  CHECK(wasm_table_get(externs, 4) == NULL);
  type = wasm_table_type(externs);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_tabletype_element(type)), WASM_ANYREF);
  CHECK(wasm_tabletype_limits(type)->max == wasm_limits_max_default);
  wasm_tabletype_delete(type);
  wasm_tabletype_t* func_type = wasm_tabletype_new(wasm_valtype_new_funcref(), &limits);
  wasm_table_t* funcs = wasm_table_new(store, func_type, NULL);
  CHECK(funcs != NULL && wasm_table_get(funcs, 0) == NULL);
  /* A foreign object is no function. */
  CHECK(wasm_table_new(store, func_type, wasm_foreign_as_ref(foreign)) == NULL);

  /* Tables as references. */
  wasm_table_t* copy = wasm_table_copy(externs);
  CHECK(wasm_table_same(copy, externs) && !wasm_table_same(copy, funcs));
  wasm_table_set_host_info(copy, &limits);
  CHECK(wasm_table_get_host_info(externs) == &limits);
  CHECK(wasm_ref_as_table(wasm_table_as_ref(copy)) == copy);
  CHECK(wasm_ref_as_table_const(wasm_table_as_ref_const(copy)) == copy);
  CHECK(wasm_extern_as_table(wasm_table_as_extern(copy)) == copy);
  CHECK(wasm_extern_as_table_const(wasm_table_as_extern_const(copy)) == copy);
  wasm_table_delete(copy);

  wasm_table_delete(funcs);
  wasm_table_delete(externs);
  wasm_tabletype_delete(func_type);
  wasm_tabletype_delete(ext_type);
  wasm_foreign_delete(foreign);
  wasm_func_delete(host);
  wasm_functype_delete(ft);
  wasm_ref_delete(five);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("tables: ok");
  return 0;
}
