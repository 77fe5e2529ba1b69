// Types: wasm_valtype_t, the four extern types (which share the
// wasm_externtype_t base, so the as_externtype conversions are casts),
// import and export types; and their conversions from and to the C++ API's.
#include <algorithm>
#include <limits>

#include "objects.hpp"

struct wasm_valtype_t {
  wasm_valkind_t kind;
};

struct wasm_externtype_t {
  wasm_externkind_t kind;
  explicit wasm_externtype_t(wasm_externkind_t k) : kind(k) {}
  virtual ~wasm_externtype_t() = default;
  virtual wasm_externtype_t* copy() const = 0;
};

struct wasm_functype_t : wasm_externtype_t {
  wasm_valtype_vec_t params, results;
  wasm_functype_t(wasm_valtype_vec_t p, wasm_valtype_vec_t r)
      : wasm_externtype_t(WASM_EXTERN_FUNC), params(p), results(r) {}
  ~wasm_functype_t() override {
    wasm_valtype_vec_delete(&params);
    wasm_valtype_vec_delete(&results);
  }
  wasm_externtype_t* copy() const override {
    wasm_valtype_vec_t p, r;
    wasm_valtype_vec_copy(&p, &params);
    wasm_valtype_vec_copy(&r, &results);
    return new wasm_functype_t(p, r);
  }
};

struct wasm_globaltype_t : wasm_externtype_t {
  wasm_valtype_t* content;
  wasm_mutability_t mutability;
  wasm_globaltype_t(wasm_valtype_t* c, wasm_mutability_t m)
      : wasm_externtype_t(WASM_EXTERN_GLOBAL), content(c), mutability(m) {}
  ~wasm_globaltype_t() override { wasm_valtype_delete(content); }
  wasm_externtype_t* copy() const override {
    return new wasm_globaltype_t(wasm_valtype_copy(content), mutability);
  }
};

struct wasm_tabletype_t : wasm_externtype_t {
  wasm_valtype_t* element;
  wasm_limits_t limits;
  wasm_tabletype_t(wasm_valtype_t* e, wasm_limits_t l) : wasm_externtype_t(WASM_EXTERN_TABLE), element(e), limits(l) {}
  ~wasm_tabletype_t() override { wasm_valtype_delete(element); }
  wasm_externtype_t* copy() const override { return new wasm_tabletype_t(wasm_valtype_copy(element), limits); }
};

struct wasm_memorytype_t : wasm_externtype_t {
  wasm_limits_t limits;
  explicit wasm_memorytype_t(wasm_limits_t l) : wasm_externtype_t(WASM_EXTERN_MEMORY), limits(l) {}
  wasm_externtype_t* copy() const override { return new wasm_memorytype_t(limits); }
};

struct wasm_importtype_t {
  wasm_name_t module, name;
  wasm_externtype_t* type;
  ~wasm_importtype_t() {
    wasm_name_delete(&module);
    wasm_name_delete(&name);
    wasm_externtype_delete(type);
  }
};

struct wasm_exporttype_t {
  wasm_name_t name;
  wasm_externtype_t* type;
  ~wasm_exporttype_t() {
    wasm_name_delete(&name);
    wasm_externtype_delete(type);
  }
};

