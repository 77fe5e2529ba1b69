/*
 * wasmcap's extension of the standard C API (wasm.h): error text, the text
 * format, WASI, fuel, interruption and store limits. Where wasmtime's C API
 * has the same thing, the name follows it (wasi_config_*, *_wat2wasm,
 * trap exit status), so that ports are a matter of renaming a prefix.
 *
 *   wasm_config_t* config = wasm_config_new();
 *   wasmcap_config_consume_fuel(config, true);
 *   wasm_engine_t* engine = wasm_engine_new_with_config(config);
 *   wasmcap_store_limits_t limits;
 *   wasmcap_store_limits_default(&limits);
 *   limits.max_memory_bytes = 16 << 20;
 *   wasm_store_t* store = wasmcap_store_new_with_limits(engine, &limits);
 *   wasmcap_store_set_fuel(store, 1000000);
 *
 * Ownership follows wasm.h (`own` marks what is handed over).
 */
#ifndef WASMCAP_H
#define WASMCAP_H

#include "wasm.h"

/* Marks the functions the library exports. */
#ifndef WASMCAP_C_API
#if defined(_WIN32)
#define WASMCAP_C_API
#else
#define WASMCAP_C_API __attribute__((visibility("default")))
#endif
#endif

#define own

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/*                                                                           */
/* wasm.h lets most failures only return NULL or false. Each failing call   */
/* of wasm.h or wasmcap.h records why, per thread, until the next failure   */
/* replaces it: wasm_module_new says "malformed in section code at offset  */
/* 0x1f: ...", wasm_instance_new names the missing import, and so on.       */

/* The text of the last failure on this thread: "" when there was none or
 * after wasmcap_clear_last_error(). Valid until the next call on this thread. */
WASMCAP_C_API const char* wasmcap_last_error_message(void);
/* Forgets the last failure, so that a later check sees only new ones. */
WASMCAP_C_API void wasmcap_clear_last_error(void);

/* The library's version, "MAJOR.MINOR.PATCH". */
WASMCAP_C_API const char* wasmcap_version(void);

/* ------------------------------------------------------------------------ */
/* The text format                                                           */

/* Translates WebAssembly text (WAT) of `wat_len` bytes into the binary
 * format. False, with the error (and its line:column) in
 * wasmcap_last_error_message(), when the text is malformed; `out` is then
 * empty. */
WASMCAP_C_API bool wasmcap_wat2wasm(const char* wat, size_t wat_len, own wasm_byte_vec_t* out);

/* ------------------------------------------------------------------------ */
/* Engine configuration                                                      */

/* Compiles fuel checks into the code, so that wasmcap_store_set_fuel can
 * bound how much a call runs. Off by default (fuel then costs nothing). */
WASMCAP_C_API void wasmcap_config_consume_fuel(wasm_config_t*, bool enable);
/* Compiles interruption checks (function entries, loop headers), so that an
 * interrupt handle or wasmcap_store_interrupt_after_ms can stop running
 * code. Off by default. */
WASMCAP_C_API void wasmcap_config_interruptible(wasm_config_t*, bool enable);

/* ------------------------------------------------------------------------ */
/* Stores with limits                                                        */

/* Resource limits for everything that runs in a store. */
typedef struct wasmcap_store_limits_t {
  /* Bytes per linear memory: memory.grow fails beyond it, and a module
   * whose memory starts larger fails to instantiate. */
  uint64_t max_memory_bytes;
  /* Elements per table, likewise. */
  uint64_t max_table_elements;
  /* Nested wasm calls before the trap "call stack exhausted". */
  uint32_t max_call_depth;
  /* Bytes of the interpreter's value stack, across all active calls. */
  uint64_t max_stack_bytes;
} wasmcap_store_limits_t;

/* The limits wasm_store_new uses: the WebAssembly maximums, or generous
 * bounds where the specification has none. */
WASMCAP_C_API void wasmcap_store_limits_default(wasmcap_store_limits_t* out);
/* A store whose objects live under `limits`. */
WASMCAP_C_API own wasm_store_t* wasmcap_store_new_with_limits(wasm_engine_t*, const wasmcap_store_limits_t* limits);

/* ------------------------------------------------------------------------ */
/* Fuel                                                                      */
/*                                                                           */
/* A budget of instructions for the code running in a store. When a call    */
/* runs out, it traps with "all fuel consumed" (WASMCAP_TRAP_OUT_OF_FUEL)   */
/* and the fuel left is 0; set more to go on. Needs an engine configured    */
/* with wasmcap_config_consume_fuel: otherwise these return false.          */

