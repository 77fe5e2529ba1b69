/* Externs and instances: the four kinds of extern with their types and
 * conversions, instantiation with every kind of import, exports, and the
 * ways instantiation fails. */
#include "check.h"

static wasm_trap_t* triple(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 3 * args->data[0].of.i32;
  return NULL;
}

static const char* kModule =
    "(module"
    "  (import \"env\" \"triple\" (func $triple (param i32) (result i32)))"
    "  (import \"env\" \"base\" (global $base i32))"
    "  (import \"env\" \"table\" (table 2 funcref))"
    "  (import \"env\" \"memory\" (memory 1))"
    "  (func (export \"run\") (param i32) (result i32)"
    "    (i32.store (i32.const 0) (call $triple (local.get 0)))"
    "    (i32.add (i32.load (i32.const 0)) (global.get $base)))"
    "  (export \"memory\" (memory 0))"
    "  (export \"table\" (table 0))"
    "  (export \"base\" (global $base))"
    "  (export \"triple\" (func $triple)))";

static void externs(wasm_extern_t* const* exports) {
  const wasm_externkind_t kinds[5] = {WASM_EXTERN_FUNC, WASM_EXTERN_MEMORY, WASM_EXTERN_TABLE, WASM_EXTERN_GLOBAL,
                                      WASM_EXTERN_FUNC};
  for (int i = 0; i < 5; ++i) {
    CHECK_EQ_INT(wasm_extern_kind(exports[i]), kinds[i]);
    wasm_externtype_t* type = wasm_extern_type(exports[i]);
    CHECK_EQ_INT(wasm_externtype_kind(type), kinds[i]);
    wasm_externtype_delete(type);
    CHECK((wasm_extern_as_func(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_FUNC));
    CHECK((wasm_extern_as_memory(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_MEMORY));
    CHECK((wasm_extern_as_table(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_TABLE));
    CHECK((wasm_extern_as_global(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_GLOBAL));
    CHECK((wasm_extern_as_func_const(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_FUNC));
    CHECK((wasm_extern_as_memory_const(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_MEMORY));
    CHECK((wasm_extern_as_table_const(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_TABLE));
    CHECK((wasm_extern_as_global_const(exports[i]) != NULL) == (kinds[i] == WASM_EXTERN_GLOBAL));
    /* An extern is a reference too. */
    wasm_ref_t* ref = wasm_extern_as_ref(exports[i]);
    CHECK(wasm_ref_as_extern(ref) == exports[i]);
    CHECK(wasm_ref_as_extern_const(wasm_extern_as_ref_const(exports[i])) == exports[i]);
  }
  wasm_externtype_t* type = wasm_extern_type(exports[0]);
  const wasm_functype_t* ft = wasm_externtype_as_functype_const(type);
  CHECK(wasm_functype_params(ft)->size == 1 && wasm_functype_results(ft)->size == 1);
  wasm_externtype_delete(type);
  type = wasm_extern_type(exports[2]);
  CHECK_EQ_INT(wasm_tabletype_limits(wasm_externtype_as_tabletype(type))->min, 2);
  wasm_externtype_delete(type);

  wasm_extern_t* copy = wasm_extern_copy(exports[1]);
  CHECK(wasm_extern_same(copy, exports[1]) && !wasm_extern_same(copy, exports[0]));
  wasm_extern_set_host_info(copy, copy);
  CHECK(wasm_extern_get_host_info(exports[1]) == copy);
  CHECK(wasm_memory_get_host_info(wasm_extern_as_memory(exports[1])) == copy);
  wasm_extern_set_host_info(copy, NULL);
  wasm_extern_delete(copy);
}

static wasm_instance_t* instantiate(wasm_store_t* store, wasm_module_t* module, wasm_extern_t** imports, size_t n,
                                    wasm_trap_t** trap) {
  wasm_extern_vec_t vec = {n, imports};
  return wasm_instance_new(store, module, &vec, trap);
}

static void failures(wasm_engine_t* engine, wasm_store_t* store, wasm_module_t* module, wasm_extern_t** imports) {
  /* Too few imports. */
  wasm_trap_t* trap = NULL;
  wasmcap_clear_last_error();
  CHECK(instantiate(store, module, imports, 3, &trap) == NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "memory"));
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  wasm_trap_delete(trap);
  /* Without a trap to fill in. */
  CHECK(instantiate(store, module, imports, 3, NULL) == NULL);

  /* An import of another kind. */
  wasm_extern_t* swapped[4] = {imports[0], imports[1], imports[3], imports[2]};
  CHECK(instantiate(store, module, swapped, 4, &trap) == NULL);
  CHECK(trap != NULL);
  wasm_trap_delete(trap);

  /* A NULL import, an import from another store. */
  wasm_extern_t* with_null[4] = {imports[0], NULL, imports[2], imports[3]};
  CHECK(instantiate(store, module, with_null, 4, &trap) == NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "import 1 is NULL"));
  wasm_trap_delete(trap);
  wasm_store_t* other = wasm_store_new(engine);
  wasm_limits_t one_page = {1, wasm_limits_max_default};
  wasm_memorytype_t* mt = wasm_memorytype_new(&one_page);
  wasm_memory_t* foreign_memory = wasm_memory_new(other, mt);
  wasm_extern_t* mixed[4] = {imports[0], imports[1], imports[2], wasm_memory_as_extern(foreign_memory)};
  CHECK(instantiate(store, module, mixed, 4, &trap) == NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "another store"));
  wasm_trap_delete(trap);
  wasm_memory_delete(foreign_memory);
  wasm_memorytype_delete(mt);
  wasm_store_delete(other);

  /* A data segment that does not fit. */
  wasm_module_t* too_big = module_from_wat(store, "(module (memory 1) (data (i32.const 65535) \"ab\"))");
  CHECK(instantiate(store, too_big, NULL, 0, &trap) == NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "out of bounds"));
  wasm_trap_delete(trap);
  wasm_module_delete(too_big);
}

static int instance_finalized;
static void finalize_instance(void* info) { instance_finalized += info == &instance_finalized; }

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);

  wasm_functype_t* ft = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t* func = wasm_func_new(store, ft, triple);
  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t base = WASM_I32_VAL(100);
  wasm_global_t* global = wasm_global_new(store, gt, &base);
  wasm_limits_t table_limits = {2, 10}, memory_limits = {1, 2};
  wasm_tabletype_t* tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &table_limits);
  wasm_table_t* table = wasm_table_new(store, tt, NULL);
  wasm_memorytype_t* mt = wasm_memorytype_new(&memory_limits);
  wasm_memory_t* memory = wasm_memory_new(store, mt);
  wasm_extern_t* imports[4] = {wasm_func_as_extern(func), wasm_global_as_extern(global), wasm_table_as_extern(table),
                               wasm_memory_as_extern(memory)};

  wasm_module_t* module = module_from_wat(store, kModule);
  wasm_trap_t* trap = (wasm_trap_t*)&trap; /* set to NULL on success */
  wasm_instance_t* instance = instantiate(store, module, imports, 4, &trap);
  CHECK(instance != NULL && trap == NULL);

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 5);
  wasm_val_t arg[1] = {WASM_I32_VAL(5)}, result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = WASM_ARRAY_VEC(arg), results = WASM_ARRAY_VEC(result);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[0]), &args, &results) == NULL);
  CHECK_EQ_INT(result[0].of.i32, 115);
  /* The exports are the objects imported. */
  CHECK(wasm_memory_same(wasm_extern_as_memory(exports.data[1]), memory));
  CHECK(wasm_table_same(wasm_extern_as_table(exports.data[2]), table));
  CHECK(wasm_global_same(wasm_extern_as_global(exports.data[3]), global));
  CHECK(wasm_func_same(wasm_extern_as_func(exports.data[4]), func));
  CHECK_EQ_INT(*(int32_t*)wasm_memory_data(memory), 15);

  externs(exports.data);
  failures(engine, store, module, imports);

  /* Instances as references. */
  wasm_instance_t* copy = wasm_instance_copy(instance);
  CHECK(wasm_instance_same(copy, instance));
  wasm_instance_set_host_info_with_finalizer(copy, &instance_finalized, finalize_instance);
  CHECK(wasm_instance_get_host_info(instance) == &instance_finalized);
  CHECK(wasm_ref_as_instance(wasm_instance_as_ref(copy)) == copy);
  CHECK(wasm_ref_as_instance_const(wasm_instance_as_ref_const(copy)) == copy);
  wasm_instance_t* second = instantiate(store, module, imports, 4, NULL);
  CHECK(second != NULL && !wasm_instance_same(second, instance));
  wasm_instance_delete(second);
  wasm_instance_delete(copy);
  CHECK_EQ_INT(instance_finalized, 0);
  wasm_instance_delete(instance);
  CHECK_EQ_INT(instance_finalized, 1);

  wasm_extern_vec_delete(&exports);
  wasm_module_delete(module);
  wasm_func_delete(func);
  wasm_global_delete(global);
  wasm_table_delete(table);
  wasm_memory_delete(memory);
  wasm_functype_delete(ft);
  wasm_globaltype_delete(gt);
  wasm_tabletype_delete(tt);
  wasm_memorytype_delete(mt);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  CHECK_EQ_INT(instance_finalized, 1);
  puts("externs and instances: ok");
  return 0;
}