namespace wasmcap::capi {
namespace {

// Takes over a vector passed as `own wasm_xxx_vec_t*`, leaving it empty.
template <typename Vec>
Vec takeVec(Vec* v) {
  Vec taken{0, nullptr};
  if (v) std::swap(taken, *v);
  return taken;
}

template <typename Derived>
Derived* downcast(wasm_externtype_t* t, wasm_externkind_t kind) {
  return t && t->kind == kind ? static_cast<Derived*>(t) : nullptr;
}

Result<ValType> valTypeFromC(const wasm_valtype_t* t, const char* what) {
  ValKind kind;
  if (!t) return Error(ErrorCode::Usage, std::string(what) + " is NULL");
  if (!fromC(t->kind, &kind)) return Error(ErrorCode::Usage, std::string(what) + " has an unknown value kind");
  return ValType(kind);
}

Result<std::vector<ValType>> valTypesFromC(const wasm_valtype_vec_t& v, const char* what) {
  std::vector<ValType> types;
  for (size_t i = 0; i < v.size; ++i) {
    Result<ValType> t = valTypeFromC(v.data[i], what);
    if (!t) return std::move(t).error();
    types.push_back(*t);
  }
  return types;
}

}  // namespace

wasm_valkind_t toC(ValKind kind) {
  switch (kind) {
    case ValKind::I32: return WASM_I32;
    case ValKind::I64: return WASM_I64;
    case ValKind::F32: return WASM_F32;
    case ValKind::F64: return WASM_F64;
    case ValKind::V128: return WASMCAP_V128;
    case ValKind::FuncRef: return WASM_FUNCREF;
    case ValKind::ExternRef: return WASM_ANYREF;
  }
  return WASM_I32;
}

bool fromC(wasm_valkind_t kind, ValKind* out) {
  switch (kind) {
    case WASM_I32: *out = ValKind::I32; return true;
    case WASM_I64: *out = ValKind::I64; return true;
    case WASM_F32: *out = ValKind::F32; return true;
    case WASM_F64: *out = ValKind::F64; return true;
    case WASMCAP_V128: *out = ValKind::V128; return true;
    case WASM_FUNCREF: *out = ValKind::FuncRef; return true;
    case WASM_ANYREF: *out = ValKind::ExternRef; return true;
    default: return false;
  }
}

wasm_valtype_t* toC(ValType type) { return new wasm_valtype_t{toC(type.kind())}; }

wasm_limits_t limitsToC(const Limits& limits) {
  constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
  wasm_limits_t l;
  l.min = static_cast<uint32_t>(std::min(limits.min, kMax));
  l.max = limits.max ? static_cast<uint32_t>(std::min(*limits.max, kMax)) : wasm_limits_max_default;
  return l;
}

Limits limitsFromC(const wasm_limits_t& limits) {
  Limits l;
  l.min = limits.min;
  if (limits.max != wasm_limits_max_default) l.max = limits.max;
  return l;
}

wasm_functype_t* toC(const FuncType& type) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_uninitialized(&params, type.params.size());
  for (size_t i = 0; i < params.size; ++i) params.data[i] = toC(type.params[i]);
  wasm_valtype_vec_new_uninitialized(&results, type.results.size());
  for (size_t i = 0; i < results.size; ++i) results.data[i] = toC(type.results[i]);
  return new wasm_functype_t(params, results);
}

wasm_globaltype_t* toC(const GlobalType& type) {
  return new wasm_globaltype_t(toC(type.type), type.isMutable ? WASM_VAR : WASM_CONST);
}

wasm_tabletype_t* toC(const TableType& type) { return new wasm_tabletype_t(toC(type.element), limitsToC(type.limits)); }

wasm_memorytype_t* toC(const MemoryType& type) { return new wasm_memorytype_t(limitsToC(type.limits)); }

wasm_externtype_t* toC(const ExternType& type) {
  switch (type.kind()) {
    case ExternKind::Func: return toC(*type.func());
    case ExternKind::Global: return toC(*type.global());
    case ExternKind::Table: return toC(*type.table());
    case ExternKind::Memory: return toC(*type.memory());
    case ExternKind::Tag: return nullptr;
  }
  return nullptr;
}

Result<FuncType> fromC(const wasm_functype_t* type) {
  if (!type) return Error(ErrorCode::Usage, "the function type is NULL");
  FuncType ft;
  Result<std::vector<ValType>> params = valTypesFromC(type->params, "a parameter type");
  if (!params) return std::move(params).error();
  Result<std::vector<ValType>> results = valTypesFromC(type->results, "a result type");
  if (!results) return std::move(results).error();
  ft.params = std::move(*params);
  ft.results = std::move(*results);
  return ft;
}

Result<GlobalType> fromC(const wasm_globaltype_t* type) {
  if (!type) return Error(ErrorCode::Usage, "the global type is NULL");
  Result<ValType> content = valTypeFromC(type->content, "the global's content type");
  if (!content) return std::move(content).error();
  return GlobalType{*content, type->mutability == WASM_VAR};
}

