/* Functions: host functions with and without an environment (whose
 * finalizer runs once, when the store goes), calls into wasm and back,
 * several results, arities, types, and calls with the wrong arguments. */
#include <math.h>

#include "check.h"

static int plain_calls;

/* (i32, i32) -> i32: their sum. */
static wasm_trap_t* add(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  ++plain_calls;
  CHECK_EQ_INT(args->size, 2);
  CHECK_EQ_INT(results->size, 1);
  CHECK(args->data[0].kind == WASM_I32 && args->data[1].kind == WASM_I32);
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 + args->data[1].of.i32;
  return NULL;
}

struct counter {
  int calls;
  int finalized;
};

/* i64 -> (i64, f64): the argument times the calls so far, and a half. */
static wasm_trap_t* scaled(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  struct counter* c = env;
  ++c->calls;
  results->data[0].kind = WASM_I64;
  results->data[0].of.i64 = args->data[0].of.i64 * c->calls;
  results->data[1].kind = WASM_F64;
  results->data[1].of.f64 = 0.5;
  return NULL;
}

/* Ten i64 parameters, ten results: each the parameter plus one. */
static wasm_trap_t* plus_one(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  for (size_t i = 0; i < args->size; ++i) results->data[i].of.i64 = args->data[i].of.i64 + 1;
  return NULL;
}

static void finalize_counter(void* env) { ++((struct counter*)env)->finalized; }

static const char* kModule =
    "(module"
    "  (import \"host\" \"add\" (func $add (param i32 i32) (result i32)))"
    "  (import \"host\" \"scaled\" (func $scaled (param i64) (result i64 f64)))"
    "  (func (export \"add_twice\") (param i32) (result i32)"
    "    (call $add (call $add (local.get 0) (local.get 0)) (local.get 0)))"
    "  (func (export \"scaled_sum\") (param i64) (result f64) (local $half f64)"
    "    (call $scaled (local.get 0)) (local.set $half) (drop) (f64.add (local.get $half) (f64.const 1)))"
    "  (func (export \"swap\") (param i32 f32) (result f32 i32) (local.get 1) (local.get 0))"
    "  (func (export \"nan_bits\") (param f32) (result f32) (local.get 0))"
    "  (func (export \"three\") (result i32 i64 f64) (i32.const 1) (i64.const 2) (f64.const 3)))";

enum { kAddTwice, kScaledSum, kSwap, kNanBits, kThree };

