/* A C host for a WebAssembly plugin: the standard wasm.h, and wasmcap.h for
 * what the standard lacks (a memory cap, fuel, error text).
 *
 *   hello_c plugin.wat     (or plugin.wasm)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wasm.h>
#include <wasmcap.h>

/* The plugin's memory, for the host function; known once instantiated. */
typedef struct {
  wasm_memory_t* memory;
} host_state;

/* env.log(ptr, len): prints the plugin's string. */
static wasm_trap_t* log_message(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)results;
  host_state* state = env;
  uint32_t ptr = (uint32_t)args->data[0].of.i32, len = (uint32_t)args->data[1].of.i32;
  if (!state->memory || (uint64_t)ptr + len > wasm_memory_data_size(state->memory)) return NULL;
  printf("plugin says: %.*s\n", (int)len, wasm_memory_data(state->memory) + ptr);
  return NULL;
}

/* The module's bytes: a .wasm file as it is, WAT text translated. */
static int read_module(const char* path, wasm_byte_vec_t* out) {
  FILE* file = fopen(path, "rb");
  if (!file) {
    perror(path);
    return 0;
  }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  wasm_byte_vec_t bytes;
  wasm_byte_vec_new_uninitialized(&bytes, size > 0 ? (size_t)size : 0);
  int ok = fread(bytes.data, 1, bytes.size, file) == bytes.size;
  fclose(file);
  if (ok && (bytes.size < 4 || memcmp(bytes.data, "\0asm", 4) != 0)) {
    ok = wasmcap_wat2wasm(bytes.data, bytes.size, out);
    if (!ok) fprintf(stderr, "%s: %s\n", path, wasmcap_last_error_message());
    wasm_byte_vec_delete(&bytes);
  } else {
    *out = bytes;
  }
  return ok;
}

/* The instance's export called `name`, or NULL (borrowed from `exports`). */
static wasm_extern_t* find_export(const wasm_module_t* module, const wasm_extern_vec_t* exports, const char* name) {
  wasm_exporttype_vec_t types;
  wasm_module_exports(module, &types);
  wasm_extern_t* found = NULL;
  for (size_t i = 0; i < types.size && i < exports->size; ++i) {
    const wasm_name_t* n = wasm_exporttype_name(types.data[i]);
    if (n->size == strlen(name) && memcmp(n->data, name, n->size) == 0) found = exports->data[i];
  }
  wasm_exporttype_vec_delete(&types);
  return found;
}

static void print_trap(const char* what, wasm_trap_t* trap) {
  wasm_message_t message;
  wasm_trap_message(trap, &message);
  fprintf(stderr, "%s: %s\n", what, message.data);
  wasm_byte_vec_delete(&message);
  wasm_trap_delete(trap);
}

/* Instantiates the plugin with its one host function and calls run(100). */
static int run_plugin(wasm_store_t* store, const wasm_module_t* module) {
  host_state state = {NULL};
  wasm_functype_t* log_type = wasm_functype_new_2_0(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t* log_func = wasm_func_new_with_env(store, log_type, log_message, &state, NULL);
  wasm_functype_delete(log_type);

  wasm_extern_t* imports_data[] = {wasm_func_as_extern(log_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  wasm_func_delete(log_func);
  if (!instance) {
    print_trap("cannot instantiate", trap);
    return 1;
  }

  int status = 1;
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  state.memory = wasm_extern_as_memory(find_export(module, &exports, "memory"));
  wasm_func_t* run = wasm_extern_as_func(find_export(module, &exports, "run"));
  if (run) {
    wasm_val_t args_data[] = {WASM_I32_VAL(100)};
    wasm_val_t results_data[] = {WASM_INIT_VAL};
    wasm_val_vec_t args = WASM_ARRAY_VEC(args_data), results = WASM_ARRAY_VEC(results_data);
    trap = wasm_func_call(run, &args, &results);
    if (trap) {
      print_trap("run trapped", trap);
    } else {
      uint64_t fuel = 0;
      wasmcap_store_get_fuel(store, &fuel);
      printf("run(100) = %d, fuel left: %llu\n", results_data[0].of.i32, (unsigned long long)fuel);
      status = 0;
    }
  } else {
    fprintf(stderr, "the plugin exports no function \"run\"\n");
  }
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  return status;
}

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "plugin.wat";

  /* Fuel needs an engine that counts it. */
  wasm_config_t* config = wasm_config_new();
  wasmcap_config_consume_fuel(config, true);
  wasm_engine_t* engine = wasm_engine_new_with_config(config);

  /* The plugin's memories stay under 16 MiB, and it runs at most a million
   * instructions. */
  wasmcap_store_limits_t limits;
  wasmcap_store_limits_default(&limits);
  limits.max_memory_bytes = 16 << 20;
  wasm_store_t* store = wasmcap_store_new_with_limits(engine, &limits);
  wasmcap_store_set_fuel(store, 1000000);

  int status = 1;
  wasm_byte_vec_t binary;
  if (read_module(path, &binary)) {
    wasm_module_t* module = wasm_module_new(store, &binary);
    wasm_byte_vec_delete(&binary);
    if (module) {
      status = run_plugin(store, module);
      wasm_module_delete(module);
    } else {
      fprintf(stderr, "%s: %s\n", path, wasmcap_last_error_message());
    }
  }

  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return status;
}