Result<TableType> fromC(const wasm_tabletype_t* type) {
  if (!type) return Error(ErrorCode::Usage, "the table type is NULL");
  Result<ValType> element = valTypeFromC(type->element, "the table's element type");
  if (!element) return std::move(element).error();
  if (!element->isRef()) return Error(ErrorCode::Usage, "a table's elements must be references");
  return TableType{*element, limitsFromC(type->limits)};
}

Result<MemoryType> fromC(const wasm_memorytype_t* type) {
  if (!type) return Error(ErrorCode::Usage, "the memory type is NULL");
  MemoryType mt;
  mt.limits = limitsFromC(type->limits);
  return mt;
}

}  // namespace wasmcap::capi

using namespace wasmcap::capi;

extern "C" {

// ---- value types ----

wasm_valtype_t* wasm_valtype_new(wasm_valkind_t kind) { return new wasm_valtype_t{kind}; }
wasm_valtype_t* wasm_valtype_copy(const wasm_valtype_t* t) { return t ? new wasm_valtype_t{*t} : nullptr; }
void wasm_valtype_delete(wasm_valtype_t* t) { delete t; }
wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t* t) { return t->kind; }

// ---- function types ----

wasm_functype_t* wasm_functype_new(wasm_valtype_vec_t* params, wasm_valtype_vec_t* results) {
  return new wasm_functype_t(takeVec(params), takeVec(results));
}
wasm_functype_t* wasm_functype_copy(const wasm_functype_t* t) {
  return t ? static_cast<wasm_functype_t*>(t->copy()) : nullptr;
}
void wasm_functype_delete(wasm_functype_t* t) { delete t; }
const wasm_valtype_vec_t* wasm_functype_params(const wasm_functype_t* t) { return &t->params; }
const wasm_valtype_vec_t* wasm_functype_results(const wasm_functype_t* t) { return &t->results; }

// ---- global types ----

wasm_globaltype_t* wasm_globaltype_new(wasm_valtype_t* content, wasm_mutability_t mutability) {
  return new wasm_globaltype_t(content, mutability);
}
wasm_globaltype_t* wasm_globaltype_copy(const wasm_globaltype_t* t) {
  return t ? static_cast<wasm_globaltype_t*>(t->copy()) : nullptr;
}
void wasm_globaltype_delete(wasm_globaltype_t* t) { delete t; }
const wasm_valtype_t* wasm_globaltype_content(const wasm_globaltype_t* t) { return t->content; }
wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t* t) { return t->mutability; }

// ---- table types ----

wasm_tabletype_t* wasm_tabletype_new(wasm_valtype_t* element, const wasm_limits_t* limits) {
  return new wasm_tabletype_t(element, limits ? *limits : wasm_limits_t{0, wasm_limits_max_default});
}
wasm_tabletype_t* wasm_tabletype_copy(const wasm_tabletype_t* t) {
  return t ? static_cast<wasm_tabletype_t*>(t->copy()) : nullptr;
}
void wasm_tabletype_delete(wasm_tabletype_t* t) { delete t; }
const wasm_valtype_t* wasm_tabletype_element(const wasm_tabletype_t* t) { return t->element; }
const wasm_limits_t* wasm_tabletype_limits(const wasm_tabletype_t* t) { return &t->limits; }

// ---- memory types ----

wasm_memorytype_t* wasm_memorytype_new(const wasm_limits_t* limits) {
  return new wasm_memorytype_t(limits ? *limits : wasm_limits_t{0, wasm_limits_max_default});
}
wasm_memorytype_t* wasm_memorytype_copy(const wasm_memorytype_t* t) {
  return t ? static_cast<wasm_memorytype_t*>(t->copy()) : nullptr;
}
void wasm_memorytype_delete(wasm_memorytype_t* t) { delete t; }
const wasm_limits_t* wasm_memorytype_limits(const wasm_memorytype_t* t) { return &t->limits; }

// ---- extern types ----

wasm_externtype_t* wasm_externtype_copy(const wasm_externtype_t* t) { return t ? t->copy() : nullptr; }
void wasm_externtype_delete(wasm_externtype_t* t) { delete t; }
wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t* t) { return t->kind; }

