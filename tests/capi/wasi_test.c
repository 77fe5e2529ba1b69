/* wasmcap.h's WASI: running a command with its output captured and its
 * input given, the exit status, other imports next to WASI, a reactor with
 * arguments and environment, output to a file, and preopened directories
 * with and without write access. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define WASI(name, sig) "(import \"wasi_snapshot_preview1\" \"" name "\" (func $" name " " sig "))"

/* Writes a greeting to stdout, copies stdin to stderr, and exits with the
 * status the host's env.exit_code gives. */
static const char* kCommand =
    "(module"
    "  " WASI("fd_write", "(param i32 i32 i32 i32) (result i32)")
    "  " WASI("fd_read", "(param i32 i32 i32 i32) (result i32)")
    "  (import \"env\" \"exit_code\" (func $exit_code (result i32)))"
    "  " WASI("proc_exit", "(param i32)")
    "  (memory (export \"memory\") 1)"
    "  (data (i32.const 16) \"hello from wasi\\n\")"
    "  (func (export \"_start\")"
    "    (i32.store (i32.const 0) (i32.const 16))"
    "    (i32.store (i32.const 4) (i32.const 16))"
    "    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))"
    "    (i32.store (i32.const 0) (i32.const 100))"
    "    (i32.store (i32.const 4) (i32.const 64))"
    "    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))"
    "    (i32.store (i32.const 4) (i32.load (i32.const 8)))"
    "    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))"
    "    (call $proc_exit (call $exit_code))))";

/* A reactor: _initialize sets a flag; the exports count arguments and
 * environment variables, and try a preopened directory. */
static const char* kReactor =
    "(module"
    "  " WASI("args_sizes_get", "(param i32 i32) (result i32)")
    "  " WASI("environ_sizes_get", "(param i32 i32) (result i32)")
    "  " WASI("fd_prestat_get", "(param i32 i32) (result i32)")
    "  " WASI("path_open", "(param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)")
    "  " WASI("fd_close", "(param i32) (result i32)")
    "  (memory (export \"memory\") 1)"
    "  (global $initialized (mut i32) (i32.const 0))"
    "  (data (i32.const 300) \"made.txt\")"
    "  (func (export \"_initialize\") (global.set $initialized (i32.const 1)))"
    "  (func (export \"initialized\") (result i32) (global.get $initialized))"
    "  (func (export \"argc\") (result i32)"
    "    (drop (call $args_sizes_get (i32.const 0) (i32.const 4))) (i32.load (i32.const 0)))"
    "  (func (export \"envc\") (result i32)"
    "    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4))) (i32.load (i32.const 0)))"
    "  (func (export \"prestat_name_len\") (param i32) (result i32)"
    "    (if (call $fd_prestat_get (local.get 0) (i32.const 200)) (then (return (i32.const -1))))"
    "    (i32.load (i32.const 204)))"
    "  (func (export \"create\") (param i32) (result i32) (local $errno i32)"
    "    (local.set $errno (call $path_open (local.get 0) (i32.const 0) (i32.const 300) (i32.const 8)"
    "      (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 400)))"
    "    (if (i32.eqz (local.get $errno)) (then (drop (call $fd_close (i32.load (i32.const 400))))))"
    "    (local.get $errno)))";

enum { kInitialized = 2, kArgc, kEnvc, kPrestatNameLen, kCreate };

static wasm_trap_t* exit_code(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 3;
  return NULL;
}

static int capture_equals(const wasmcap_capture_t* capture, const char* expected) {
  wasm_byte_vec_t contents;
  wasmcap_capture_contents(capture, &contents);
  int same = contents.size == strlen(expected) && memcmp(contents.data, expected, contents.size) == 0;
  if (!same) fprintf(stderr, "captured: \"%.*s\"\n", (int)contents.size, contents.data);
  wasm_byte_vec_delete(&contents);
  return same;
}

