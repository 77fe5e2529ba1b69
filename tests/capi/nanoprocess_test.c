/* wasmcap.h's call policy, audit trail and nanoprocesses: a library granted
 * nothing but fd_read is refused the environment (audited), reads a file its
 * caller opened and handed it, and policy lists with unknown names are
 * refused. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define WASI(name, sig) "(import \"wasi_snapshot_preview1\" \"" name "\" (func $" name " " sig "))"

/* Exports: env_errno (what environ_sizes_get returns), first_byte(fd). */
static const char* kLibrary =
    "(module"
    "  " WASI("environ_sizes_get", "(param i32 i32) (result i32)")
    "  " WASI("fd_read", "(param i32 i32 i32 i32) (result i32)")
    "  (memory (export \"memory\") 1)"
    "  (func (export \"env_errno\") (result i32) (call $environ_sizes_get (i32.const 0) (i32.const 4)))"
    "  (func (export \"first_byte\") (param i32) (result i32)"
    "    (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 1))"
    "    (if (call $fd_read (local.get 0) (i32.const 0) (i32.const 1) (i32.const 8))"
    "      (then (return (i32.const -1))))"
    "    (i32.load8_u (i32.const 100))))";

/* Exports (in this order): env_errno, open_and_give (the library's new
 * descriptor for in.txt, or -errno), first_byte(fd). */
static const char* kApp =
    "(module"
    "  " WASI("path_open", "(param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)")
    "  (import \"wasmcap\" \"fd_give\" (func $give (param i32 i64 i32 i32 i32) (result i32)))"
    "  (import \"lib\" \"env_errno\" (func $env_errno (result i32)))"
    "  (import \"lib\" \"first_byte\" (func $first_byte (param i32) (result i32)))"
    "  (memory (export \"memory\") 1)"
    "  (data (i32.const 100) \"in.txt\")"
    "  (data (i32.const 120) \"lib\")"
    "  (func (export \"env_errno\") (result i32) (call $env_errno))"
    "  (func (export \"open_and_give\") (result i32) (local $e i32)"
    "    (local.set $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 6) (i32.const 0)"
    "      (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8)))"
    "    (if (local.get $e) (then (return (i32.sub (i32.const 0) (local.get $e)))))"
    "    (local.set $e (call $give (i32.load (i32.const 8)) (i64.const -1) (i32.const 120) (i32.const 3)"
    "      (i32.const 12)))"
    "    (if (result i32) (local.get $e) (then (i32.sub (i32.const 0) (local.get $e)))"
    "      (else (i32.load (i32.const 12)))))"
    "  (func (export \"first_byte\") (param i32) (result i32) (call $first_byte (local.get 0))))";

static int32_t call(const wasm_instance_t* instance, size_t which, int nargs, int32_t arg) {
  wasm_extern_t* e = export_at(instance, which);
  wasm_val_t args_data[1] = {WASM_I32_VAL(arg)}, result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = {(size_t)nargs, args_data}, results = WASM_ARRAY_VEC(result);
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(e), &args, &results);
  CHECK(trap == NULL);
  wasm_extern_delete(e);
  return result[0].of.i32;
}

static size_t count_lines_with(const char* path, const char* text) {
  FILE* f = fopen(path, "r");
  CHECK(f != NULL);
  char line[1024];
  size_t n = 0;
  while (fgets(line, sizeof line, f)) n += strstr(line, text) != NULL;
  fclose(f);
  return n;
}

static void policy_lists(void) {
  wasi_config_t* config = wasi_config_new();
  wasmcap_wasi_config_deny_all(config);
  CHECK(wasmcap_wasi_config_allow(config, "stdio,clock_time_get"));
  CHECK(!wasmcap_wasi_config_allow(config, "stdio,fs_read"));
  CHECK(strstr(wasmcap_last_error_message(), "did you mean \"fs-read\"") != NULL);
  CHECK(!wasmcap_wasi_config_deny(config, "sockets"));
  CHECK(wasmcap_wasi_config_deny(config, "fd_write"));
  CHECK(!wasi_config_preopen_dir_create(config, "/nonexistent/wasmcap", "/up"));
  CHECK(!wasmcap_wasi_config_audit_file(config, "/nonexistent/wasmcap/audit.jsonl", false));
  wasi_config_delete(config);
}

static void nanoprocesses(wasm_store_t* store) {
  char dir[] = "/tmp/wasmcap_capi_np_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char input[512], audit[512];
  snprintf(input, sizeof input, "%s/in.txt", dir);
  snprintf(audit, sizeof audit, "%s/audit.jsonl", dir);
  FILE* f = fopen(input, "w");
  CHECK(f != NULL);
  fputs("A line", f);
  fclose(f);

  wasi_config_t* lib = wasi_config_new();
  wasmcap_wasi_config_library_policy(lib);
  CHECK(wasmcap_wasi_config_allow(lib, "fd_read"));
  CHECK(wasmcap_wasi_config_audit_file(lib, audit, false));
  wasi_config_t* app = wasi_config_new();
  CHECK(wasi_config_preopen_dir_readonly(app, dir, "/data"));

  wasm_module_t* modules[2] = {module_from_wat(store, kApp), module_from_wat(store, kLibrary)};
  const char* names[2] = {"main", "lib"};
  const wasi_config_t* configs[2] = {app, lib};
  wasm_instance_t* instances[2];
  wasm_trap_t* trap = NULL;
  CHECK(wasmcap_nanoprocesses_new(store, 2, names, (const wasm_module_t* const*)modules, configs, instances, &trap));
  CHECK(trap == NULL && instances[0] != NULL && instances[1] != NULL);

  CHECK_EQ_INT(call(instances[0], 1, 0, 0), 76); /* the library is refused the environment */
  const int32_t handed = call(instances[0], 2, 0, 0);
  CHECK(handed >= 0);
  CHECK_EQ_INT(call(instances[0], 3, 1, handed), 'A'); /* and reads what it was handed */
  CHECK_EQ_INT(count_lines_with(audit, "\"function\":\"environ_sizes_get\""), 1);
  CHECK_EQ_INT(count_lines_with(audit, "\"instance\":\"lib\""), 1);
  wasm_instance_delete(instances[0]);
  wasm_instance_delete(instances[1]);

  /* Two parts with one name. */
  const char* same[2] = {"lib", "lib"};
  CHECK(!wasmcap_nanoprocesses_new(store, 2, same, (const wasm_module_t* const*)modules, configs, instances, &trap));
  CHECK(instances[0] == NULL && trap == NULL);

  wasm_module_delete(modules[0]);
  wasm_module_delete(modules[1]);
  wasi_config_delete(app);
  wasi_config_delete(lib);
  unlink(input);
  unlink(audit);
  rmdir(dir);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  policy_lists();
  nanoprocesses(store);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("ok\n");
  return 0;
}