/* Sets the fuel left (replacing what was left). */
WASMCAP_C_API bool wasmcap_store_set_fuel(wasm_store_t*, uint64_t fuel);
/* The fuel left, in `*fuel`. */
WASMCAP_C_API bool wasmcap_store_get_fuel(const wasm_store_t*, uint64_t* fuel);

/* ------------------------------------------------------------------------ */
/* Interruption                                                              */
/*                                                                           */
/* Stops the code running in a store: its next check traps with            */
/* "interrupted" (WASMCAP_TRAP_INTERRUPTED); when nothing runs, the store's  */
/* next call does. Needs an engine configured with                          */
/* wasmcap_config_interruptible.                                            */

typedef struct wasmcap_interrupt_handle_t wasmcap_interrupt_handle_t;

/* A handle that interrupts `store` from any thread. It may outlive the
 * store (it then does nothing). */
WASMCAP_C_API own wasmcap_interrupt_handle_t* wasmcap_interrupt_handle_new(wasm_store_t* store);
/* Interrupts the handle's store; safe from any thread, at any time. */
WASMCAP_C_API void wasmcap_interrupt_handle_interrupt(const wasmcap_interrupt_handle_t*);
WASMCAP_C_API void wasmcap_interrupt_handle_delete(own wasmcap_interrupt_handle_t*);

/* Interrupts the store once `ms` milliseconds have passed (replacing an
 * earlier deadline). False when the engine is not interruptible. */
WASMCAP_C_API bool wasmcap_store_interrupt_after_ms(wasm_store_t*, uint64_t ms);
/* Cancels the deadline and any interruption not yet delivered. */
WASMCAP_C_API void wasmcap_store_cancel_interrupt(wasm_store_t*);

/* ------------------------------------------------------------------------ */
/* Traps and frames                                                          */

typedef uint8_t wasmcap_trap_kind_t;
enum wasmcap_trap_kind_enum {
  WASMCAP_TRAP_UNREACHABLE,                /* "unreachable" */
  WASMCAP_TRAP_MEMORY_OUT_OF_BOUNDS,       /* "out of bounds memory access" */
  WASMCAP_TRAP_TABLE_OUT_OF_BOUNDS,        /* "out of bounds table access" */
  WASMCAP_TRAP_UNDEFINED_ELEMENT,          /* "undefined element" */
  WASMCAP_TRAP_UNINITIALIZED_ELEMENT,      /* "uninitialized element" */
  WASMCAP_TRAP_INDIRECT_CALL_TYPE_MISMATCH,/* "indirect call type mismatch" */
  WASMCAP_TRAP_INTEGER_DIVIDE_BY_ZERO,     /* "integer divide by zero" */
  WASMCAP_TRAP_INTEGER_OVERFLOW,           /* "integer overflow" */
  WASMCAP_TRAP_INVALID_CONVERSION,         /* "invalid conversion to integer" */
  WASMCAP_TRAP_CALL_STACK_EXHAUSTED,       /* "call stack exhausted" */
  WASMCAP_TRAP_NULL_REFERENCE,             /* "null reference" */
  WASMCAP_TRAP_OUT_OF_FUEL,                /* "all fuel consumed" */
  WASMCAP_TRAP_INTERRUPTED,                /* "interrupted" */
  WASMCAP_TRAP_EXIT,                       /* WASI proc_exit; see wasmcap_trap_exit_status */
  WASMCAP_TRAP_HOST,                       /* made by wasm_trap_new, or a failure of the
                                              runtime or of a host function */
  WASMCAP_TRAP_UNALIGNED_ATOMIC,           /* "unaligned atomic" */
  WASMCAP_TRAP_EXPECTED_SHARED_MEMORY,     /* "expected shared memory" */
  WASMCAP_TRAP_NULL_FUNCTION_REFERENCE,    /* "null function reference" (call_ref) */
  WASMCAP_TRAP_UNCAUGHT_EXCEPTION,         /* "uncaught exception": a wasm exception reached
                                              the embedder */
};

/* What caused the trap. */
WASMCAP_C_API wasmcap_trap_kind_t wasmcap_trap_kind(const wasm_trap_t*);
/* True, with the status in `*status`, when the trap is a WASI program
 * calling proc_exit (which is how it exits, with any status). */
WASMCAP_C_API bool wasmcap_trap_exit_status(const wasm_trap_t*, int* status);

