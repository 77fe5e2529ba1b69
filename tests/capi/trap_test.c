/* Traps and frames: traps made by the host and passed through wasm, traps of
 * wasm code with their backtrace (function indices, offsets, instances,
 * names), and traps as references. */
#include "check.h"

static wasm_store_t* the_store;
static wasm_func_t* nested_target;

/* Fails with a message of its own. */
static wasm_trap_t* fail(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args, (void)results;
  wasm_message_t message;
  wasm_name_new_from_string_nt(&message, "the host says no");
  wasm_trap_t* trap = wasm_trap_new(the_store, &message);
  wasm_byte_vec_delete(&message);
  return trap;
}

/* Calls back into wasm, and hands on the trap it gets. */
static wasm_trap_t* call_nested(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args, (void)results;
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  return wasm_func_call(nested_target, &none, &none);
}

static const char* kModule =
    "(module $traps"
    "  (import \"host\" \"fail\" (func $fail))"
    "  (import \"host\" \"nested\" (func $nested))"
    "  (memory 1)"
    "  (func $call_fail (export \"call_fail\") (call $fail))"
    "  (func $deep (export \"deep\") (call $deeper))"
    "  (func $deeper (drop (i32.const 0)) unreachable)"
    "  (func $divide (export \"divide\") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))"
    "  (func $load (export \"load\") (result i32) (i32.load (i32.const 70000)))"
    "  (func $call_nested (export \"call_nested\") (call $nested)))";

enum { kCallFail, kDeep, kDivide, kLoad, kCallNested };

/* Where `pattern` is in `bytes`; fails the test when it is not there once. */
static size_t find_bytes(const wasm_byte_vec_t* bytes, const char* pattern, size_t size) {
  size_t found = 0, count = 0;
  for (size_t i = 0; i + size <= bytes->size; ++i)
    if (memcmp(bytes->data + i, pattern, size) == 0) found = i, ++count;
  CHECK_EQ_INT(count, 1);
  return found;
}

static wasm_trap_t* call0(wasm_extern_t* const* exports, int which) {
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  return wasm_func_call(wasm_extern_as_func(exports[which]), &none, &none);
}