static void calls(wasm_store_t* store, struct counter* counter) {
  wasm_functype_t* add_type =
      wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_functype_t* scaled_type =
      wasm_functype_new_1_2(wasm_valtype_new_i64(), wasm_valtype_new_i64(), wasm_valtype_new_f64());
  wasm_func_t* add_func = wasm_func_new(store, add_type, add);
  wasm_func_t* scaled_func = wasm_func_new_with_env(store, scaled_type, scaled, counter, finalize_counter);
  CHECK(add_func != NULL && scaled_func != NULL);

  /* Types and arities. */
  CHECK_EQ_INT(wasm_func_param_arity(add_func), 2);
  CHECK_EQ_INT(wasm_func_result_arity(add_func), 1);
  CHECK_EQ_INT(wasm_func_param_arity(scaled_func), 1);
  CHECK_EQ_INT(wasm_func_result_arity(scaled_func), 2);
  wasm_functype_t* t = wasm_func_type(scaled_func);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_functype_results(t)->data[1]), WASM_F64);
  wasm_functype_delete(t);

  /* A host function called from C. */
  wasm_val_t args_data[2] = {WASM_I32_VAL(2), WASM_I32_VAL(3)};
  wasm_val_t results_data[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
  wasm_val_vec_t args = WASM_ARRAY_VEC(args_data);
  wasm_val_vec_t one_result = {1, results_data};
  CHECK(wasm_func_call(add_func, &args, &one_result) == NULL);
  CHECK(results_data[0].kind == WASM_I32 && results_data[0].of.i32 == 5);

  /* Host functions called from wasm. */
  wasm_module_t* module = module_from_wat(store, kModule);
  wasm_extern_t* imports_data[2] = {wasm_func_as_extern(add_func), wasm_func_as_extern(scaled_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(instance != NULL && trap == NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 5);

  wasm_val_t x[1] = {WASM_I32_VAL(7)};
  wasm_val_vec_t x_args = WASM_ARRAY_VEC(x);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kAddTwice]), &x_args, &one_result) == NULL);
  CHECK_EQ_INT(results_data[0].of.i32, 21);
  CHECK_EQ_INT(plain_calls, 3);

  wasm_val_t y[1] = {WASM_I64_VAL(10)};
  wasm_val_vec_t y_args = WASM_ARRAY_VEC(y);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kScaledSum]), &y_args, &one_result) == NULL);
  CHECK(results_data[0].kind == WASM_F64 && results_data[0].of.f64 == 1.5);
  CHECK_EQ_INT(counter->calls, 1);
  /* Called directly, several results come back. */
  wasm_val_vec_t two_results = {2, results_data};
  CHECK(wasm_func_call(scaled_func, &y_args, &two_results) == NULL);
  CHECK(results_data[0].kind == WASM_I64 && results_data[0].of.i64 == 20);
  CHECK(results_data[1].kind == WASM_F64 && results_data[1].of.f64 == 0.5);

  /* Multi-value wasm functions. */
  wasm_val_t swap_args_data[2] = {WASM_I32_VAL(9), WASM_F32_VAL(2.5f)};
  wasm_val_vec_t swap_args = WASM_ARRAY_VEC(swap_args_data);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kSwap]), &swap_args, &two_results) == NULL);
  CHECK(results_data[0].kind == WASM_F32 && results_data[0].of.f32 == 2.5f);
  CHECK(results_data[1].kind == WASM_I32 && results_data[1].of.i32 == 9);
  wasm_val_t three_data[3];
  wasm_val_vec_t three = WASM_ARRAY_VEC(three_data);
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kThree]), &none, &three) == NULL);
  CHECK(three_data[0].of.i32 == 1 && three_data[1].of.i64 == 2 && three_data[2].of.f64 == 3.0);
  /* Results can also go to a vector the caller allocated. */
  wasm_val_vec_t allocated;
  wasm_val_vec_new_uninitialized(&allocated, 3);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kThree]), &none, &allocated) == NULL);
  CHECK(allocated.data[2].kind == WASM_F64 && allocated.data[2].of.f64 == 3.0);
  wasm_val_vec_delete(&allocated);

  /* NaN payloads survive the trip. */
  uint32_t nan_bits = 0x7fa00001u;
  wasm_val_t nan = {.kind = WASM_F32};
  memcpy(&nan.of.f32, &nan_bits, 4);
  wasm_val_vec_t nan_args = {1, &nan};
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kNanBits]), &nan_args, &one_result) == NULL);
  uint32_t back_bits;
  memcpy(&back_bits, &results_data[0].of.f32, 4);
  CHECK_EQ_INT(back_bits, nan_bits);

  /* Wrong arguments or result vectors are traps that say what is wrong. */
  trap = wasm_func_call(add_func, &x_args, &one_result);
  CHECK(trap != NULL && trap_message_contains(trap, "1 arguments"));
  wasm_trap_delete(trap);
  wasm_val_t wrong_data[2] = {WASM_I32_VAL(1), WASM_F64_VAL(1.0)};
  wasm_val_vec_t wrong = WASM_ARRAY_VEC(wrong_data);
  trap = wasm_func_call(add_func, &wrong, &one_result);
  CHECK(trap != NULL && trap_message_contains(trap, "expected i32, got f64"));
  wasm_trap_delete(trap);
  trap = wasm_func_call(scaled_func, &y_args, &one_result);
  CHECK(trap != NULL && trap_message_contains(trap, "2 elements"));
  wasm_trap_delete(trap);
  CHECK_EQ_INT(counter->calls, 2);

  /* Many parameters and results. */
  wasm_valtype_vec_t ten_params, ten_results;
  wasm_valtype_vec_new_uninitialized(&ten_params, 10);
  wasm_valtype_vec_new_uninitialized(&ten_results, 10);
  for (size_t i = 0; i < 10; ++i) {
    ten_params.data[i] = wasm_valtype_new_i64();
    ten_results.data[i] = wasm_valtype_new_i64();
  }
  wasm_functype_t* ten_type = wasm_functype_new(&ten_params, &ten_results);
  wasm_func_t* ten = wasm_func_new(store, ten_type, plus_one);
  wasm_val_t ten_in[10], ten_out[10];
  for (int i = 0; i < 10; ++i) ten_in[i] = (wasm_val_t)WASM_I64_VAL(i * 100);
  wasm_val_vec_t ten_args = WASM_ARRAY_VEC(ten_in), ten_outs = WASM_ARRAY_VEC(ten_out);
  CHECK(wasm_func_call(ten, &ten_args, &ten_outs) == NULL);
  for (int i = 0; i < 10; ++i) CHECK(ten_out[i].kind == WASM_I64 && ten_out[i].of.i64 == i * 100 + 1);
  wasm_func_delete(ten);
  wasm_functype_delete(ten_type);

  /* Function references: copies, identity, host info. */
  wasm_func_t* copy = wasm_func_copy(add_func);
  CHECK(wasm_func_same(copy, add_func));
  CHECK(!wasm_func_same(copy, scaled_func));
  wasm_func_set_host_info(copy, counter);
  CHECK(wasm_func_get_host_info(add_func) == counter);
  CHECK(wasm_ref_as_func(wasm_func_as_ref(copy)) == copy);
  CHECK(wasm_ref_as_func_const(wasm_func_as_ref_const(copy)) == copy);
  /* The import and the function are the same object. */
  wasm_func_delete(copy);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_func_delete(add_func);
  wasm_func_delete(scaled_func);
  wasm_functype_delete(add_type);
  wasm_functype_delete(scaled_type);
}

static wasm_trap_t* nothing(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)env, (void)args, (void)results;
  return NULL;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  struct counter counter = {0, 0};
  calls(store, &counter);
  /* Deleting the function's references does not finalize its environment:
   * the function lives on in the store... */
  CHECK_EQ_INT(counter.finalized, 0);

  /* ... as do functions never handed to wasm. */
  struct counter unused = {0, 0};
  wasm_functype_t* type = wasm_functype_new_0_0();
  wasm_func_t* f = wasm_func_new_with_env(store, type, nothing, &unused, finalize_counter);
  wasm_func_t* no_finalizer = wasm_func_new_with_env(store, type, nothing, &unused, NULL);
  wasm_func_delete(f);
  wasm_func_delete(no_finalizer);
  wasm_functype_delete(type);

  wasm_store_delete(store);
  CHECK_EQ_INT(counter.finalized, 1);
  CHECK_EQ_INT(unused.finalized, 1);
  wasm_engine_delete(engine);
  puts("functions: ok");
  return 0;
}
