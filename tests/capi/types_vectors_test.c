/* Types and vectors: every type's constructors, accessors, copies and
 * conversions, and new_empty/new_uninitialized/new/copy/delete of every
 * vector type. */
#include "check.h"

static void value_types(void) {
  const wasm_valkind_t kinds[] = {WASM_I32, WASM_I64, WASM_F32, WASM_F64, WASM_ANYREF, WASM_FUNCREF};
  CHECK_EQ_INT(WASM_I32, 0);
  CHECK_EQ_INT(WASM_F64, 3);
  CHECK_EQ_INT(WASM_ANYREF, 128);
  CHECK_EQ_INT(WASM_FUNCREF, 129);
  CHECK_EQ_INT(WASM_EXTERNREF, WASM_ANYREF);
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; ++i) {
    wasm_valtype_t* t = wasm_valtype_new(kinds[i]);
    wasm_valtype_t* c = wasm_valtype_copy(t);
    CHECK_EQ_INT(wasm_valtype_kind(t), kinds[i]);
    CHECK_EQ_INT(wasm_valtype_kind(c), kinds[i]);
    CHECK(wasm_valtype_is_num(c) == (i < 4));
    CHECK(wasm_valtype_is_ref(c) == (i >= 4));
    CHECK(wasm_valkind_is_num(kinds[i]) == (i < 4));
    CHECK(wasm_valkind_is_ref(kinds[i]) == (i >= 4));
    wasm_valtype_delete(t);
    wasm_valtype_delete(c);
  }
  wasm_valtype_t* shorthands[] = {wasm_valtype_new_i32(),    wasm_valtype_new_i64(),       wasm_valtype_new_f32(),
                                  wasm_valtype_new_f64(),    wasm_valtype_new_anyref(),    wasm_valtype_new_funcref(),
                                  wasm_valtype_new_externref()};
  const wasm_valkind_t expected[] = {WASM_I32, WASM_I64, WASM_F32, WASM_F64, WASM_ANYREF, WASM_FUNCREF, WASM_ANYREF};
  for (size_t i = 0; i < 7; ++i) {
    CHECK_EQ_INT(wasm_valtype_kind(shorthands[i]), expected[i]);
    wasm_valtype_delete(shorthands[i]);
  }
}

static void check_functype(wasm_functype_t* t, size_t params, size_t results) {
  CHECK_EQ_INT(wasm_functype_params(t)->size, params);
  CHECK_EQ_INT(wasm_functype_results(t)->size, results);
  for (size_t i = 0; i < params; ++i) CHECK_EQ_INT(wasm_valtype_kind(wasm_functype_params(t)->data[i]), WASM_I32);
  for (size_t i = 0; i < results; ++i) CHECK_EQ_INT(wasm_valtype_kind(wasm_functype_results(t)->data[i]), WASM_I64);
  wasm_functype_t* c = wasm_functype_copy(t);
  CHECK(c != t);
  CHECK_EQ_INT(wasm_functype_params(c)->size, params);
  CHECK_EQ_INT(wasm_functype_results(c)->size, results);
  wasm_functype_delete(c);
  wasm_functype_delete(t);
}

static void function_types(void) {
#define I32 wasm_valtype_new_i32()
#define I64 wasm_valtype_new_i64()
  check_functype(wasm_functype_new_0_0(), 0, 0);
  check_functype(wasm_functype_new_1_0(I32), 1, 0);
  check_functype(wasm_functype_new_2_0(I32, I32), 2, 0);
  check_functype(wasm_functype_new_3_0(I32, I32, I32), 3, 0);
  check_functype(wasm_functype_new_0_1(I64), 0, 1);
  check_functype(wasm_functype_new_1_1(I32, I64), 1, 1);
  check_functype(wasm_functype_new_2_1(I32, I32, I64), 2, 1);
  check_functype(wasm_functype_new_3_1(I32, I32, I32, I64), 3, 1);
  check_functype(wasm_functype_new_0_2(I64, I64), 0, 2);
  check_functype(wasm_functype_new_1_2(I32, I64, I64), 1, 2);
  check_functype(wasm_functype_new_2_2(I32, I32, I64, I64), 2, 2);
  check_functype(wasm_functype_new_3_2(I32, I32, I32, I64, I64), 3, 2);
#undef I32
#undef I64

  /* wasm_functype_new takes over the vectors. */
  wasm_valtype_t* ps[2] = {wasm_valtype_new_f32(), wasm_valtype_new_f64()};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 2, ps);
  wasm_valtype_vec_new_empty(&results);
  wasm_functype_t* f = wasm_functype_new(&params, &results);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_functype_params(f)->data[1]), WASM_F64);

  /* As an extern type and back. */
  wasm_externtype_t* e = wasm_functype_as_externtype(f);
  CHECK_EQ_INT(wasm_externtype_kind(e), WASM_EXTERN_FUNC);
  CHECK(wasm_externtype_as_functype(e) == f);
  CHECK(wasm_externtype_as_functype_const(e) == f);
  CHECK(wasm_functype_as_externtype_const(f) == e);
  CHECK(wasm_externtype_as_globaltype(e) == NULL);
  CHECK(wasm_externtype_as_tabletype(e) == NULL);
  CHECK(wasm_externtype_as_memorytype(e) == NULL);
  wasm_externtype_t* ec = wasm_externtype_copy(e);
  CHECK_EQ_INT(wasm_functype_params(wasm_externtype_as_functype(ec))->size, 2);
  wasm_externtype_delete(ec);
  wasm_functype_delete(f);
}