static void wasm_traps(const wasm_byte_vec_t* binary, wasm_instance_t* instance, wasm_extern_t* const* exports) {
  /* unreachable, two wasm frames deep. */
  wasm_trap_t* trap = call0(exports, kDeep);
  CHECK(trap != NULL);
  CHECK(trap_message_contains(trap, "unreachable"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_UNREACHABLE);
  int status;
  CHECK(!wasmcap_trap_exit_status(trap, &status));

  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK_EQ_INT(trace.size, 2);
  /* Innermost first: $deeper, then $deep (functions 4 and 3: the two
   * imports come first, then $call_fail, $deep, $deeper). */
  CHECK_EQ_INT(wasm_frame_func_index(trace.data[0]), 4);
  CHECK_EQ_INT(wasm_frame_func_index(trace.data[1]), 3);
  /* Module offsets are those of the instructions in the binary: $deeper's
   * body is 06 00 41 00 1a 00 0b (size, no locals, i32.const 0, drop,
   * unreachable, end), $deep's 04 00 10 04 0b (call 4). */
  static const char deeper_body[] = {6, 0, 0x41, 0, 0x1a, 0, 0x0b};
  static const char deep_body[] = {4, 0, 0x10, 4, 0x0b};
  size_t deeper = find_bytes(binary, deeper_body, sizeof deeper_body);
  size_t deep = find_bytes(binary, deep_body, sizeof deep_body);
  CHECK_EQ_INT(wasm_frame_module_offset(trace.data[0]), deeper + 5);
  CHECK_EQ_INT(wasm_frame_module_offset(trace.data[1]), deep + 2);
  /* Function offsets count from the function's locals declarations, as V8
   * and wasmtime count: 4 and 1. */
  CHECK_EQ_INT(wasm_frame_func_offset(trace.data[0]), 4);
  CHECK_EQ_INT(wasm_frame_func_offset(trace.data[1]), 1);
  const wasm_name_t* name = wasmcap_frame_func_name(trace.data[0]);
  CHECK(name != NULL && name_equals(name, "deeper"));
  /* Each frame knows its instance. */
  wasm_instance_t* frame_instance = wasm_frame_instance(trace.data[0]);
  CHECK(frame_instance != NULL);
  CHECK(wasm_instance_same(frame_instance, instance));
  CHECK(wasm_frame_instance(trace.data[0]) == frame_instance);

  /* The origin is the innermost frame. */
  wasm_frame_t* origin = wasm_trap_origin(trap);
  CHECK(origin != NULL);
  CHECK_EQ_INT(wasm_frame_func_index(origin), 4);
  CHECK_EQ_INT(wasm_frame_module_offset(origin), wasm_frame_module_offset(trace.data[0]));
  wasm_frame_t* origin_copy = wasm_frame_copy(origin);
  CHECK_EQ_INT(wasm_frame_func_offset(origin_copy), wasm_frame_func_offset(origin));
  CHECK(wasm_instance_same(wasm_frame_instance(origin_copy), instance));
  wasm_frame_delete(origin_copy);
  wasm_frame_delete(origin);
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(trap);

  /* Other kinds. */
  wasm_val_t zero[1] = {WASM_I32_VAL(0)};
  wasm_val_t result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = WASM_ARRAY_VEC(zero), results = WASM_ARRAY_VEC(result);
  trap = wasm_func_call(wasm_extern_as_func(exports[kDivide]), &args, &results);
  CHECK(trap != NULL && trap_message_contains(trap, "integer divide by zero"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_INTEGER_DIVIDE_BY_ZERO);
  wasm_frame_t* frame = wasm_trap_origin(trap);
  CHECK(frame != NULL && wasm_frame_func_index(frame) == 5);
  wasm_frame_delete(frame);
  wasm_trap_delete(trap);

  wasm_val_vec_t none = WASM_EMPTY_VEC;
  trap = wasm_func_call(wasm_extern_as_func(exports[kLoad]), &none, &results);
  CHECK(trap != NULL && trap_message_contains(trap, "out of bounds memory access"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_MEMORY_OUT_OF_BOUNDS);
  wasm_trap_delete(trap);
}

static void host_traps(wasm_extern_t* const* exports) {
  /* A host function's trap reaches the wasm code's caller, message intact. */
  wasm_trap_t* trap = call0(exports, kCallFail);
  CHECK(trap != NULL);
  wasm_message_t message;
  wasm_trap_message(trap, &message);
  CHECK(message.size == strlen("the host says no") + 1 && message.data[message.size - 1] == '\0');
  CHECK(strcmp(message.data, "the host says no") == 0);
  wasm_byte_vec_delete(&message);
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_HOST);
  wasm_trap_delete(trap);

  /* A trap from wasm, handed on by a host function, passes through as it
   * was: its message and its backtrace from the nested call. */
  trap = call0(exports, kCallNested);
  CHECK(trap != NULL);
  CHECK(trap_message_contains(trap, "unreachable"));
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_UNREACHABLE);
  wasm_frame_t* origin = wasm_trap_origin(trap);
  CHECK(origin != NULL);
  CHECK_EQ_INT(wasm_frame_func_index(origin), 4);
  wasm_frame_delete(origin);
  wasm_trap_delete(trap);
}

static int trap_info_finalized;
static void finalize_trap_info(void* info) { trap_info_finalized += info == &trap_info_finalized; }

static void traps_as_references(wasm_store_t* store) {
  /* A message without its NUL works as well. */
  wasm_message_t text;
  wasm_name_new_from_string(&text, "made by hand");
  wasm_trap_t* trap = wasm_trap_new(store, &text);
  wasm_byte_vec_delete(&text);
  CHECK(trap_message_contains(trap, "made by hand"));
  CHECK(wasm_trap_origin(trap) == NULL);
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size == 0);
  wasm_frame_vec_delete(&trace);

  wasm_trap_t* copy = wasm_trap_copy(trap);
  CHECK(wasm_trap_same(trap, copy));
  wasm_trap_set_host_info_with_finalizer(copy, &trap_info_finalized, finalize_trap_info);
  CHECK(wasm_trap_get_host_info(trap) == &trap_info_finalized);
  wasm_ref_t* ref = wasm_trap_as_ref(trap);
  CHECK(wasm_ref_as_trap(ref) == trap);
  CHECK(wasm_ref_as_trap_const(wasm_trap_as_ref_const(trap)) == trap);
  CHECK(wasm_ref_as_foreign(ref) == NULL);
  wasm_trap_delete(trap);
  CHECK_EQ_INT(trap_info_finalized, 0);
  wasm_trap_delete(copy);
  CHECK_EQ_INT(trap_info_finalized, 1);
}

static void start_trap(wasm_store_t* store) {
  wasm_module_t* module = module_from_wat(store, "(module (func $start unreachable) (start $start))");
  wasm_extern_vec_t imports = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  CHECK(wasm_instance_new(store, module, &imports, &trap) == NULL);
  CHECK(trap != NULL && trap_message_contains(trap, "unreachable"));
  wasm_frame_t* origin = wasm_trap_origin(trap);
  CHECK(origin != NULL && wasm_frame_func_index(origin) == 0);
  wasm_frame_delete(origin);
  wasm_trap_delete(trap);
  wasm_module_delete(module);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  the_store = store;

  wasm_functype_t* type = wasm_functype_new_0_0();
  wasm_func_t* fail_func = wasm_func_new(store, type, fail);
  wasm_func_t* nested_func = wasm_func_new(store, type, call_nested);
  wasm_byte_vec_t binary;
  CHECK(wasmcap_wat2wasm(kModule, strlen(kModule), &binary));
  wasm_module_t* module = wasm_module_new(store, &binary);
  CHECK(module != NULL);
  wasm_extern_t* imports_data[2] = {wasm_func_as_extern(fail_func), wasm_func_as_extern(nested_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  CHECK(instance != NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 5);
  nested_target = wasm_extern_as_func(exports.data[kDeep]);

  wasm_traps(&binary, instance, exports.data);
  host_traps(exports.data);
  traps_as_references(store);
  start_trap(store);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_byte_vec_delete(&binary);
  wasm_func_delete(fail_func);
  wasm_func_delete(nested_func);
  wasm_functype_delete(type);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("traps and frames: ok");
  return 0;
}
