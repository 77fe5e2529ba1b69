/* Values and references: wasm_val_t copies and deletes, the value macros,
 * reference copies, identity and host info, the as_ref conversions, and
 * externref/funcref values round-tripping through wasm as the same objects. */
#include <math.h>

#include "check.h"

static int finalized[4];
static void count_finalizer(void* info) { ++finalized[(size_t)info]; }

static wasm_trap_t* answer(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 42;
  return NULL;
}

static void values(wasm_store_t* store) {
  wasm_val_t i = WASM_I32_VAL(-5), l = WASM_I64_VAL(1LL << 40), f = WASM_F32_VAL(1.5f), d = WASM_F64_VAL(-0.25);
  wasm_val_t copy;
  wasm_val_copy(&copy, &i);
  CHECK(copy.kind == WASM_I32 && copy.of.i32 == -5);
  wasm_val_delete(&copy);
  wasm_val_copy(&copy, &l);
  CHECK(copy.kind == WASM_I64 && copy.of.i64 == (1LL << 40));
  wasm_val_copy(&copy, &f);
  CHECK(copy.kind == WASM_F32 && copy.of.f32 == 1.5f);
  wasm_val_copy(&copy, &d);
  CHECK(copy.kind == WASM_F64 && copy.of.f64 == -0.25);

  int x = 0;
  wasm_val_t p;
  wasm_val_init_ptr(&p, &x);
  CHECK(wasm_val_ptr(&p) == &x);

  wasm_val_t null_ref = WASM_INIT_VAL;
  CHECK(null_ref.kind == WASM_ANYREF && null_ref.of.ref == NULL);
  wasm_val_copy(&copy, &null_ref);
  CHECK(copy.of.ref == NULL);
  wasm_val_delete(&copy);

  /* A reference value owns its reference: copying copies it. */
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  wasm_val_t ref = WASM_REF_VAL(wasm_foreign_as_ref(foreign));
  wasm_val_copy(&copy, &ref);
  CHECK(copy.of.ref != ref.of.ref);
  CHECK(wasm_ref_same(copy.of.ref, ref.of.ref));
  wasm_val_delete(&copy);
  CHECK(copy.of.ref == NULL);
  wasm_foreign_delete(foreign);
}

static void references(wasm_store_t* store) {
  wasm_foreign_t* a = wasm_foreign_new(store);
  wasm_foreign_t* b = wasm_foreign_new(store);
  wasm_foreign_t* a2 = wasm_foreign_copy(a);
  CHECK(a2 != a);
  CHECK(wasm_foreign_same(a, a2));
  CHECK(!wasm_foreign_same(a, b));

  /* Host info belongs to the object: every reference sees it. */
  CHECK(wasm_foreign_get_host_info(a) == NULL);
  wasm_foreign_set_host_info_with_finalizer(a, (void*)1, count_finalizer);
  CHECK(wasm_foreign_get_host_info(a2) == (void*)1);
  /* Replacing it finalizes the old one. */
  wasm_foreign_set_host_info_with_finalizer(a2, (void*)2, count_finalizer);
  CHECK_EQ_INT(finalized[1], 1);
  CHECK(wasm_foreign_get_host_info(a) == (void*)2);
  wasm_foreign_set_host_info(b, (void*)3);
  CHECK(wasm_foreign_get_host_info(b) == (void*)3);

  /* The ref views are the same handles. */
  wasm_ref_t* r = wasm_foreign_as_ref(a);
  CHECK(wasm_ref_as_foreign(r) == a);
  CHECK(wasm_ref_as_foreign_const(wasm_foreign_as_ref_const(a)) == a);
  CHECK(wasm_ref_as_func(r) == NULL);
  CHECK(wasm_ref_as_trap(r) == NULL);
  CHECK(wasm_ref_as_extern(r) == NULL);
  CHECK(wasm_ref_get_host_info(r) == (void*)2);
  wasm_ref_t* r2 = wasm_ref_copy(r);
  CHECK(wasm_ref_same(r, r2));
  CHECK(!wasm_ref_same(r, wasm_foreign_as_ref(b)));
  wasm_ref_set_host_info(r2, (void*)2); /* same info, no finalizer: the old one runs */
  CHECK_EQ_INT(finalized[2], 1);
  wasm_ref_set_host_info_with_finalizer(r2, (void*)2, count_finalizer);

  /* The finalizer runs when the last reference goes, once. */
  wasm_foreign_delete(a);
  wasm_foreign_delete(a2);
  CHECK_EQ_INT(finalized[2], 1);
  wasm_ref_delete(r2);
  CHECK_EQ_INT(finalized[2], 2);
  wasm_foreign_delete(b);
}

