/* What the C API tests share: checks that stop the test with the failing
 * line, and a module made from WAT text. */
#ifndef WASMCAP_TESTS_CAPI_CHECK_H
#define WASMCAP_TESTS_CAPI_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"
#include "wasmcap.h"

/* Fails the test when `cond` is false, naming the line and the last error. */
#define CHECK(cond)                                                                             \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      fprintf(stderr, "%s:%d: check failed: %s\n  last error: %s\n", __FILE__, __LINE__, #cond, \
              wasmcap_last_error_message());                                                    \
      exit(1);                                                                                  \
    }                                                                                           \
  } while (0)

#define CHECK_EQ_INT(actual, expected)                                                           \
  do {                                                                                           \
    long long a_ = (long long)(actual), e_ = (long long)(expected);                              \
    if (a_ != e_) {                                                                              \
      fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #actual, a_, e_); \
      exit(1);                                                                                   \
    }                                                                                            \
  } while (0)

/* Whether a name (or message) holds exactly the text `s`, ignoring a
 * terminating NUL counted in its size. */
static inline int name_equals(const wasm_name_t* name, const char* s) {
  size_t n = name->size;
  if (n > 0 && name->data[n - 1] == '\0') --n;
  return n == strlen(s) && memcmp(name->data, s, n) == 0;
}

/* Whether a trap's message contains `s`. */
static inline int trap_message_contains(const wasm_trap_t* trap, const char* s) {
  wasm_message_t message;
  wasm_trap_message(trap, &message);
  int found = message.size > 0 && message.data[message.size - 1] == '\0' && strstr(message.data, s) != NULL;
  if (!found) fprintf(stderr, "trap message: %.*s\n", (int)message.size, message.data);
  wasm_byte_vec_delete(&message);
  return found;
}

/* A module of `store` compiled from WAT text; fails the test when it does
 * not compile. */
static inline wasm_module_t* module_from_wat(wasm_store_t* store, const char* wat) {
  wasm_byte_vec_t binary;
  CHECK(wasmcap_wat2wasm(wat, strlen(wat), &binary));
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  CHECK(module != NULL);
  return module;
}

/* Instantiates a module without imports; fails the test when it traps. */
static inline wasm_instance_t* instance_from_wat(wasm_store_t* store, const char* wat) {
  wasm_module_t* module = module_from_wat(store, wat);
  wasm_extern_vec_t imports = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(trap == NULL);
  CHECK(instance != NULL);
  wasm_module_delete(module);
  return instance;
}

/* Export `index` of `instance`, as a new reference the caller deletes. */
static inline wasm_extern_t* export_at(const wasm_instance_t* instance, size_t index) {
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(index < exports.size);
  wasm_extern_t* e = wasm_extern_copy(exports.data[index]);
  wasm_extern_vec_delete(&exports);
  return e;
}

#endif