static void object_types(void) {
  wasm_globaltype_t* g = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_globaltype_content(g)), WASM_I64);
  CHECK_EQ_INT(wasm_globaltype_mutability(g), WASM_VAR);
  wasm_globaltype_t* gc = wasm_globaltype_copy(g);
  CHECK_EQ_INT(wasm_globaltype_mutability(gc), WASM_VAR);
  CHECK(wasm_globaltype_content(gc) != wasm_globaltype_content(g));
  wasm_externtype_t* ge = wasm_globaltype_as_externtype(g);
  CHECK_EQ_INT(wasm_externtype_kind(ge), WASM_EXTERN_GLOBAL);
  CHECK(wasm_externtype_as_globaltype(ge) == g);
  CHECK(wasm_externtype_as_globaltype_const(ge) == g);
  CHECK(wasm_globaltype_as_externtype_const(g) == ge);
  CHECK(wasm_externtype_as_functype(ge) == NULL);

  wasm_limits_t limits = {2, 10};
  wasm_tabletype_t* t = wasm_tabletype_new(wasm_valtype_new_funcref(), &limits);
  CHECK_EQ_INT(wasm_valtype_kind(wasm_tabletype_element(t)), WASM_FUNCREF);
  CHECK_EQ_INT(wasm_tabletype_limits(t)->min, 2);
  CHECK_EQ_INT(wasm_tabletype_limits(t)->max, 10);
  wasm_tabletype_t* tc = wasm_tabletype_copy(t);
  CHECK_EQ_INT(wasm_tabletype_limits(tc)->max, 10);
  wasm_externtype_t* te = wasm_tabletype_as_externtype(t);
  CHECK_EQ_INT(wasm_externtype_kind(te), WASM_EXTERN_TABLE);
  CHECK(wasm_externtype_as_tabletype(te) == t);
  CHECK(wasm_externtype_as_tabletype_const(te) == t);
  CHECK(wasm_tabletype_as_externtype_const(t) == te);

  wasm_limits_t unbounded = {1, wasm_limits_max_default};
  wasm_memorytype_t* m = wasm_memorytype_new(&unbounded);
  CHECK_EQ_INT(wasm_memorytype_limits(m)->min, 1);
  CHECK(wasm_memorytype_limits(m)->max == wasm_limits_max_default);
  wasm_memorytype_t* mc = wasm_memorytype_copy(m);
  CHECK_EQ_INT(wasm_memorytype_limits(mc)->min, 1);
  wasm_externtype_t* me = wasm_memorytype_as_externtype(m);
  CHECK_EQ_INT(wasm_externtype_kind(me), WASM_EXTERN_MEMORY);
  CHECK(wasm_externtype_as_memorytype(me) == m);
  CHECK(wasm_externtype_as_memorytype_const(me) == m);
  CHECK(wasm_memorytype_as_externtype_const(m) == me);
  CHECK(wasm_externtype_as_tabletype(me) == NULL);

  /* Import and export types take over their names and type. */
  wasm_name_t module_name, name, export_name;
  wasm_name_new_from_string(&module_name, "env");
  wasm_name_new_from_string(&name, "counter");
  wasm_importtype_t* imp = wasm_importtype_new(&module_name, &name, wasm_globaltype_as_externtype(gc));
  CHECK(name_equals(wasm_importtype_module(imp), "env"));
  CHECK(name_equals(wasm_importtype_name(imp), "counter"));
  CHECK_EQ_INT(wasm_externtype_kind(wasm_importtype_type(imp)), WASM_EXTERN_GLOBAL);
  wasm_importtype_t* impc = wasm_importtype_copy(imp);
  CHECK(name_equals(wasm_importtype_name(impc), "counter"));
  CHECK(wasm_importtype_type(impc) != wasm_importtype_type(imp));

  wasm_name_new_from_string_nt(&export_name, "table");
  CHECK_EQ_INT(export_name.size, 6);
  wasm_exporttype_t* exp = wasm_exporttype_new(&export_name, wasm_tabletype_as_externtype(tc));
  CHECK(name_equals(wasm_exporttype_name(exp), "table"));
  CHECK_EQ_INT(wasm_externtype_kind(wasm_exporttype_type(exp)), WASM_EXTERN_TABLE);
  wasm_exporttype_t* expc = wasm_exporttype_copy(exp);
  CHECK_EQ_INT(wasm_externtype_kind(wasm_exporttype_type(expc)), WASM_EXTERN_TABLE);

  /* The typed vectors: copies are deep, deletes delete the elements. */
  wasm_globaltype_t* gs[1] = {g};
  wasm_globaltype_vec_t gv, gv2;
  wasm_globaltype_vec_new(&gv, 1, gs);
  wasm_globaltype_vec_copy(&gv2, &gv);
  CHECK(gv2.size == 1 && gv2.data[0] != g);
  wasm_globaltype_vec_delete(&gv);
  wasm_globaltype_vec_delete(&gv2);

  wasm_tabletype_t* ts[1] = {t};
  wasm_tabletype_vec_t tv, tv2;
  wasm_tabletype_vec_new(&tv, 1, ts);
  wasm_tabletype_vec_copy(&tv2, &tv);
  CHECK(tv2.size == 1 && wasm_tabletype_limits(tv2.data[0])->min == 2);
  wasm_tabletype_vec_delete(&tv);
  wasm_tabletype_vec_delete(&tv2);

  wasm_memorytype_t* ms[1] = {m};
  wasm_memorytype_vec_t mv, mv2;
  wasm_memorytype_vec_new(&mv, 1, ms);
  wasm_memorytype_vec_copy(&mv2, &mv);
  CHECK(mv2.size == 1 && wasm_memorytype_limits(mv2.data[0])->min == 1);
  wasm_memorytype_vec_delete(&mv);
  wasm_memorytype_vec_delete(&mv2);

  wasm_externtype_t* es[1] = {wasm_memorytype_as_externtype(mc)};
  wasm_externtype_vec_t ev, ev2;
  wasm_externtype_vec_new(&ev, 1, es);
  wasm_externtype_vec_copy(&ev2, &ev);
  CHECK(ev2.size == 1 && wasm_externtype_kind(ev2.data[0]) == WASM_EXTERN_MEMORY);
  wasm_externtype_vec_delete(&ev);
  wasm_externtype_vec_delete(&ev2);

  wasm_importtype_t* is[2] = {imp, impc};
  wasm_importtype_vec_t iv, iv2;
  wasm_importtype_vec_new(&iv, 2, is);
  wasm_importtype_vec_copy(&iv2, &iv);
  CHECK(iv2.size == 2 && name_equals(wasm_importtype_module(iv2.data[1]), "env"));
  wasm_importtype_vec_delete(&iv);
  wasm_importtype_vec_delete(&iv2);

  wasm_exporttype_t* xs[2] = {exp, expc};
  wasm_exporttype_vec_t xv, xv2;
  wasm_exporttype_vec_new(&xv, 2, xs);
  wasm_exporttype_vec_copy(&xv2, &xv);
  CHECK(xv2.size == 2 && name_equals(wasm_exporttype_name(xv2.data[0]), "table"));
  wasm_exporttype_vec_delete(&xv);
  wasm_exporttype_vec_delete(&xv2);
}

