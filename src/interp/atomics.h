// The threads instructions as the dispatch loop runs them
// (handlers_atomic.inc). Each is one out-of-line call, so the loop's other
// handlers stay as they are. Every access goes through the __atomic
// builtins, sequentially consistent as the threads proposal requires, so
// racing guest threads are atomic accesses in the host too, never a C++
// data race. Each returns kNoTrap or the TrapKind to raise.
//
// Cells: loads [dst][addr][offset][memory], stores [addr][value][offset]
// [memory], read-modify-writes [dst][addr][value][offset][memory],
// cmpxchg [dst][addr][expected][replacement][offset][memory], wait
// [dst][addr][expected][timeout][offset][memory], notify [dst][addr]
// [count][offset][memory]. Addresses are read as 64 bits: a slot holds an
// i32 zero-extended, so this is right for 32- and 64-bit memories alike.
#pragma once
#include <cstdint>

#include "interp/code.h"
#include "runtime/instance.h"
#include "runtime/interrupt.h"
#include "runtime/memory.h"

namespace wasmcap::interp::atomics {

using runtime::TrapKind;

constexpr int kNoTrap = -1;

enum class Rmw { Add, Sub, And, Or, Xor, Xchg };

// The host address of an atomic access of a MemT, or nullptr with `trap`
// set: out of bounds first, then unaligned (the spec's order).
template <typename MemT>
inline MemT* address(runtime::Memory* mem, uint64_t addr, uint64_t offset, int& trap) {
  const uint64_t ea = addr + offset;
  const uint64_t size = mem->sizeBytes();
  if (ea < addr || ea > size || sizeof(MemT) > size - ea) {
    trap = static_cast<int>(TrapKind::MemoryOutOfBounds);
    return nullptr;
  }
  if (ea % sizeof(MemT) != 0) {
    trap = static_cast<int>(TrapKind::UnalignedAtomic);
    return nullptr;
  }
  return reinterpret_cast<MemT*>(mem->base() + ea);
}

template <typename MemT>
[[gnu::noinline]] int load(runtime::Instance* inst, Slot* fp, const Cell* pc) {
  int trap = kNoTrap;
  MemT* p = address<MemT>(inst->memories[pc[4].u], fp[pc[2].u], pc[3].u, trap);
  if (!p) return trap;
  fp[pc[1].u] = static_cast<uint64_t>(__atomic_load_n(p, __ATOMIC_SEQ_CST));  // zero-extended
  return kNoTrap;
}

template <typename MemT>
[[gnu::noinline]] int store(runtime::Instance* inst, Slot* fp, const Cell* pc) {
  int trap = kNoTrap;
  MemT* p = address<MemT>(inst->memories[pc[4].u], fp[pc[1].u], pc[3].u, trap);
  if (!p) return trap;
  __atomic_store_n(p, static_cast<MemT>(fp[pc[2].u]), __ATOMIC_SEQ_CST);
  return kNoTrap;
}

template <typename MemT, Rmw Op>
[[gnu::noinline]] int rmw(runtime::Instance* inst, Slot* fp, const Cell* pc) {
  int trap = kNoTrap;
  MemT* p = address<MemT>(inst->memories[pc[5].u], fp[pc[2].u], pc[4].u, trap);
  if (!p) return trap;
  const MemT v = static_cast<MemT>(fp[pc[3].u]);
  MemT old;
  if constexpr (Op == Rmw::Add) old = __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
  else if constexpr (Op == Rmw::Sub) old = __atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);
  else if constexpr (Op == Rmw::And) old = __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
  else if constexpr (Op == Rmw::Or) old = __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
  else if constexpr (Op == Rmw::Xor) old = __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
  else old = __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
  fp[pc[1].u] = static_cast<uint64_t>(old);
  return kNoTrap;
}

// The narrow forms compare with the expected value wrapped to their width.
template <typename MemT>
[[gnu::noinline]] int cmpxchg(runtime::Instance* inst, Slot* fp, const Cell* pc) {
  int trap = kNoTrap;
  MemT* p = address<MemT>(inst->memories[pc[6].u], fp[pc[2].u], pc[5].u, trap);
  if (!p) return trap;
  MemT expected = static_cast<MemT>(fp[pc[3].u]);
  const MemT replacement = static_cast<MemT>(fp[pc[4].u]);
  // On failure `expected` receives the value found, which is the result either way.
  __atomic_compare_exchange_n(p, &expected, replacement, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  fp[pc[1].u] = static_cast<uint64_t>(expected);
  return kNoTrap;
}

// memory.atomic.wait32/64; the waiting itself is the memory's (runtime::WaitQueue).
template <typename MemT>
[[gnu::noinline]] int wait(runtime::Instance* inst, Slot* fp, const Cell* pc, const runtime::InterruptState* interrupt) {
  const uint64_t addr = fp[pc[2].u], ea = addr + pc[5].u;
  if (ea < addr) return static_cast<int>(TrapKind::MemoryOutOfBounds);
  const uint64_t expected = static_cast<MemT>(fp[pc[3].u]);
  const int64_t timeout = static_cast<int64_t>(fp[pc[4].u]);
  runtime::Memory::WaitOutcome r =
      inst->memories[pc[6].u]->atomicWait(ea, expected, sizeof(MemT), timeout, interrupt);
  if (r.trap) return static_cast<int>(*r.trap);
  fp[pc[1].u] = r.result;
  return kNoTrap;
}

[[gnu::noinline]] inline int notify(runtime::Instance* inst, Slot* fp, const Cell* pc) {
  const uint64_t addr = fp[pc[2].u], ea = addr + pc[4].u;
  if (ea < addr) return static_cast<int>(TrapKind::MemoryOutOfBounds);
  runtime::Memory::WaitOutcome r = inst->memories[pc[5].u]->atomicNotify(ea, static_cast<uint32_t>(fp[pc[3].u]));
  if (r.trap) return static_cast<int>(*r.trap);
  fp[pc[1].u] = r.result;
  return kNoTrap;
}

}  // namespace wasmcap::interp::atomics
