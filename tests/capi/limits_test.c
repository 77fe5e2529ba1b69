/* wasmcap.h's limits: fuel running out and refilled, interruption from
 * another thread and by deadline, and stores capping memories, tables and
 * call depth. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <time.h>

#include "check.h"

static const char* kLoops =
    "(module"
    "  (func (export \"forever\") (loop $l (br $l)))"
    "  (func (export \"sum\") (param i32) (result i32) (local $acc i32)"
    "    (block $done (loop $l"
    "      (br_if $done (i32.eqz (local.get 0)))"
    "      (local.set $acc (i32.add (local.get $acc) (local.get 0)))"
    "      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))"
    "      (br $l)))"
    "    (local.get $acc))"
    "  (func $recurse (export \"recurse\") (call $recurse)))";

enum { kForever, kSum, kRecurse };

static wasm_engine_t* engine_with(bool fuel, bool interruptible) {
  wasm_config_t* config = wasm_config_new();
  wasmcap_config_consume_fuel(config, fuel);
  wasmcap_config_interruptible(config, interruptible);
  return wasm_engine_new_with_config(config);
}

static wasm_trap_t* call(wasm_extern_t* const* exports, int which, int32_t arg, int32_t* result) {
  wasm_val_t args_data[1] = {WASM_I32_VAL(arg)}, results_data[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = {which == kSum ? 1 : 0, args_data}, results = {which == kSum ? 1 : 0, results_data};
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(exports[which]), &args, &results);
  if (result) *result = results_data[0].of.i32;
  return trap;
}

static void fuel(void) {
  wasm_engine_t* engine = engine_with(true, false);
  wasm_store_t* store = wasm_store_new(engine);
  wasm_instance_t* instance = instance_from_wat(store, kLoops);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  CHECK(wasmcap_store_set_fuel(store, 10000));
  uint64_t left = 0;
  CHECK(wasmcap_store_get_fuel(store, &left));
  CHECK_EQ_INT(left, 10000);

  /* An endless loop runs out. */
  wasm_trap_t* trap = call(exports.data, kForever, 0, NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "all fuel consumed"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_OUT_OF_FUEL);
  wasm_trap_delete(trap);
  CHECK(wasmcap_store_get_fuel(store, &left));
  CHECK_EQ_INT(left, 0);
  /* With no fuel, nothing runs... */
  int32_t sum = 0;
  trap = call(exports.data, kSum, 10, &sum);
  CHECK(trap != NULL && wasmcap_trap_kind(trap) == WASMCAP_TRAP_OUT_OF_FUEL);
  wasm_trap_delete(trap);
  /* ... until more is given; a finite call then finishes and uses some. */
  CHECK(wasmcap_store_set_fuel(store, 100000));
  CHECK(call(exports.data, kSum, 100, &sum) == NULL);
  CHECK_EQ_INT(sum, 5050);
  CHECK(wasmcap_store_get_fuel(store, &left));
  CHECK(left < 100000 && left > 0);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  /* An engine without fuel refuses it, with a reason. */
  engine = wasm_engine_new();
  store = wasm_store_new(engine);
  wasmcap_clear_last_error();
  CHECK(!wasmcap_store_set_fuel(store, 5));
  CHECK(strlen(wasmcap_last_error_message()) > 0);
  CHECK(!wasmcap_store_get_fuel(store, &left));
  CHECK(!wasmcap_store_interrupt_after_ms(store, 1));
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

static void* interrupt_soon(void* handle) {
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL);
  wasmcap_interrupt_handle_interrupt(handle);
  return NULL;
}