static void command(wasm_store_t* store) {
  wasm_module_t* module = module_from_wat(store, kCommand);
  wasm_functype_t* type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* exit_code_func = wasm_func_new(store, type, exit_code);
  wasm_extern_t* others_data[1] = {wasm_func_as_extern(exit_code_func)};
  wasm_extern_vec_t others = WASM_ARRAY_VEC(others_data);

  wasmcap_capture_t* out = wasmcap_capture_new();
  wasmcap_capture_t* err = wasmcap_capture_new();
  wasi_config_t* config = wasi_config_new();
  wasi_config_capture_stdout(config, out);
  wasi_config_capture_stderr(config, err);
  wasm_byte_vec_t input;
  wasm_byte_vec_new(&input, 6, "input!");
  wasi_config_set_stdin_bytes(config, &input);

  int status = -1;
  wasm_trap_t* trap = NULL;
  CHECK(wasmcap_wasi_run_command(store, module, config, &others, &status, &trap));
  CHECK(trap == NULL);
  CHECK_EQ_INT(status, 3);
  CHECK(capture_equals(out, "hello from wasi\n"));
  CHECK(capture_equals(err, "input!"));

  /* The same config again, instantiating and calling _start by hand: the
   * exit is a trap that carries the status. */
  wasm_instance_t* instance = wasmcap_wasi_instance_new(store, module, config, &others, &trap);
  CHECK(instance != NULL && trap == NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  trap = wasm_func_call(wasm_extern_as_func(exports.data[1]), &none, &none);
  CHECK(trap != NULL);
  CHECK_EQ_INT(wasmcap_trap_kind(trap), WASMCAP_TRAP_EXIT);
  status = -1;
  CHECK(wasmcap_trap_exit_status(trap, &status));
  CHECK_EQ_INT(status, 3);
  wasm_trap_delete(trap);
  CHECK(capture_equals(out, "hello from wasi\nhello from wasi\n"));
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  /* Without the other import it cannot be instantiated. */
  CHECK(!wasmcap_wasi_run_command(store, module, config, NULL, &status, &trap));
  CHECK(trap != NULL && trap_message_contains(trap, "exit_code"));
  wasm_trap_delete(trap);
  /* Neither without _start. */
  wasm_module_t* no_start = module_from_wat(store, "(module)");
  CHECK(!wasmcap_wasi_run_command(store, no_start, config, NULL, &status, &trap));
  CHECK(trap != NULL && trap_message_contains(trap, "_start"));
  wasm_trap_delete(trap);
  wasm_module_delete(no_start);

  wasi_config_delete(config);
  wasmcap_capture_delete(out);
  wasmcap_capture_delete(err);
  wasm_func_delete(exit_code_func);
  wasm_functype_delete(type);
  wasm_module_delete(module);
}

static int32_t call_i32(wasm_extern_t* const* exports, int which, int32_t arg) {
  wasm_val_t args_data[1] = {WASM_I32_VAL(arg)}, result[1] = {WASM_INIT_VAL};
  wasm_val_vec_t args = {which >= kPrestatNameLen ? 1 : 0, args_data}, results = WASM_ARRAY_VEC(result);
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(exports[which]), &args, &results);
  CHECK(trap == NULL);
  return result[0].of.i32;
}

static int exists(const char* dir, const char* name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct stat st;
  return stat(path, &st) == 0;
}

