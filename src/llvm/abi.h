// The C-style interface between the runtime core and libwasmcap-llvm.so.
//
// The core never links LLVM: it dlopen()s the library (src/jit/llvm_loader.cpp)
// and calls the entry points below. Nothing but plain C data crosses the
// boundary, except `module`, a read-only ir::Module the library walks with
// its own copy of the decoder (binary::InstrReader). Bump kWcAbiVersion on any
// change to these structs or to the helpers' signatures.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {

inline constexpr uint32_t kWcAbiVersion = 1;

// The instance context, first argument of every compiled function. One per
// instance, built by the core (src/jit/vmctx.cpp). Compiled code addresses
// the fields by index (pointer-sized slots), see WcVmField.
struct WcVmCtx {
  uint8_t* memBase;            // memory 0's base (32-bit, guard-page reservation), or null
  void** globals;              // per global index: the address of its value (runtime::RawValue)
  void** funcRefs;             // per function index: its runtime::FuncInst* (ref.func, imports)
  void** importEntry;          // per imported function: its compiled entry, or null (call via wc_call_import)
  void** importVmctx;          // per imported function with an entry: the callee's WcVmCtx*
  const uintptr_t* stackLimit; // the lowest stack address compiled code may reach (per store)
  void* instance;              // runtime::Instance*
};
enum WcVmField : uint32_t {
  kWcVmMemBase = 0,
  kWcVmGlobals = 1,
  kWcVmFuncRefs = 2,
  kWcVmImportEntry = 3,
  kWcVmImportVmctx = 4,
  kWcVmStackLimit = 5,
};

// Arguments and results cross the host boundary (trampolines, wc_call_*) as
// arrays of 16-byte cells, one per value, laid out as runtime::RawValue.
inline constexpr size_t kWcCellSize = 16;

// A function the compiled code calls, resolved by name (names: helpers.cpp).
struct WcHelper {
  const char* name;
  void* address;
};

struct WcCompileRequest {
  uint32_t abiVersion;          // kWcAbiVersion
  const void* module;           // const wasmcap::ir::Module*, validated
  int optLevel;                 // 0..3
  unsigned threads;             // compile threads (0: one)
  const WcHelper* helpers;
  size_t helperCount;
};

struct WcCompileResult {
  void* session;        // owns the code: release with wasmcap_llvm_release
  // Per defined function (imports excluded), arrays of module.functions.size():
  // the entry `R f(WcVmCtx*, params...)` and the trampoline
  // `void t(void* entry, WcVmCtx*, cells*)` that calls it from the host.
  void** entries;
  void** trampolines;
  char error[512];      // why compilation failed (the result is then non-zero)
};

typedef int (*WcCompileFn)(const WcCompileRequest* request, WcCompileResult* result);
typedef void (*WcReleaseFn)(void* session);
typedef const char* (*WcVersionFn)(void);

// Exported by libwasmcap-llvm.so.
int wasmcap_llvm_compile(const WcCompileRequest* request, WcCompileResult* result);
void wasmcap_llvm_release(void* session);
const char* wasmcap_llvm_version(void);

}  // extern "C"