static const char* kRoundTrip =
    "(module"
    "  (table $t (export \"table\") 2 externref)"
    "  (global $g (export \"global\") (mut externref) (ref.null extern))"
    "  (func (export \"id\") (param externref) (result externref) local.get 0)"
    "  (func (export \"idf\") (param funcref) (result funcref) local.get 0)"
    "  (func (export \"keep\") (param externref) (table.set $t (i32.const 1) (local.get 0)))"
    "  (func (export \"kept\") (result externref) (table.get $t (i32.const 1)))"
    "  (func (export \"is_null\") (param externref) (result i32) (ref.is_null (local.get 0))))";

enum { kTable, kGlobal, kId, kIdf, kKeep, kKept, kIsNull };

static wasm_trap_t* call1(wasm_extern_t* const* exports, int which, wasm_val_t arg, wasm_val_t* result) {
  wasm_val_t args_data[1] = {arg};
  wasm_val_vec_t args = WASM_ARRAY_VEC(args_data);
  wasm_val_vec_t results = {result ? 1 : 0, result};
  return wasm_func_call(wasm_extern_as_func(exports[which]), &args, &results);
}

static void round_trips(wasm_engine_t* engine, wasm_store_t* store) {
  wasm_instance_t* instance = instance_from_wat(store, kRoundTrip);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 7);

  /* An externref comes back as the same object. */
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  wasm_foreign_set_host_info_with_finalizer(foreign, (void*)3, count_finalizer);
  wasm_val_t arg = WASM_REF_VAL(wasm_foreign_as_ref(foreign));
  wasm_val_t result = WASM_INIT_VAL;
  CHECK(call1(exports.data, kId, arg, &result) == NULL);
  CHECK(result.kind == WASM_ANYREF && result.of.ref != NULL);
  CHECK(wasm_ref_same(result.of.ref, wasm_foreign_as_ref(foreign)));
  CHECK(wasm_ref_as_foreign(result.of.ref) != NULL);
  CHECK(wasm_ref_get_host_info(result.of.ref) == (void*)3);
  wasm_val_delete(&result);

  /* Kept in a table by wasm, it survives its last reference from C, host
   * info included, until the store goes. */
  CHECK(call1(exports.data, kKeep, arg, NULL) == NULL);
  wasm_foreign_delete(foreign);
  CHECK_EQ_INT(finalized[3], 0);
  wasm_val_vec_t no_args = WASM_EMPTY_VEC;
  wasm_val_t kept_data[1] = {WASM_INIT_VAL};
  wasm_val_vec_t kept = WASM_ARRAY_VEC(kept_data);
  CHECK(wasm_func_call(wasm_extern_as_func(exports.data[kKept]), &no_args, &kept) == NULL);
  CHECK(kept_data[0].of.ref != NULL);
  CHECK(wasm_ref_get_host_info(kept_data[0].of.ref) == (void*)3);
  /* ... and the table seen from the host holds it too. */
  wasm_ref_t* slot = wasm_table_get(wasm_extern_as_table(exports.data[kTable]), 1);
  CHECK(slot != NULL && wasm_ref_same(slot, kept_data[0].of.ref));
  CHECK(wasm_table_get(wasm_extern_as_table(exports.data[kTable]), 0) == NULL);
  wasm_ref_delete(slot);

  /* Through a global. */
  wasm_global_t* global = wasm_extern_as_global(exports.data[kGlobal]);
  wasm_global_set(global, &kept_data[0]);
  wasm_val_t g;
  wasm_global_get(global, &g);
  CHECK(g.kind == WASM_ANYREF && wasm_ref_same(g.of.ref, kept_data[0].of.ref));
  wasm_val_delete(&g);
  wasm_val_delete(&kept_data[0]);

  /* The null reference. */
  wasm_val_t null_ref = WASM_INIT_VAL;
  wasm_val_t is_null = WASM_I32_VAL(0);
  CHECK(call1(exports.data, kIsNull, null_ref, &is_null) == NULL);
  CHECK_EQ_INT(is_null.of.i32, 1);
  CHECK(call1(exports.data, kId, null_ref, &result) == NULL);
  CHECK(result.kind == WASM_ANYREF && result.of.ref == NULL);

  /* Any reference can be an externref: a function as well. */
  wasm_functype_t* type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* host = wasm_func_new(store, type, answer);
  wasm_val_t func_as_extern = WASM_REF_VAL(wasm_func_as_ref(host));
  CHECK(call1(exports.data, kId, func_as_extern, &result) == NULL);
  CHECK(wasm_ref_as_func(result.of.ref) != NULL);
  CHECK(wasm_func_same(wasm_ref_as_func(result.of.ref), host));
  wasm_val_delete(&result);

  /* A funcref comes back as the same function, and can be called. */
  wasm_val_t funcref = {.kind = WASM_FUNCREF, .of = {.ref = wasm_func_as_ref(host)}};
  CHECK(call1(exports.data, kIdf, funcref, &result) == NULL);
  CHECK(result.kind == WASM_FUNCREF);
  wasm_func_t* back = wasm_ref_as_func(result.of.ref);
  CHECK(back != NULL && back != host && wasm_func_same(back, host));
  CHECK(wasm_ref_as_func_const(wasm_func_as_ref_const(back)) == back);
  wasm_val_t answer_data[1] = {WASM_INIT_VAL};
  wasm_val_vec_t answer_results = WASM_ARRAY_VEC(answer_data);
  CHECK(wasm_func_call(back, &no_args, &answer_results) == NULL);
  CHECK_EQ_INT(answer_data[0].of.i32, 42);
  wasm_val_delete(&result);

  /* A funcref must be a function; a reference must come from this store. */
  wasm_foreign_t* not_func = wasm_foreign_new(store);
  wasm_val_t bad = {.kind = WASM_FUNCREF, .of = {.ref = wasm_foreign_as_ref(not_func)}};
  wasm_trap_t* trap = call1(exports.data, kIdf, bad, &result);
  CHECK(trap != NULL && trap_message_contains(trap, "funcref"));
  wasm_trap_delete(trap);
  wasm_foreign_delete(not_func);
  wasm_store_t* other = wasm_store_new(engine);
  wasm_foreign_t* elsewhere = wasm_foreign_new(other);
  wasm_val_t foreign_arg = WASM_REF_VAL(wasm_foreign_as_ref(elsewhere));
  trap = call1(exports.data, kId, foreign_arg, &result);
  CHECK(trap != NULL && trap_message_contains(trap, "another store"));
  wasm_trap_delete(trap);
  /* And a value of another kind is refused, not reinterpreted. */
  trap = call1(exports.data, kId, (wasm_val_t)WASM_I32_VAL(1), &result);
  CHECK(trap != NULL && trap_message_contains(trap, "expected externref, got i32"));
  wasm_trap_delete(trap);
  wasm_foreign_delete(elsewhere);
  wasm_store_delete(other);

  wasm_func_delete(host);
  wasm_functype_delete(type);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  values(store);
  references(store);
  round_trips(engine, store);
  /* The foreign object wasm kept is finalized with its store, once. */
  CHECK_EQ_INT(finalized[3], 0);
  wasm_store_delete(store);
  CHECK_EQ_INT(finalized[3], 1);
  wasm_engine_delete(engine);
  puts("values and references: ok");
  return 0;
}
