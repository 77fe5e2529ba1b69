/* Modules: validation, errors, imports and exports reflection, sharing with
 * another thread, serialization, and host info. */
#include <pthread.h>

#include "check.h"

static const char* kModule =
    "(module"
    "  (import \"env\" \"log\" (func $log (param i32)))"
    "  (import \"env\" \"limit\" (global i64))"
    "  (import \"env\" \"table\" (table 1 5 funcref))"
    "  (import \"env\" \"mem\" (memory 1))"
    "  (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))"
    "  (global (export \"counter\") (mut i32) (i32.const 0))"
    "  (table (export \"tab\") 2 externref)"
    "  (export \"memory\" (memory 0)))";

static const char* kAdder = "(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))";

static int32_t call_add(wasm_store_t* store, wasm_module_t* module, int32_t a, int32_t b) {
  wasm_extern_vec_t imports = WASM_EMPTY_VEC;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  CHECK(instance != NULL);
  wasm_extern_t* add = export_at(instance, 0);
  wasm_val_t args_data[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t results_data[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = WASM_ARRAY_VEC(args_data), results = WASM_ARRAY_VEC(results_data);
  CHECK(wasm_func_call(wasm_extern_as_func(add), &args, &results) == NULL);
  CHECK(results_data[0].kind == WASM_I32);
  wasm_extern_delete(add);
  wasm_instance_delete(instance);
  return results_data[0].of.i32;
}

static void validation(wasm_store_t* store) {
  wasm_byte_vec_t good, bad;
  CHECK(wasmcap_wat2wasm(kAdder, strlen(kAdder), &good));
  CHECK(wasm_module_validate(store, &good));
  wasm_byte_vec_new(&bad, 8, "\0asm\2\0\0\0");
  wasmcap_clear_last_error();
  CHECK(!wasm_module_validate(store, &bad));
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  wasmcap_clear_last_error();
  CHECK(wasm_module_new(store, &bad) == NULL);
  CHECK(strstr(wasmcap_last_error_message(), "malformed") != NULL);

  /* Well-formed but invalid: adding an i64 to an i32. */
  const char* invalid = "(module (func (result i32) (i32.add (i32.const 1) (i64.const 2))))";
  wasm_byte_vec_t invalid_binary;
  CHECK(wasmcap_wat2wasm(invalid, strlen(invalid), &invalid_binary));
  CHECK(!wasm_module_validate(store, &invalid_binary));
  CHECK(wasm_module_new(store, &invalid_binary) == NULL);
  CHECK(strstr(wasmcap_last_error_message(), "invalid") != NULL);

  /* Malformed text names where. */
  wasm_byte_vec_t nothing;
  CHECK(!wasmcap_wat2wasm("(module (func", 13, &nothing));
  CHECK(nothing.size == 0);
  CHECK(strlen(wasmcap_last_error_message()) > 0);

  wasm_byte_vec_delete(&good);
  wasm_byte_vec_delete(&bad);
  wasm_byte_vec_delete(&invalid_binary);
}

static void reflection(wasm_store_t* store) {
  wasm_module_t* module = module_from_wat(store, kModule);
  wasm_importtype_vec_t imports;
  wasm_module_imports(module, &imports);
  CHECK_EQ_INT(imports.size, 4);
  const char* names[4] = {"log", "limit", "table", "mem"};
  const wasm_externkind_t kinds[4] = {WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_TABLE, WASM_EXTERN_MEMORY};
  for (size_t i = 0; i < 4; ++i) {
    CHECK(name_equals(wasm_importtype_module(imports.data[i]), "env"));
    CHECK(name_equals(wasm_importtype_name(imports.data[i]), names[i]));
    CHECK_EQ_INT(wasm_externtype_kind(wasm_importtype_type(imports.data[i])), kinds[i]);
  }
  const wasm_functype_t* log = wasm_externtype_as_functype_const(wasm_importtype_type(imports.data[0]));
  CHECK(wasm_functype_params(log)->size == 1 && wasm_functype_results(log)->size == 0);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_functype_params(log)->data[0]), WASM_I32);
  const wasm_globaltype_t* limit = wasm_externtype_as_globaltype_const(wasm_importtype_type(imports.data[1]));
  CHECK_EQ_INT(wasm_valtype_kind(wasm_globaltype_content(limit)), WASM_I64);
  CHECK_EQ_INT(wasm_globaltype_mutability(limit), WASM_CONST);
  const wasm_tabletype_t* table = wasm_externtype_as_tabletype_const(wasm_importtype_type(imports.data[2]));
  CHECK_EQ_INT(wasm_valtype_kind(wasm_tabletype_element(table)), WASM_FUNCREF);
  CHECK_EQ_INT(wasm_tabletype_limits(table)->min, 1);
  CHECK_EQ_INT(wasm_tabletype_limits(table)->max, 5);
  const wasm_memorytype_t* mem = wasm_externtype_as_memorytype_const(wasm_importtype_type(imports.data[3]));
  CHECK_EQ_INT(wasm_memorytype_limits(mem)->min, 1);
  CHECK(wasm_memorytype_limits(mem)->max == wasm_limits_max_default);
  wasm_importtype_vec_delete(&imports);

  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  CHECK_EQ_INT(exports.size, 4);
  CHECK(name_equals(wasm_exporttype_name(exports.data[0]), "add"));
  const wasm_functype_t* add = wasm_externtype_as_functype_const(wasm_exporttype_type(exports.data[0]));
  CHECK(wasm_functype_params(add)->size == 2 && wasm_functype_results(add)->size == 1);
  CHECK(name_equals(wasm_exporttype_name(exports.data[1]), "counter"));
  const wasm_globaltype_t* counter = wasm_externtype_as_globaltype_const(wasm_exporttype_type(exports.data[1]));
  CHECK_EQ_INT(wasm_globaltype_mutability(counter), WASM_VAR);
  CHECK(name_equals(wasm_exporttype_name(exports.data[2]), "tab"));
  const wasm_tabletype_t* tab = wasm_externtype_as_tabletype_const(wasm_exporttype_type(exports.data[2]));
  CHECK_EQ_INT(wasm_valtype_kind(wasm_tabletype_element(tab)), WASM_ANYREF);
  CHECK(name_equals(wasm_exporttype_name(exports.data[3]), "memory"));
  /* The imported memory, exported again. */
  const wasm_memorytype_t* memory = wasm_externtype_as_memorytype_const(wasm_exporttype_type(exports.data[3]));
  CHECK_EQ_INT(wasm_memorytype_limits(memory)->min, 1);
  CHECK(wasm_memorytype_limits(memory)->max == wasm_limits_max_default);
  wasm_exporttype_vec_delete(&exports);
  wasm_module_delete(module);
}