wasm_externtype_t* wasm_functype_as_externtype(wasm_functype_t* t) { return t; }
wasm_externtype_t* wasm_globaltype_as_externtype(wasm_globaltype_t* t) { return t; }
wasm_externtype_t* wasm_tabletype_as_externtype(wasm_tabletype_t* t) { return t; }
wasm_externtype_t* wasm_memorytype_as_externtype(wasm_memorytype_t* t) { return t; }
const wasm_externtype_t* wasm_functype_as_externtype_const(const wasm_functype_t* t) { return t; }
const wasm_externtype_t* wasm_globaltype_as_externtype_const(const wasm_globaltype_t* t) { return t; }
const wasm_externtype_t* wasm_tabletype_as_externtype_const(const wasm_tabletype_t* t) { return t; }
const wasm_externtype_t* wasm_memorytype_as_externtype_const(const wasm_memorytype_t* t) { return t; }

wasm_functype_t* wasm_externtype_as_functype(wasm_externtype_t* t) {
  return downcast<wasm_functype_t>(t, WASM_EXTERN_FUNC);
}
wasm_globaltype_t* wasm_externtype_as_globaltype(wasm_externtype_t* t) {
  return downcast<wasm_globaltype_t>(t, WASM_EXTERN_GLOBAL);
}
wasm_tabletype_t* wasm_externtype_as_tabletype(wasm_externtype_t* t) {
  return downcast<wasm_tabletype_t>(t, WASM_EXTERN_TABLE);
}
wasm_memorytype_t* wasm_externtype_as_memorytype(wasm_externtype_t* t) {
  return downcast<wasm_memorytype_t>(t, WASM_EXTERN_MEMORY);
}
const wasm_functype_t* wasm_externtype_as_functype_const(const wasm_externtype_t* t) {
  return wasm_externtype_as_functype(const_cast<wasm_externtype_t*>(t));
}
const wasm_globaltype_t* wasm_externtype_as_globaltype_const(const wasm_externtype_t* t) {
  return wasm_externtype_as_globaltype(const_cast<wasm_externtype_t*>(t));
}
const wasm_tabletype_t* wasm_externtype_as_tabletype_const(const wasm_externtype_t* t) {
  return wasm_externtype_as_tabletype(const_cast<wasm_externtype_t*>(t));
}
const wasm_memorytype_t* wasm_externtype_as_memorytype_const(const wasm_externtype_t* t) {
  return wasm_externtype_as_memorytype(const_cast<wasm_externtype_t*>(t));
}

// ---- import and export types ----

wasm_importtype_t* wasm_importtype_new(wasm_name_t* module, wasm_name_t* name, wasm_externtype_t* type) {
  return new wasm_importtype_t{takeVec(module), takeVec(name), type};
}
wasm_importtype_t* wasm_importtype_copy(const wasm_importtype_t* t) {
  if (!t) return nullptr;
  wasm_name_t module, name;
  wasm_name_copy(&module, &t->module);
  wasm_name_copy(&name, &t->name);
  return new wasm_importtype_t{module, name, wasm_externtype_copy(t->type)};
}
void wasm_importtype_delete(wasm_importtype_t* t) { delete t; }
const wasm_name_t* wasm_importtype_module(const wasm_importtype_t* t) { return &t->module; }
const wasm_name_t* wasm_importtype_name(const wasm_importtype_t* t) { return &t->name; }
const wasm_externtype_t* wasm_importtype_type(const wasm_importtype_t* t) { return t->type; }

wasm_exporttype_t* wasm_exporttype_new(wasm_name_t* name, wasm_externtype_t* type) {
  return new wasm_exporttype_t{takeVec(name), type};
}
wasm_exporttype_t* wasm_exporttype_copy(const wasm_exporttype_t* t) {
  if (!t) return nullptr;
  wasm_name_t name;
  wasm_name_copy(&name, &t->name);
  return new wasm_exporttype_t{name, wasm_externtype_copy(t->type)};
}
void wasm_exporttype_delete(wasm_exporttype_t* t) { delete t; }
const wasm_name_t* wasm_exporttype_name(const wasm_exporttype_t* t) { return &t->name; }
const wasm_externtype_t* wasm_exporttype_type(const wasm_exporttype_t* t) { return t->type; }

}  // extern "C"
