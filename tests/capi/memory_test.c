/* Memories: made by the host and by wasm, their bytes shared with wasm,
 * grown from both sides within their maximum. */
#include "check.h"

static const char* kModule =
    "(module"
    "  (import \"host\" \"mem\" (memory 1 3))"
    "  (func (export \"load\") (param i32) (result i32) (i32.load (local.get 0)))"
    "  (func (export \"store\") (param i32 i32) (i32.store (local.get 0) (local.get 1)))"
    "  (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))";

enum { kLoad, kStore, kGrow };

static int32_t call(wasm_extern_t* const* exports, int which, int32_t a, int32_t b) {
  wasm_val_t args_data[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t result[1] = {WASM_I32_VAL(0)};
  wasm_val_vec_t args = {which == kStore ? 2 : 1, args_data};
  wasm_val_vec_t results = {which == kStore ? 0 : 1, result};
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(exports[which]), &args, &results);
  CHECK(trap == NULL);
  return result[0].of.i32;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);

  wasm_limits_t limits = {1, 3};
  wasm_memorytype_t* type = wasm_memorytype_new(&limits);
  wasm_memory_t* memory = wasm_memory_new(store, type);
  CHECK(memory != NULL);
  CHECK_EQ_INT(MEMORY_PAGE_SIZE, 65536);
  CHECK_EQ_INT(wasm_memory_size(memory), 1);
  CHECK_EQ_INT(wasm_memory_data_size(memory), MEMORY_PAGE_SIZE);
  byte_t* data = wasm_memory_data(memory);
  CHECK(data != NULL && data[0] == 0 && data[65535] == 0);

  wasm_module_t* module = module_from_wat(store, kModule);
  wasm_extern_t* imports_data[1] = {wasm_memory_as_extern(memory)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  CHECK(instance != NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  /* The host's writes are wasm's reads, and the other way round. */
  int32_t word = 0x01020304;
  memcpy(data + 100, &word, 4);
  CHECK_EQ_INT(call(exports.data, kLoad, 100, 0), 0x01020304);
  call(exports.data, kStore, 200, -5);
  int32_t stored;
  memcpy(&stored, data + 200, 4);
  CHECK_EQ_INT(stored, -5);

  /* Grown by the host, then by wasm; the data pointer stays valid. */
  CHECK(wasm_memory_grow(memory, 1));
  CHECK_EQ_INT(wasm_memory_size(memory), 2);
  CHECK_EQ_INT(wasm_memory_data_size(memory), 2 * MEMORY_PAGE_SIZE);
  CHECK_EQ_INT(call(exports.data, kGrow, 1, 0), 2);
  CHECK_EQ_INT(wasm_memory_size(memory), 3);
  CHECK(wasm_memory_data(memory) == data);
  data[3 * MEMORY_PAGE_SIZE - 1] = 9;
  CHECK_EQ_INT(call(exports.data, kLoad, 3 * 65536 - 4, 0), 9 << 24);
  /* Not beyond the maximum. */
  wasmcap_clear_last_error();
  CHECK(!wasm_memory_grow(memory, 1));
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  CHECK_EQ_INT(call(exports.data, kGrow, 1, 0), -1);
  CHECK_EQ_INT(wasm_memory_size(memory), 3);
  CHECK(wasm_memory_grow(memory, 0));

  /* The type has the current size as its minimum. */
  wasm_memorytype_t* now = wasm_memory_type(memory);
  CHECK_EQ_INT(wasm_memorytype_limits(now)->min, 3);
  CHECK_EQ_INT(wasm_memorytype_limits(now)->max, 3);
  wasm_memorytype_delete(now);

  /* Memories as references. */
  wasm_memory_t* copy = wasm_memory_copy(memory);
  CHECK(wasm_memory_same(copy, memory));
  wasm_memory_set_host_info(copy, data);
  CHECK(wasm_memory_get_host_info(memory) == data);
  CHECK(wasm_ref_as_memory(wasm_memory_as_ref(copy)) == copy);
  CHECK(wasm_ref_as_memory_const(wasm_memory_as_ref_const(copy)) == copy);
  CHECK(wasm_extern_as_memory(wasm_memory_as_extern(copy)) == copy);
  CHECK(wasm_extern_as_memory_const(wasm_memory_as_extern_const(copy)) == copy);
  wasm_memory_t* other = wasm_memory_new(store, type);
  CHECK(!wasm_memory_same(other, memory));
  wasm_memory_delete(other);
  wasm_memory_delete(copy);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_memory_delete(memory);
  wasm_memorytype_delete(type);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("memories: ok");
  return 0;
}
