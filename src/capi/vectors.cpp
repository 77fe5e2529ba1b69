// The wasm_*_vec_t functions of every vector type. A vector's elements are
// values (bytes, wasm_val_t) or owned pointers; copying copies each element
// (a deep copy, or another reference), deleting deletes each one.
#include <cstdlib>
#include <cstring>

#include "objects.hpp"

namespace wasmcap::capi {
namespace {

template <typename Vec>
using Element = std::remove_pointer_t<decltype(Vec::data)>;

template <typename Vec>
void newUninitialized(Vec* out, size_t size) {
  out->size = 0;
  out->data = nullptr;
  if (size == 0) return;
  // Zeroed, so that deleting a vector that was not filled in completely
  // deletes null pointers or plain i32 values only.
  out->data = static_cast<Element<Vec>*>(std::calloc(size, sizeof(Element<Vec>)));
  if (out->data) out->size = size;
}

template <typename Vec>
void newFrom(Vec* out, size_t size, const Element<Vec>* data) {
  newUninitialized(out, data ? size : 0);
  if (out->size) std::memcpy(static_cast<void*>(out->data), data, size * sizeof(Element<Vec>));
}

template <typename Vec, typename CopyElement>
void copyVec(Vec* out, const Vec* src, CopyElement copyElement) {
  newUninitialized(out, src && src->data ? src->size : 0);
  for (size_t i = 0; i < out->size; ++i) out->data[i] = copyElement(src->data[i]);
}

template <typename Vec, typename DeleteElement>
void deleteVec(Vec* v, DeleteElement deleteElement) {
  if (!v) return;
  if (v->data) {
    for (size_t i = 0; i < v->size; ++i) deleteElement(v->data[i]);
    std::free(v->data);
  }
  v->size = 0;
  v->data = nullptr;
}

}  // namespace

void bytesToC(wasm_byte_vec_t* out, const void* data, size_t size) {
  newFrom(out, size, static_cast<const wasm_byte_t*>(data));
}

}  // namespace wasmcap::capi

using namespace wasmcap::capi;

// The five functions of a vector of owned pointers to `wasm_<name>_t`.
#define WASMCAP_DEFINE_POINTER_VEC(name)                                                         \
  void wasm_##name##_vec_new_empty(wasm_##name##_vec_t* out) { newUninitialized(out, 0); }      \
  void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t* out, size_t size) {             \
    newUninitialized(out, size);                                                                 \
  }                                                                                              \
  void wasm_##name##_vec_new(wasm_##name##_vec_t* out, size_t size, wasm_##name##_t* const data[]) { \
    newFrom(out, size, data);                                                                    \
  }                                                                                              \
  void wasm_##name##_vec_copy(wasm_##name##_vec_t* out, const wasm_##name##_vec_t* src) {       \
    copyVec(out, src, [](const wasm_##name##_t* e) { return e ? wasm_##name##_copy(e) : nullptr; }); \
  }                                                                                              \
  void wasm_##name##_vec_delete(wasm_##name##_vec_t* v) {                                       \
    deleteVec(v, [](wasm_##name##_t* e) { wasm_##name##_delete(e); });                          \
  }

extern "C" {

WASMCAP_DEFINE_POINTER_VEC(valtype)
WASMCAP_DEFINE_POINTER_VEC(functype)
WASMCAP_DEFINE_POINTER_VEC(globaltype)
WASMCAP_DEFINE_POINTER_VEC(tabletype)
WASMCAP_DEFINE_POINTER_VEC(memorytype)
WASMCAP_DEFINE_POINTER_VEC(externtype)
WASMCAP_DEFINE_POINTER_VEC(importtype)
WASMCAP_DEFINE_POINTER_VEC(exporttype)
WASMCAP_DEFINE_POINTER_VEC(frame)
WASMCAP_DEFINE_POINTER_VEC(extern)

void wasm_byte_vec_new_empty(wasm_byte_vec_t* out) { newUninitialized(out, 0); }
void wasm_byte_vec_new_uninitialized(wasm_byte_vec_t* out, size_t size) { newUninitialized(out, size); }
void wasm_byte_vec_new(wasm_byte_vec_t* out, size_t size, const wasm_byte_t data[]) { newFrom(out, size, data); }
void wasm_byte_vec_copy(wasm_byte_vec_t* out, const wasm_byte_vec_t* src) {
  copyVec(out, src, [](wasm_byte_t b) { return b; });
}
void wasm_byte_vec_delete(wasm_byte_vec_t* v) {
  deleteVec(v, [](wasm_byte_t) {});
}

void wasm_val_vec_new_empty(wasm_val_vec_t* out) { newUninitialized(out, 0); }
void wasm_val_vec_new_uninitialized(wasm_val_vec_t* out, size_t size) { newUninitialized(out, size); }
void wasm_val_vec_new(wasm_val_vec_t* out, size_t size, const wasm_val_t data[]) { newFrom(out, size, data); }
void wasm_val_vec_copy(wasm_val_vec_t* out, const wasm_val_vec_t* src) {
  copyVec(out, src, [](const wasm_val_t& v) {
    wasm_val_t copy;
    wasm_val_copy(&copy, &v);
    return copy;
  });
}
void wasm_val_vec_delete(wasm_val_vec_t* v) {
  deleteVec(v, [](wasm_val_t& e) { wasm_val_delete(&e); });
}

}  // extern "C"
