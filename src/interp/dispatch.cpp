// The dispatch loop: direct-threaded code (each instruction starts with its
// handler's address; handlers end by jumping to the next one with computed
// goto). Wasm-to-wasm calls push an interpreter Frame and stay in this loop.
//
// Loop state the fault path needs (the frame stack and the innermost frame)
// lives in ExecState; everything else is in locals. Memory accesses are not
// bounds-checked: 32-bit memories are guarded reservations and a fault is
// turned into a trap by runtime::runGuarded around this function.
#include <bit>
#include <cstring>
#include <type_traits>

#include "interp/atomics.h"
#include "interp/exec_state.h"
#include "interp/numeric/numeric.h"
#include "interp/op_profile.h"
#include "interp/simd/simd.h"
#include "runtime/instance.h"
#include "runtime/memory.h"

namespace wasmcap::interp {
namespace {

using runtime::FuncInst;
using runtime::Instance;
using runtime::TrapKind;
using runtime::V128;

template <typename T>
inline T readAs(const Slot* fp, uint64_t slot);
template <>
inline uint32_t readAs<uint32_t>(const Slot* fp, uint64_t slot) { return readI32(fp, slot); }
template <>
inline uint64_t readAs<uint64_t>(const Slot* fp, uint64_t slot) { return readI64(fp, slot); }
template <>
inline V128 readAs<V128>(const Slot* fp, uint64_t slot) { return readV128(fp, slot); }

template <typename T>
inline bool store(Slot* fp, uint64_t slot, T v, TrapKind&) {
  writeSlot(fp, slot, v);
  return true;
}
template <typename T>
inline bool store(Slot* fp, uint64_t slot, numeric::Checked<T> v, TrapKind& trap) {
  if (!v.ok) [[unlikely]] {
    trap = v.trap;
    return false;
  }
  writeSlot(fp, slot, v.value);
  return true;
}

// Run a pure operation F on the operand slots of [handler][dst][a][b...];
// false (with `trap` set) when F reports a trap.
template <typename R, typename A>
[[gnu::always_inline]] inline bool apply(R (*f)(A), Slot* fp, const Cell* pc, TrapKind& trap) {
  return store(fp, pc[1].u, f(readAs<A>(fp, pc[2].u)), trap);
}
template <typename R, typename A, typename B>
[[gnu::always_inline]] inline bool apply(R (*f)(A, B), Slot* fp, const Cell* pc, TrapKind& trap) {
  return store(fp, pc[1].u, f(readAs<A>(fp, pc[2].u), readAs<B>(fp, pc[3].u)), trap);
}
template <typename R, typename A, typename B, typename C>
[[gnu::always_inline]] inline bool apply(R (*f)(A, B, C), Slot* fp, const Cell* pc, TrapKind& trap) {
  return store(fp, pc[1].u, f(readAs<A>(fp, pc[2].u), readAs<B>(fp, pc[3].u), readAs<C>(fp, pc[4].u)), trap);
}
template <typename R, typename A>
[[gnu::always_inline]] inline void applyImm(R (*f)(A, A), Slot* fp, const Cell* pc) {
  writeSlot(fp, pc[1].u, f(readAs<A>(fp, pc[2].u), static_cast<A>(pc[3].u)));
}

// The accumulator variants (see AccMode in code.h): operands read from and
// the result written to `acc` instead of their slots, by the Mode bits.
template <unsigned Mode, typename T>
[[gnu::always_inline]] inline bool put(Slot* fp, const Cell* pc, uint64_t& acc, T v, TrapKind&) {
  if constexpr ((Mode & kToAcc) != 0) {
    acc = v;
  } else {
    writeSlot(fp, pc[1].u, v);
  }
  return true;
}
template <unsigned Mode, typename T>
[[gnu::always_inline]] inline bool put(Slot* fp, const Cell* pc, uint64_t& acc, numeric::Checked<T> v,
                                       TrapKind& trap) {
  if (!v.ok) [[unlikely]] {
    trap = v.trap;
    return false;
  }
  return put<Mode>(fp, pc, acc, v.value, trap);
}
template <unsigned Mode, unsigned Bit, typename A>
[[gnu::always_inline]] inline A operand(const Slot* fp, const Cell* pc, size_t cell, uint64_t acc) {
  if constexpr ((Mode & Bit) != 0) {
    return static_cast<A>(acc);
  } else {
    return readAs<A>(fp, pc[cell].u);
  }
}
template <unsigned Mode, typename R, typename A>
[[gnu::always_inline]] inline bool applyAcc(R (*f)(A), Slot* fp, const Cell* pc, uint64_t& acc, TrapKind& trap) {
  return put<Mode>(fp, pc, acc, f(operand<Mode, kAccA, A>(fp, pc, 2, acc)), trap);
}
template <unsigned Mode, typename R, typename A, typename B>
[[gnu::always_inline]] inline bool applyAcc(R (*f)(A, B), Slot* fp, const Cell* pc, uint64_t& acc,
                                            TrapKind& trap) {
  return put<Mode>(fp, pc, acc, f(operand<Mode, kAccA, A>(fp, pc, 2, acc), operand<Mode, kAccB, B>(fp, pc, 3, acc)),
                   trap);
}
template <unsigned Mode, typename R, typename A>
[[gnu::always_inline]] inline void applyImmAcc(R (*f)(A, A), Slot* fp, const Cell* pc, uint64_t& acc) {
  TrapKind unused;
  (void)put<Mode>(fp, pc, acc, f(operand<Mode, kAccA, A>(fp, pc, 2, acc), static_cast<A>(pc[3].u)), unused);
}
// [h][dst][b][imm] computing imm op b; kAccA takes b from the accumulator.
template <unsigned Mode, typename R, typename A>
[[gnu::always_inline]] inline void applyRImmAcc(R (*f)(A, A), Slot* fp, const Cell* pc, uint64_t& acc) {
  TrapKind unused;
  (void)put<Mode>(fp, pc, acc, f(static_cast<A>(pc[3].u), operand<Mode, kAccA, A>(fp, pc, 2, acc)), unused);
}
// Cells of an instruction [handler][dst][operands...].
template <typename R, typename... A>
constexpr size_t cellsOf(R (*)(A...)) {
  return 2 + sizeof...(A);
}

// Lane access: returns the instruction's cell count.
template <typename R>
[[gnu::always_inline]] inline size_t applyLane(R (*f)(V128, uint8_t), Slot* fp, const Cell* pc) {
  writeSlot(fp, pc[1].u, f(readV128(fp, pc[2].u), static_cast<uint8_t>(pc[3].u)));
  return 4;
}
template <typename S>
[[gnu::always_inline]] inline size_t applyLane(V128 (*f)(V128, uint8_t, S), Slot* fp, const Cell* pc) {
  writeSlot(fp, pc[1].u, f(readV128(fp, pc[2].u), static_cast<uint8_t>(pc[4].u), readAs<S>(fp, pc[3].u)));
  return 5;
}

inline uint8_t* memoryBase(const Instance* inst) {
  return inst->memories.empty() ? nullptr : inst->memories[0]->base();
}

// `count` elements at `start` lie within `size`, without overflow.
inline bool inRange(uint64_t start, uint64_t count, uint64_t size) { return start <= size && count <= size - start; }

// The exception paths, out of line: they stay out of the dispatch loop's
// register allocation (and its C++ cleanups) so the handlers of code that
// never throws are unchanged.

// throw: a new exception of `tag` with its values from `args`.
[[gnu::noinline]] runtime::Exception* newException(runtime::Store* store, runtime::TagInst* tag, const Slot* args) {
  std::shared_ptr<runtime::Exception> made = store->newException();
  made->tag = tag;
  made->types = tag->type.params;
  size_t n = 0;
  for (ir::ValType t : made->types) n += t.slots();
  made->payload.assign(args, args + n);
  return made.get();
}

// The landing pad of the innermost try_table of `frame` around `at` with a
// clause taking `exn`, its values (and the exnref for a _ref clause)
// written to the frame's slots; null when none takes it.
[[gnu::noinline]] const Cell* catchInFrame(const Frame& frame, const Cell* at, runtime::Exception* exn, Slot* fp) {
  const CompiledFunction* cf = frame.cf;
  const uint32_t cell = static_cast<uint32_t>(at - cf->code.data());
  for (const TryRegion& region : cf->tryRegions) {
    if (cell < region.start || cell >= region.end) continue;
    for (const CatchClause& clause : region.clauses) {
      if (clause.kind < 2 && frame.inst->tags[clause.tag] != exn->tag) continue;
      Slot* d = fp + region.dest;
      if (clause.kind < 2) {
        for (uint64_t v : exn->payload) *d++ = v;
      }
      if (clause.kind & 1) *d = reinterpret_cast<uintptr_t>(exn);
      return cf->code.data() + clause.pad;
    }
  }
  return nullptr;
}

[[gnu::noinline]] runtime::Trap uncaughtTrap(runtime::Exception* exn) {
  runtime::Trap t(TrapKind::UncaughtException);
  t.exception = exn->shared_from_this();
  return t;
}

// Under ThreadSanitizer the loop's own accesses are not instrumented: its
// plain loads and stores of a shared memory race whenever the guest races
// (wasi-libc's spin loops read futex words plainly), which the threads
// memory model allows and which is no host data race to report. Frame
// slots are the thread's own. Atomics (interp/atomics.h), host functions
// and the runtime called from here stay instrumented.
#if defined(__SANITIZE_THREAD__)
#define WASMCAP_GUEST_ACCESSES [[gnu::no_sanitize_thread]]
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WASMCAP_GUEST_ACCESSES [[clang::no_sanitize("thread")]]
#endif
#endif
#ifndef WASMCAP_GUEST_ACCESSES
#define WASMCAP_GUEST_ACCESSES
#endif

WASMCAP_GUEST_ACCESSES std::optional<runtime::Trap> run(RunContext* ctx, const void* const** tableOut) {
  static const void* const kHandlers[] = {
#define WASM_OP(name, prefix, code, text, imm, sig, align) &&L_##name,
#include "ir/opcodes.def"
#undef WASM_OP
#define WASMCAP_X(name) &&L_##name,
      WASMCAP_INTERNAL_OPS(WASMCAP_X)
#undef WASMCAP_X
#define NUMERIC_OP(name) &&L_##name##AccA, &&L_##name##AccB, &&L_##name##ToAcc, &&L_##name##AccAToAcc, &&L_##name##AccBToAcc,
#include "interp/numeric_ops.inc"
#undef NUMERIC_OP
  };
  static_assert(std::size(kHandlers) == kHandlerCount);
  if (tableOut) {
    *tableOut = kHandlers;
    return std::nullopt;
  }

  ExecState& st = *ctx->st;
  runtime::Store& store = *ctx->store;
  // The resource checks reach the store through a stack slot (one load per
  // check): with `store` used there directly, the compiler reassigned
  // registers across the whole loop (the accumulator and the memory base
  // swapped), changing the code of hundreds of handlers.
  runtime::Store* volatile checkStore = ctx->store;
  Cell exitCode[1];
  exitCode[0].handler = &&L_Exit;

  Frame* const entry = st.cur + 1;
  Frame* frame = st.cur;
  const Cell* pc = exitCode;
  Slot* fp = ctx->fp;
  Instance* inst = nullptr;
  uint8_t* memBase = nullptr;
  TrapKind trapKind = TrapKind::Unreachable;
  uint64_t acc = 0;  // the accumulator (see AccMode in code.h)
  uint32_t trapIndex = 0;  // the table index of an UninitializedElement trap
  runtime::Trap hostTrap;
  // Operands of the shared call path.
  FuncInst* callee = ctx->func;
  Slot* argp = ctx->fp;
  const Cell* next = exitCode;
  // The exception being thrown, and where in the current frame.
  runtime::Exception* exn = nullptr;
  const Cell* throwAt = nullptr;

#ifdef WASMCAP_INTERP_OP_PROFILE
#define NEXT()                       \
  do {                               \
    opProfileRecord(pc->handler);    \
    goto* pc->handler;               \
  } while (0)
#else
#define NEXT() goto* pc->handler
#endif
#define TRAP(kind)     \
  do {                 \
    trapKind = (kind); \
    goto trap;         \
  } while (0)
#define RELOAD_MEMORY() (memBase = memoryBase(inst))

  goto do_call;

#include "interp/handlers_control.inc"
#include "interp/handlers_memory.inc"
#include "interp/handlers_table.inc"
#include "interp/handlers_numeric.inc"
#include "interp/handlers_simd.inc"
#include "interp/handlers_checks.inc"
#include "interp/handlers_atomic.inc"

// Labels of opcodes that lowering never emits (structured control, locals,
// constants... become internal instructions).
L_Nop:
L_Block:
L_Loop:
L_If:
L_Else:
L_End:
L_Br:
L_BrIf:
L_BrTable:
L_Return:
L_Drop:
L_Select:
L_SelectT:
L_TryTable:
L_LocalGet:
L_LocalSet:
L_LocalTee:
L_GlobalGet:
L_GlobalSet:
L_I32Const:
L_I64Const:
L_F32Const:
L_F64Const:
L_RefNull:
L_V128Const: {
  runtime::Trap t(TrapKind::Host, "interpreter: invalid internal instruction");
  appendBacktrace(t, frame, entry - 1, pc);
  return t;
}

trap: {
  runtime::Trap t(trapKind);
  // Like the reference interpreter, name the table slot that held no function.
  if (trapKind == TrapKind::UninitializedElement) t.message += " " + std::to_string(trapIndex);
  appendBacktrace(t, frame, entry - 1, pc);
  return t;
}
trap_host: {
  appendBacktrace(hostTrap, frame, entry - 1, pc);
  return hostTrap;
}
uncaught:
  // Every frame of this run is gone; the caller (the embedder, or a host
  // function that may pass it on into wasm again) gets the exception.
  st.cur = entry - 1;
  return uncaughtTrap(exn);

#undef NEXT
#undef TRAP
#undef RELOAD_MEMORY
}

}  // namespace

std::optional<runtime::Trap> execute(RunContext& ctx) { return run(&ctx, nullptr); }

const void* const* handlerTable() {
  static const void* const* table = [] {
    const void* const* t = nullptr;
    (void)run(nullptr, &t);
    return t;
  }();
  return table;
}

}  // namespace wasmcap::interp