/* The frame's function name from the module's name section, or NULL when it
 * has none. Borrowed from the frame. */
WASMCAP_C_API const wasm_name_t* wasmcap_frame_func_name(const wasm_frame_t*);

/* ------------------------------------------------------------------------ */
/* 128-bit vectors                                                           */
/*                                                                           */
/* wasm.h has no kind for v128. Types report it as WASMCAP_V128; a          */
/* wasm_val_t cannot hold one, so calling a function with v128 parameters  */
/* or results through wasm_func_call gives a trap saying so.                */

enum { WASMCAP_V128 = 4 };

/* ------------------------------------------------------------------------ */
/* WASI preview1                                                             */
/*                                                                           */
/* A wasi_config_t says what a program is handed: arguments, environment,    */
/* standard streams and directories. Nothing is granted by default: no      */
/* argument, no environment variable, no directory, and standard streams    */
/* that read end of file and discard writes.                                */

typedef struct wasi_config_t wasi_config_t;

/* A config granting nothing. */
WASMCAP_C_API own wasi_config_t* wasi_config_new(void);
/* Also closes the files the config opened; programs instantiated with it
 * keep their own copies of what it granted. */
WASMCAP_C_API void wasi_config_delete(own wasi_config_t*);

/* The program's argv (argv[0] is its name), copied. */
WASMCAP_C_API bool wasi_config_set_argv(wasi_config_t*, size_t argc, const char* argv[]);
/* The host process's own arguments. */
WASMCAP_C_API void wasi_config_inherit_argv(wasi_config_t*);

/* Environment variables `names[i]=values[i]`, copied; false (adding none)
 * when a name is empty or holds '='. */
WASMCAP_C_API bool wasi_config_set_env(wasi_config_t*, size_t envc, const char* names[], const char* values[]);
/* The host process's whole environment (before those set above). */
WASMCAP_C_API void wasi_config_inherit_env(wasi_config_t*);

/* Standard input from a file opened now (false when it cannot be). */
WASMCAP_C_API bool wasi_config_set_stdin_file(wasi_config_t*, const char* path);
/* Standard input reads these bytes, then end of file. Takes the vector. */
WASMCAP_C_API void wasi_config_set_stdin_bytes(wasi_config_t*, own wasm_byte_vec_t* bytes);
/* The host process's standard input. */
WASMCAP_C_API void wasi_config_inherit_stdin(wasi_config_t*);

/* Standard output to a file created or truncated now (false when it cannot
 * be), to the host's own standard output, or kept in memory. */
WASMCAP_C_API bool wasi_config_set_stdout_file(wasi_config_t*, const char* path);
WASMCAP_C_API void wasi_config_inherit_stdout(wasi_config_t*);
/* Standard error, likewise. */
WASMCAP_C_API bool wasi_config_set_stderr_file(wasi_config_t*, const char* path);
WASMCAP_C_API void wasi_config_inherit_stderr(wasi_config_t*);

/* Output kept in memory, to read after the program ran. */
typedef struct wasmcap_capture_t wasmcap_capture_t;
/* An empty capture. */
WASMCAP_C_API own wasmcap_capture_t* wasmcap_capture_new(void);
/* Everything written to it so far. */
WASMCAP_C_API void wasmcap_capture_contents(const wasmcap_capture_t*, own wasm_byte_vec_t* out);
/* The programs writing to it keep the buffer alive; deleting the capture
 * only gives up reading it. */
WASMCAP_C_API void wasmcap_capture_delete(own wasmcap_capture_t*);

/* Standard output, or error, written into `capture` (borrowed). */
WASMCAP_C_API void wasi_config_capture_stdout(wasi_config_t*, const wasmcap_capture_t* capture);
WASMCAP_C_API void wasi_config_capture_stderr(wasi_config_t*, const wasmcap_capture_t* capture);

/* Grants the host directory `host_path` under the name `guest_path`; every
 * path the program opens beneath it stays beneath it. False when it is not
 * a directory. Descriptors 3, 4, ... in the order granted. */
WASMCAP_C_API bool wasi_config_preopen_dir(wasi_config_t*, const char* host_path, const char* guest_path);
/* The same, read-only: no writing, creating, truncating, removing, renaming
 * or linking beneath it. */
WASMCAP_C_API bool wasi_config_preopen_dir_readonly(wasi_config_t*, const char* host_path, const char* guest_path);

/* The same, create-only: the program may create files and directories
 * beneath it and write the files it created; existing files stay untouched
 * (an upload directory). */