static void interruption(void) {
  wasm_engine_t* engine = engine_with(false, true);
  wasm_store_t* store = wasm_store_new(engine);
  wasm_instance_t* instance = instance_from_wat(store, kLoops);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  /* From another thread, while the loop runs. */
  wasmcap_interrupt_handle_t* handle = wasmcap_interrupt_handle_new(store);
  pthread_t thread;
  CHECK(pthread_create(&thread, NULL, interrupt_soon, handle) == 0);
  wasm_trap_t* trap = call(exports.data, kForever, 0, NULL);
  CHECK(pthread_join(thread, NULL) == 0);
  CHECK(trap != NULL && trap_message_contains(trap, "interrupted"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_INTERRUPTED);
  wasm_trap_delete(trap);

  /* The store goes on working afterwards. */
  int32_t sum = 0;
  CHECK(call(exports.data, kSum, 4, &sum) == NULL);
  CHECK_EQ_INT(sum, 10);

  /* By deadline. */
  CHECK(wasmcap_store_interrupt_after_ms(store, 30));
  trap = call(exports.data, kForever, 0, NULL);
  CHECK(trap != NULL && wasmcap_trap_kind(trap) == WASMCAP_TRAP_INTERRUPTED);
  wasm_trap_delete(trap);
  /* A cancelled deadline interrupts nothing. */
  CHECK(wasmcap_store_interrupt_after_ms(store, 1));
  wasmcap_store_cancel_interrupt(store);
  struct timespec pause = {0, 10 * 1000 * 1000};
  nanosleep(&pause, NULL);
  CHECK(call(exports.data, kSum, 3, &sum) == NULL);
  CHECK_EQ_INT(sum, 6);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_store_delete(store);
  /* A handle outliving its store does nothing. */
  wasmcap_interrupt_handle_interrupt(handle);
  wasmcap_interrupt_handle_delete(handle);
  wasm_engine_delete(engine);
}

static void store_limits(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasmcap_store_limits_t limits;
  wasmcap_store_limits_default(&limits);
  CHECK(limits.max_memory_bytes >= ((uint64_t)4 << 30));
  CHECK(limits.max_call_depth > 0 && limits.max_stack_bytes > 0 && limits.max_table_elements > 0);
  limits.max_memory_bytes = 2 * MEMORY_PAGE_SIZE;
  limits.max_table_elements = 10;
  limits.max_call_depth = 50;
  wasm_store_t* store = wasmcap_store_new_with_limits(engine, &limits);

  /* Memories stop at the cap, from wasm and from the host. */
  wasm_instance_t* instance = instance_from_wat(
      store, "(module (memory (export \"m\") 1) (func (export \"grow\") (result i32) (memory.grow (i32.const 1))))");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_t result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t none = WASM_EMPTY_VEC, results = WASM_ARRAY_VEC(result);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[1]), &none, &results) == NULL);
  CHECK_EQ_INT(result[0].of.i32, 1);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[1]), &none, &results) == NULL);
  CHECK_EQ_INT(result[0].of.i32, -1);
  CHECK(!wasm_memory_grow(wasm_extern_as_memory(exports.data[0]), 1));
  CHECK_EQ_INT(wasm_memory_size(wasm_extern_as_memory(exports.data[0])), 2);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  /* A module whose memory starts beyond it is not instantiated. */
  wasm_module_t* big = module_from_wat(store, "(module (memory 3))");
  wasm_extern_vec_t no_imports = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  CHECK(wasm_instance_new(store, big, &no_imports, &trap) == NULL);
  CHECK(trap != NULL);
  wasm_trap_delete(trap);
  wasm_module_delete(big);
  wasm_limits_t three_pages = {3, wasm_limits_max_default};
  wasm_memorytype_t* mt = wasm_memorytype_new(&three_pages);
  CHECK(wasm_memory_new(store, mt) == NULL);
  wasm_memorytype_delete(mt);

  /* Tables likewise. */
  wasm_limits_t elements = {8, wasm_limits_max_default};
  wasm_tabletype_t* tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &elements);
  wasm_table_t* table = wasm_table_new(store, tt, NULL);
  CHECK(table != NULL);
  CHECK(wasm_table_grow(table, 2, NULL));
  CHECK(!wasm_table_grow(table, 1, NULL));
  CHECK_EQ_INT(wasm_table_size(table), 10);
  wasm_table_delete(table);
  wasm_tabletype_delete(tt);

  /* Calls nest no deeper than the cap. */
  instance = instance_from_wat(store, kLoops);
  wasm_instance_exports(instance, &exports);
  trap = call(exports.data, kRecurse, 0, NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "call stack exhausted"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_CALL_STACK_EXHAUSTED);
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size >= 1 && trace.size <= 50);
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(trap);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

int main(void) {
  fuel();
  interruption();
  store_limits();
  puts("limits: ok");
  return 0;
}