/* A thread of its own: its store, the shared module obtained there, a call. */
struct thread_job {
  wasm_engine_t* engine;
  const wasm_shared_module_t* shared;
  int32_t result;
};

static void* run_shared(void* arg) {
  struct thread_job* job = arg;
  wasm_store_t* store = wasm_store_new(job->engine);
  wasm_module_t* module = wasm_module_obtain(store, job->shared);
  CHECK(module != NULL);
  job->result = call_add(store, module, 20, 22);
  wasm_module_delete(module);
  wasm_store_delete(store);
  return NULL;
}

static void sharing(wasm_engine_t* engine, wasm_store_t* store) {
  wasm_module_t* module = module_from_wat(store, kAdder);
  wasm_shared_module_t* shared = wasm_module_share(module);
  struct thread_job jobs[2] = {{engine, shared, 0}, {engine, shared, 0}};
  pthread_t threads[2];
  for (int i = 0; i < 2; ++i) CHECK(pthread_create(&threads[i], NULL, run_shared, &jobs[i]) == 0);
  for (int i = 0; i < 2; ++i) CHECK(pthread_join(threads[i], NULL) == 0);
  CHECK_EQ_INT(jobs[0].result, 42);
  CHECK_EQ_INT(jobs[1].result, 42);

  /* Obtained in a store of another engine, it is refused. */
  wasm_engine_t* other_engine = wasm_engine_new();
  wasm_store_t* other_store = wasm_store_new(other_engine);
  CHECK(wasm_module_obtain(other_store, shared) == NULL);
  CHECK(strstr(wasmcap_last_error_message(), "engine") != NULL);
  wasm_store_delete(other_store);
  wasm_engine_delete(other_engine);

  wasm_shared_module_delete(shared);
  wasm_module_delete(module);
}

static void serialization(wasm_store_t* store) {
  wasm_module_t* module = module_from_wat(store, kAdder);
  wasm_byte_vec_t bytes;
  wasm_module_serialize(module, &bytes);
  CHECK(bytes.size > 0);
  wasm_module_t* restored = wasm_module_deserialize(store, &bytes);
  CHECK(restored != NULL);
  CHECK_EQ_INT(call_add(store, restored, 40, 2), 42);
  wasm_exporttype_vec_t exports;
  wasm_module_exports(restored, &exports);
  CHECK(exports.size == 1 && name_equals(wasm_exporttype_name(exports.data[0]), "add"));
  wasm_exporttype_vec_delete(&exports);

  /* Garbage is refused with a reason. */
  wasm_byte_vec_t garbage;
  wasm_byte_vec_new(&garbage, 5, "junk!");
  wasmcap_clear_last_error();
  CHECK(wasm_module_deserialize(store, &garbage) == NULL);
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  wasm_byte_vec_delete(&garbage);

  wasm_byte_vec_delete(&bytes);
  wasm_module_delete(restored);
  wasm_module_delete(module);
}

static int module_info_finalized;
static void finalize_module_info(void* info) { module_info_finalized += (int)(size_t)info; }

static void module_references(wasm_store_t* store) {
  wasm_module_t* module = module_from_wat(store, kAdder);
  wasm_module_t* copy = wasm_module_copy(module);
  CHECK(wasm_module_same(module, copy));
  wasm_module_set_host_info_with_finalizer(module, (void*)7, finalize_module_info);
  CHECK(wasm_module_get_host_info(copy) == (void*)7);
  CHECK(wasm_ref_as_module(wasm_module_as_ref(copy)) == copy);
  CHECK(wasm_ref_as_module_const(wasm_module_as_ref_const(copy)) == copy);
  wasm_module_t* other = module_from_wat(store, kAdder);
  CHECK(!wasm_module_same(module, other));
  wasm_module_delete(other);
  wasm_module_delete(module);
  CHECK_EQ_INT(module_info_finalized, 0);
  wasm_module_delete(copy);
  CHECK_EQ_INT(module_info_finalized, 7);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  validation(store);
  reflection(store);
  sharing(engine, store);
  serialization(store);
  module_references(store);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("modules: ok");
  return 0;
}
