/* Foreign objects and host info: every kind of reference carries host info
 * whose finalizer runs exactly once; and 100,000 instances with host info
 * are all finalized when their store is deleted. */
#include "check.h"

enum { kInstances = 100000 };

static int finalized[kInstances];
static int finalizer_calls;

static void finalize(void* info) {
  ++finalized[(int*)info - finalized];
  ++finalizer_calls;
}

static wasm_trap_t* nothing(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args, (void)results;
  return NULL;
}

/* Host info on one object of every reference type, finalized with the store
 * while references to them are still held (and deleted afterwards). */
static void every_kind(wasm_engine_t* engine) {
  wasm_store_t* store = wasm_store_new(engine);
  wasm_instance_t* instance =
      instance_from_wat(store, "(module (func (export \"f\")) (global (export \"g\") i32 (i32.const 0))"
                               "  (table (export \"t\") 1 funcref) (memory (export \"m\") 1))");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_module_t* module = module_from_wat(store, "(module)");
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  wasm_message_t message;
  wasm_name_new_from_string_nt(&message, "a trap");
  wasm_trap_t* trap = wasm_trap_new(store, &message);
  wasm_byte_vec_delete(&message);
  wasm_functype_t* type = wasm_functype_new_0_0();
  wasm_func_t* host_func = wasm_func_new(store, type, nothing);

  wasm_func_set_host_info_with_finalizer(wasm_extern_as_func(exports.data[0]), &finalized[0], finalize);
  wasm_global_set_host_info_with_finalizer(wasm_extern_as_global(exports.data[1]), &finalized[1], finalize);
  wasm_table_set_host_info_with_finalizer(wasm_extern_as_table(exports.data[2]), &finalized[2], finalize);
  wasm_memory_set_host_info_with_finalizer(wasm_extern_as_memory(exports.data[3]), &finalized[3], finalize);
  wasm_instance_set_host_info_with_finalizer(instance, &finalized[4], finalize);
  wasm_module_set_host_info_with_finalizer(module, &finalized[5], finalize);
  wasm_foreign_set_host_info_with_finalizer(foreign, &finalized[6], finalize);
  wasm_trap_set_host_info_with_finalizer(trap, &finalized[7], finalize);
  wasm_ref_set_host_info_with_finalizer(wasm_func_as_ref(host_func), &finalized[8], finalize);
  CHECK(wasm_func_get_host_info(host_func) == &finalized[8]);
  CHECK(wasm_trap_get_host_info(trap) == &finalized[7]);
  CHECK(wasm_extern_get_host_info(exports.data[3]) == &finalized[3]);
  CHECK_EQ_INT(finalizer_calls, 0);

  wasm_store_delete(store);
  CHECK_EQ_INT(finalizer_calls, 9);
  for (int i = 0; i < 9; ++i) CHECK_EQ_INT(finalized[i], 1);

  /* The references held are still good for deleting, which finalizes
   * nothing more. */
  wasm_func_delete(host_func);
  wasm_functype_delete(type);
  wasm_trap_delete(trap);
  wasm_foreign_delete(foreign);
  wasm_module_delete(module);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  CHECK_EQ_INT(finalizer_calls, 9);
  memset(finalized, 0, sizeof finalized);
  finalizer_calls = 0;
}

/* Foreign objects made and dropped in numbers: those whose last reference
 * is deleted are finalized then, the others when the store goes. */
static void foreign_objects(wasm_engine_t* engine) {
  wasm_store_t* store = wasm_store_new(engine);
  wasm_foreign_t* kept[500];
  for (int i = 0; i < 1000; ++i) {
    wasm_foreign_t* f = wasm_foreign_new(store);
    wasm_foreign_set_host_info_with_finalizer(f, &finalized[i], finalize);
    if (i % 2) {
      wasm_foreign_delete(f);
      CHECK_EQ_INT(finalized[i], 1);
      continue;
    }
    /* A copy keeps the object beyond its first reference. */
    kept[i / 2] = wasm_foreign_copy(f);
    wasm_foreign_delete(f);
    CHECK_EQ_INT(finalized[i], 0);
    CHECK(wasm_ref_get_host_info(wasm_foreign_as_ref(kept[i / 2])) == &finalized[i]);
  }
  CHECK_EQ_INT(finalizer_calls, 500);
  wasm_store_delete(store);
  CHECK_EQ_INT(finalizer_calls, 1000);
  for (int k = 0; k < 500; ++k) wasm_foreign_delete(kept[k]);
  CHECK_EQ_INT(finalizer_calls, 1000);
  for (int i = 0; i < 1000; ++i) CHECK_EQ_INT(finalized[i], 1);
  memset(finalized, 0, sizeof finalized);
  finalizer_calls = 0;
}

/* 100,000 instances, each with host info: all finalized by deleting the
 * store, none twice. */
static void many_instances(wasm_engine_t* engine) {
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = module_from_wat(store, "(module (func (export \"f\") (result i32) (i32.const 1)))");
  wasm_extern_vec_t no_imports = WASM_EMPTY_VEC;
  static wasm_instance_t* instances[kInstances];
  for (int i = 0; i < kInstances; ++i) {
    instances[i] = wasm_instance_new(store, module, &no_imports, NULL);
    CHECK(instances[i] != NULL);
    wasm_instance_set_host_info_with_finalizer(instances[i], &finalized[i], finalize);
  }
  CHECK_EQ_INT(finalizer_calls, 0);
  wasm_module_delete(module);
  wasm_store_delete(store);
  CHECK_EQ_INT(finalizer_calls, kInstances);
  for (int i = 0; i < kInstances; ++i) CHECK_EQ_INT(finalized[i], 1);
  for (int i = 0; i < kInstances; ++i) wasm_instance_delete(instances[i]);
  CHECK_EQ_INT(finalizer_calls, kInstances);
  memset(finalized, 0, sizeof finalized);
  finalizer_calls = 0;

  /* The same, deleting each instance's last reference as it goes: each is
   * finalized then, and the store has nothing left to finalize. */
  store = wasm_store_new(engine);
  module = module_from_wat(store, "(module (func (export \"f\") (result i32) (i32.const 1)))");
  for (int i = 0; i < kInstances; ++i) {
    wasm_instance_t* instance = wasm_instance_new(store, module, &no_imports, NULL);
    CHECK(instance != NULL);
    wasm_instance_set_host_info_with_finalizer(instance, &finalized[i], finalize);
    wasm_instance_delete(instance);
    CHECK_EQ_INT(finalizer_calls, i + 1);
  }
  wasm_module_delete(module);
  wasm_store_delete(store);
  CHECK_EQ_INT(finalizer_calls, kInstances);
  for (int i = 0; i < kInstances; ++i) CHECK_EQ_INT(finalized[i], 1);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  every_kind(engine);
  foreign_objects(engine);
  many_instances(engine);
  wasm_engine_delete(engine);
  puts("foreign objects and host info: ok");
  return 0;
}