static void plain_vectors(void) {
  wasm_byte_vec_t empty, bytes, copy, uninit;
  wasm_byte_vec_new_empty(&empty);
  CHECK(empty.size == 0);
  wasm_byte_vec_new(&bytes, 3, "abc");
  wasm_byte_vec_copy(&copy, &bytes);
  CHECK(copy.size == 3 && copy.data != bytes.data && memcmp(copy.data, "abc", 3) == 0);
  wasm_byte_vec_new_uninitialized(&uninit, 5);
  CHECK(uninit.size == 5);
  memcpy(uninit.data, "hello", 5);
  CHECK(memcmp(uninit.data, "hello", 5) == 0);
  wasm_byte_vec_delete(&empty);
  wasm_byte_vec_delete(&bytes);
  wasm_byte_vec_delete(&copy);
  wasm_byte_vec_delete(&uninit);
  CHECK(uninit.size == 0 && uninit.data == NULL);

  wasm_name_t name, name_copy;
  wasm_name_new_from_string(&name, "hi");
  wasm_name_copy(&name_copy, &name);
  CHECK(name_equals(&name_copy, "hi"));
  wasm_name_delete(&name);
  wasm_name_delete(&name_copy);
  wasm_name_new_empty(&name);
  wasm_name_delete(&name);
  wasm_name_new_uninitialized(&name, 1);
  CHECK(name.size == 1);
  wasm_name_delete(&name);

  wasm_valtype_vec_t vt_empty, vt_uninit, vt, vt_copy;
  wasm_valtype_vec_new_empty(&vt_empty);
  wasm_valtype_vec_new_uninitialized(&vt_uninit, 2);
  CHECK(vt_uninit.size == 2);
  vt_uninit.data[0] = wasm_valtype_new_i32();
  vt_uninit.data[1] = wasm_valtype_new_funcref();
  wasm_valtype_t* vts[1] = {wasm_valtype_new_f64()};
  wasm_valtype_vec_new(&vt, 1, vts);
  wasm_valtype_vec_copy(&vt_copy, &vt_uninit);
  CHECK(vt_copy.size == 2 && wasm_valtype_kind(vt_copy.data[1]) == WASM_FUNCREF);
  wasm_valtype_vec_delete(&vt_empty);
  wasm_valtype_vec_delete(&vt_uninit);
  wasm_valtype_vec_delete(&vt);
  wasm_valtype_vec_delete(&vt_copy);

  wasm_functype_vec_t ft, ft_copy, ft_empty, ft_uninit;
  wasm_functype_t* fts[2] = {wasm_functype_new_0_0(), wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32())};
  wasm_functype_vec_new(&ft, 2, fts);
  wasm_functype_vec_copy(&ft_copy, &ft);
  CHECK(ft_copy.size == 2 && wasm_functype_params(ft_copy.data[1])->size == 1);
  wasm_functype_vec_new_empty(&ft_empty);
  wasm_functype_vec_new_uninitialized(&ft_uninit, 3); /* left empty: deleting it is fine */
  wasm_functype_vec_delete(&ft);
  wasm_functype_vec_delete(&ft_copy);
  wasm_functype_vec_delete(&ft_empty);
  wasm_functype_vec_delete(&ft_uninit);

  /* Every other vector type's empty and uninitialized forms. */
  wasm_globaltype_vec_t gv;
  wasm_globaltype_vec_new_empty(&gv);
  wasm_globaltype_vec_delete(&gv);
  wasm_globaltype_vec_new_uninitialized(&gv, 2);
  wasm_globaltype_vec_delete(&gv);
  wasm_tabletype_vec_t tv;
  wasm_tabletype_vec_new_empty(&tv);
  wasm_tabletype_vec_delete(&tv);
  wasm_tabletype_vec_new_uninitialized(&tv, 2);
  wasm_tabletype_vec_delete(&tv);
  wasm_memorytype_vec_t mv;
  wasm_memorytype_vec_new_empty(&mv);
  wasm_memorytype_vec_delete(&mv);
  wasm_memorytype_vec_new_uninitialized(&mv, 2);
  wasm_memorytype_vec_delete(&mv);
  wasm_externtype_vec_t ev;
  wasm_externtype_vec_new_empty(&ev);
  wasm_externtype_vec_delete(&ev);
  wasm_externtype_vec_new_uninitialized(&ev, 2);
  wasm_externtype_vec_delete(&ev);
  wasm_importtype_vec_t iv;
  wasm_importtype_vec_new_empty(&iv);
  wasm_importtype_vec_delete(&iv);
  wasm_importtype_vec_new_uninitialized(&iv, 2);
  wasm_importtype_vec_delete(&iv);
  wasm_exporttype_vec_t xv;
  wasm_exporttype_vec_new_empty(&xv);
  wasm_exporttype_vec_delete(&xv);
  wasm_exporttype_vec_new_uninitialized(&xv, 2);
  wasm_exporttype_vec_delete(&xv);
  wasm_frame_vec_t fv;
  wasm_frame_vec_new_empty(&fv);
  wasm_frame_vec_delete(&fv);
  wasm_frame_vec_new_uninitialized(&fv, 2);
  wasm_frame_vec_delete(&fv);
  wasm_extern_vec_t xv2;
  wasm_extern_vec_new_empty(&xv2);
  wasm_extern_vec_delete(&xv2);
  wasm_extern_vec_new_uninitialized(&xv2, 2);
  wasm_extern_vec_delete(&xv2);
}