static void reactor(wasm_store_t* store) {
  char writable[] = "/tmp/wasmcap_capi_rw_XXXXXX", readonly[] = "/tmp/wasmcap_capi_ro_XXXXXX";
  CHECK(mkdtemp(writable) != NULL && mkdtemp(readonly) != NULL);

  wasi_config_t* config = wasi_config_new();
  const char* argv[3] = {"app", "--flag", "value"};
  CHECK(wasi_config_set_argv(config, 3, argv));
  const char* names[2] = {"A", "B"}, *values[2] = {"1", "2"};
  CHECK(wasi_config_set_env(config, 2, names, values));
  const char* bad_names[1] = {"X=Y"};
  CHECK(!wasi_config_set_env(config, 1, bad_names, values));
  CHECK(wasi_config_preopen_dir(config, writable, "/rw"));
  CHECK(wasi_config_preopen_dir_readonly(config, readonly, "/readonly"));
  CHECK(!wasi_config_preopen_dir(config, "/nonexistent/wasmcap", "/x"));
  CHECK(strstr(wasmcap_last_error_message(), "/nonexistent/wasmcap") != NULL);

  wasm_module_t* module = module_from_wat(store, kReactor);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasmcap_wasi_instance_new(store, module, config, NULL, &trap);
  CHECK(instance != NULL && trap == NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(call_i32(exports.data, kInitialized, 0), 1);
  CHECK_EQ_INT(call_i32(exports.data, kArgc, 0), 3);
  CHECK_EQ_INT(call_i32(exports.data, kEnvc, 0), 2);
  CHECK_EQ_INT(call_i32(exports.data, kPrestatNameLen, 3), 3);  /* "/rw" */
  CHECK_EQ_INT(call_i32(exports.data, kPrestatNameLen, 4), 9);  /* "/readonly" */
  CHECK_EQ_INT(call_i32(exports.data, kPrestatNameLen, 5), -1); /* nothing more */
  /* Creating a file: allowed under /rw, refused under /readonly. */
  CHECK_EQ_INT(call_i32(exports.data, kCreate, 3), 0);
  CHECK(exists(writable, "made.txt"));
  CHECK(call_i32(exports.data, kCreate, 4) != 0);
  CHECK(!exists(readonly, "made.txt"));
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  /* Inheriting: the host's arguments (this test's own), its environment. */
  wasi_config_t* inherited = wasi_config_new();
  wasi_config_inherit_argv(inherited);
  wasi_config_inherit_env(inherited);
  setenv("WASMCAP_CAPI_TEST", "1", 1);
  instance = wasmcap_wasi_instance_new(store, module, inherited, NULL, &trap);
  CHECK(instance != NULL);
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_INT(call_i32(exports.data, kArgc, 0), 1);
  CHECK(call_i32(exports.data, kEnvc, 0) >= 1);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasi_config_delete(inherited);

  char path[512];
  snprintf(path, sizeof path, "%s/made.txt", writable);
  unlink(path);
  rmdir(writable);
  rmdir(readonly);
  wasm_module_delete(module);
  wasi_config_delete(config);
}

static void streams_to_files(wasm_store_t* store) {
  char dir[] = "/tmp/wasmcap_capi_io_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char in_path[512], out_path[512], err_path[512];
  snprintf(in_path, sizeof in_path, "%s/in", dir);
  snprintf(out_path, sizeof out_path, "%s/out", dir);
  snprintf(err_path, sizeof err_path, "%s/err", dir);
  FILE* in = fopen(in_path, "w");
  CHECK(in != NULL);
  fputs("from a file", in);
  fclose(in);

  wasi_config_t* config = wasi_config_new();
  CHECK(!wasi_config_set_stdin_file(config, "/nonexistent/wasmcap/in"));
  CHECK(wasi_config_set_stdin_file(config, in_path));
  CHECK(wasi_config_set_stdout_file(config, out_path));
  CHECK(wasi_config_set_stderr_file(config, err_path));
  wasm_module_t* module = module_from_wat(store, kCommand);
  wasm_functype_t* type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* exit_code_func = wasm_func_new(store, type, exit_code);
  wasm_extern_t* others_data[1] = {wasm_func_as_extern(exit_code_func)};
  wasm_extern_vec_t others = WASM_ARRAY_VEC(others_data);
  int status = 0;
  CHECK(wasmcap_wasi_run_command(store, module, config, &others, &status, NULL));
  CHECK_EQ_INT(status, 3);
  wasi_config_delete(config);

  char buffer[64] = {0};
  FILE* out = fopen(out_path, "r");
  CHECK(out != NULL && fread(buffer, 1, sizeof buffer - 1, out) == 16);
  fclose(out);
  CHECK(strcmp(buffer, "hello from wasi\n") == 0);
  memset(buffer, 0, sizeof buffer);
  FILE* err = fopen(err_path, "r");
  CHECK(err != NULL && fread(buffer, 1, sizeof buffer - 1, err) == 11);
  fclose(err);
  CHECK(strcmp(buffer, "from a file") == 0);

  /* The host's own streams can be handed over as well (not checked here:
   * this only must not fail). */
  wasi_config_t* inherit = wasi_config_new();
  wasi_config_inherit_stdin(inherit);
  wasi_config_inherit_stdout(inherit);
  wasi_config_inherit_stderr(inherit);
  wasi_config_delete(inherit);

  wasm_func_delete(exit_code_func);
  wasm_functype_delete(type);
  wasm_module_delete(module);
  unlink(in_path);
  unlink(out_path);
  unlink(err_path);
  rmdir(dir);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  command(store);
  reactor(store);
  streams_to_files(store);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("wasi: ok");
  return 0;
}