WASMCAP_C_API bool wasi_config_preopen_dir_create(wasi_config_t*, const char* host_path, const char* guest_path);

/* The call policy (wasmcap/wasi_policy.hpp): which WASI functions the
 * program may call at all. By default every one, limited only by what the
 * config grants. A call outside the policy returns ENOTCAPABLE (76) without
 * touching the host, or traps with WASMCAP_DENY_TRAP. Lists are
 * comma-separated function names ("fd_write") and groups: args, env, clock,
 * random, stdio, fs-read, fs-write, poll, sched, sock, proc. */
/* Allow nothing (then allow what is needed). */
WASMCAP_C_API void wasmcap_wasi_config_deny_all(wasi_config_t*);
/* Allow only random_get, sched_yield and proc_exit: what a library
 * instance gets unless granted more. */
WASMCAP_C_API void wasmcap_wasi_config_library_policy(wasi_config_t*);
/* Allow, or deny, what `list` names, on top of the policy so far. False
 * (changing nothing) for an unknown name, which the last error names. */
WASMCAP_C_API bool wasmcap_wasi_config_allow(wasi_config_t*, const char* list);
WASMCAP_C_API bool wasmcap_wasi_config_deny(wasi_config_t*, const char* list);
typedef uint8_t wasmcap_deny_mode_t;
enum { WASMCAP_DENY_ERRNO = 0, WASMCAP_DENY_TRAP = 1 };
WASMCAP_C_API void wasmcap_wasi_config_set_deny_mode(wasi_config_t*, wasmcap_deny_mode_t mode);

/* The audit trail: one JSON line per refused capability check appended to
 * the file at `path` (created if needed), and with `all` also per granted
 * file system and socket operation. False when it cannot be opened. */
WASMCAP_C_API bool wasmcap_wasi_config_audit_file(wasi_config_t*, const char* path, bool all);

/* Reproducible runs: clocks start at 2000-01-01T00:00:00Z and advance only
 * by what the program sleeps; random_get is a sequence fixed by `seed`. */
WASMCAP_C_API void wasmcap_wasi_config_deterministic(wasi_config_t*, uint64_t seed);

/* Instantiates a WASI program: its "wasi_snapshot_preview1" imports are
 * bound to one WASI context made from `config` (borrowed, reusable), its
 * other imports are taken from `imports` (NULL: none) in their order. A
 * reactor's `_initialize` export is called. Failures as for
 * wasm_instance_new. A command is then run by calling its `_start` export;
 * its exit is a trap for which wasmcap_trap_exit_status is true. */
WASMCAP_C_API own wasm_instance_t* wasmcap_wasi_instance_new(wasm_store_t*, const wasm_module_t*,
                                                             const wasi_config_t* config,
                                                             const wasm_extern_vec_t* imports,
                                                             own wasm_trap_t** trap);

/* Instantiates a WASI command as above and runs its `_start`. True when it
 * returned (exit code 0) or called proc_exit (its status), with the code in
 * `*exit_code`. False when it could not be instantiated, has no `_start`,
 * or trapped: `*trap` (when `trap` is not NULL) then says why. */
WASMCAP_C_API bool wasmcap_wasi_run_command(wasm_store_t*, const wasm_module_t*, const wasi_config_t* config,
                                            const wasm_extern_vec_t* imports, int* exit_code,
                                            own wasm_trap_t** trap);

/* Nanoprocesses: `n` modules, each instantiated as its own instance named
 * `names[i]` with its own memory and its own WASI context made from
 * `configs[i]` (borrowed, reusable), in dependency order: a module that
 * imports from module "X" is instantiated after the one named X, whose
 * exports satisfy those imports. A reactor's `_initialize` is called. An
 * instance may hand one of its descriptors to one it imports from with the
 * "wasmcap" "fd_give" import (see wasmcap/nanoprocess.hpp). On success
 * `instances[i]` (an array of `n`) is the instance of part i, which the
 * caller deletes; false otherwise (all NULL) (a cycle, two parts with one name, a failed
 * instantiation), with `*trap` set when one trapped. */
WASMCAP_C_API bool wasmcap_nanoprocesses_new(wasm_store_t*, size_t n, const char* const names[],
                                             const wasm_module_t* const modules[],
                                             const wasi_config_t* const configs[], own wasm_instance_t* instances[],
                                             own wasm_trap_t** trap);

#ifdef __cplusplus
}  // extern "C"
#endif

#undef own

#endif  // WASMCAP_H