static void value_vectors(void) {
  wasm_val_t vals[3] = {WASM_I32_VAL(7), WASM_I64_VAL(-8), WASM_F64_VAL(2.5)};
  wasm_val_vec_t v, copy, empty, uninit;
  wasm_val_vec_new(&v, 3, vals);
  wasm_val_vec_copy(&copy, &v);
  CHECK(copy.size == 3 && copy.data[0].of.i32 == 7 && copy.data[1].of.i64 == -8 && copy.data[2].of.f64 == 2.5);
  wasm_val_vec_new_empty(&empty);
  wasm_val_vec_new_uninitialized(&uninit, 4);
  CHECK(uninit.size == 4);
  wasm_val_vec_delete(&v);
  wasm_val_vec_delete(&copy);
  wasm_val_vec_delete(&empty);
  wasm_val_vec_delete(&uninit);
}

/* Vectors of runtime objects: frames (a trap's trace) and externs (an
 * instance's exports). */
static void object_vectors(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_instance_t* instance = instance_from_wat(store,
                                                "(module (func (export \"boom\") (call $inner))"
                                                "  (func $inner unreachable)"
                                                "  (memory (export \"mem\") 1) (global (export \"g\") i32 (i32.const 1)))");
  wasm_extern_vec_t exports, exports_copy;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(exports.size, 3);
  wasm_extern_vec_copy(&exports_copy, &exports);
  CHECK(exports_copy.size == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(exports_copy.data[i] != exports.data[i]);
    CHECK(wasm_extern_same(exports_copy.data[i], exports.data[i]));
  }
  wasm_extern_t* es[1] = {wasm_extern_copy(exports.data[1])};
  wasm_extern_vec_t one;
  wasm_extern_vec_new(&one, 1, es);
  CHECK_EQ_INT(wasm_extern_kind(one.data[0]), WASM_EXTERN_MEMORY);
  wasm_extern_vec_delete(&one);

  wasm_val_vec_t args = WASM_EMPTY_VEC, results = WASM_EMPTY_VEC;
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(exports.data[0]), &args, &results);
  CHECK(trap != NULL);
  wasm_frame_vec_t trace, trace_copy;
  wasm_trap_trace(trap, &trace);
  CHECK_EQ_INT(trace.size, 2);
  wasm_frame_vec_copy(&trace_copy, &trace);
  CHECK_EQ_INT(trace_copy.size, 2);
  CHECK_EQ_INT(wasm_frame_func_index(trace_copy.data[0]), 1);
  CHECK_EQ_INT(wasm_frame_func_index(trace_copy.data[1]), 0);
  wasm_frame_t* fs[1] = {wasm_frame_copy(trace.data[0])};
  wasm_frame_vec_t frames;
  wasm_frame_vec_new(&frames, 1, fs);
  CHECK_EQ_INT(wasm_frame_func_index(frames.data[0]), 1);
  wasm_frame_vec_delete(&frames);
  wasm_frame_vec_delete(&trace);
  wasm_frame_vec_delete(&trace_copy);
  wasm_trap_delete(trap);

  wasm_extern_vec_delete(&exports);
  wasm_extern_vec_delete(&exports_copy);
  wasm_instance_delete(instance);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

int main(void) {
  value_types();
  function_types();
  object_types();
  plain_vectors();
  value_vectors();
  object_vectors();
  puts("types and vectors: ok");
  return 0;
}
