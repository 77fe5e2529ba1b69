// The runtime functions compiled code calls (resolved by name when a module
// is compiled, see helperTable). They follow the interpreter's handlers
// exactly; a trap leaves through runtime::raiseTrap, so none of them may
// hold an object that owns memory when it traps.
#include <cstring>
#include <vector>

#include "jit/native_code.h"
#include "runtime/store.h"
#include "runtime/trap_handler.h"

namespace wasmcap::jit {

namespace {

using runtime::Instance;
using runtime::TrapKind;

Instance& instanceOf(WcVmCtx* vm) { return *static_cast<Instance*>(vm->instance); }

[[noreturn]] void trap(TrapKind kind) { runtime::raiseTrap(runtime::Trap(kind)); }

bool inRange(uint64_t start, uint64_t n, uint64_t size) { return start <= size && n <= size - start; }

// Call any function (host, interpreted or compiled) with arguments in
// `cells`; its results replace them.
std::optional<runtime::Trap> callWithCells(Instance& caller, runtime::FuncInst& func, void* cells) {
  auto* cell = static_cast<runtime::RawValue*>(cells);
  std::vector<runtime::Value> in, out;
  in.reserve(func.type.params.size());
  for (size_t i = 0; i < func.type.params.size(); ++i) in.push_back(valueFromCell(func.type.params[i], cell[i]));
  for (ir::ValType t : func.type.results) out.push_back(runtime::Value::zero(t));
  runtime::Store& store = *caller.store;
  if (func.isHost()) {
    runtime::HostCallContext hctx{store, &caller};
    if (auto t = func.host(hctx, in, out)) return t;
  } else if (auto t = store.executor().call(store, func, in, out)) {
    return t;
  }
  for (size_t i = 0; i < out.size(); ++i) cell[i] = out[i].raw;
  return std::nullopt;
}

extern "C" {

[[noreturn]] void wc_trap(uint32_t kind) { trap(static_cast<TrapKind>(kind)); }

uint32_t wc_memory_size(WcVmCtx* vm) { return static_cast<uint32_t>(instanceOf(vm).memories[0]->pages()); }

uint32_t wc_memory_grow(WcVmCtx* vm, uint32_t delta) {
  return static_cast<uint32_t>(instanceOf(vm).memories[0]->grow(delta));  // -1 stays -1
}

void wc_memory_fill(WcVmCtx* vm, uint32_t d, uint32_t value, uint32_t n) {
  runtime::Memory* mem = instanceOf(vm).memories[0];
  if (!inRange(d, n, mem->sizeBytes())) trap(TrapKind::MemoryOutOfBounds);
  std::memset(mem->base() + d, static_cast<uint8_t>(value), n);
}

void wc_memory_copy(WcVmCtx* vm, uint32_t d, uint32_t s, uint32_t n) {
  runtime::Memory* mem = instanceOf(vm).memories[0];
  if (!inRange(d, n, mem->sizeBytes()) || !inRange(s, n, mem->sizeBytes())) trap(TrapKind::MemoryOutOfBounds);
  std::memmove(mem->base() + d, mem->base() + s, n);
}

void wc_memory_init(WcVmCtx* vm, uint32_t segment, uint32_t d, uint32_t s, uint32_t n) {
  Instance& inst = instanceOf(vm);
  const ir::ByteSpan& seg = inst.dataSegments[segment];
  runtime::Memory* mem = inst.memories[0];
  if (!inRange(s, n, seg.size) || !inRange(d, n, mem->sizeBytes())) trap(TrapKind::MemoryOutOfBounds);
  if (n != 0) std::memcpy(mem->base() + d, inst.module().at(seg.offset + s), n);
}

void wc_data_drop(WcVmCtx* vm, uint32_t segment) { instanceOf(vm).dataSegments[segment] = ir::ByteSpan{}; }

void* wc_table_get(WcVmCtx* vm, uint32_t table, uint32_t i) {
  runtime::Table* t = instanceOf(vm).tables[table];
  if (i >= t->size()) trap(TrapKind::TableOutOfBounds);
  return t->get(i);
}

void wc_table_set(WcVmCtx* vm, uint32_t table, uint32_t i, void* ref) {
  runtime::Table* t = instanceOf(vm).tables[table];
  if (i >= t->size()) trap(TrapKind::TableOutOfBounds);
  t->set(i, ref);
}

uint32_t wc_table_size(WcVmCtx* vm, uint32_t table) {
  return static_cast<uint32_t>(instanceOf(vm).tables[table]->size());
}

uint32_t wc_table_grow(WcVmCtx* vm, uint32_t table, void* init, uint32_t delta) {
  Instance& inst = instanceOf(vm);
  return static_cast<uint32_t>(inst.tables[table]->grow(delta, init, inst.store->limits().maxTableElements));
}

void wc_table_fill(WcVmCtx* vm, uint32_t table, uint32_t i, void* ref, uint32_t n) {
  runtime::Table* t = instanceOf(vm).tables[table];
  if (!inRange(i, n, t->size())) trap(TrapKind::TableOutOfBounds);
  for (uint64_t k = 0; k < n; ++k) t->set(i + k, ref);
}

void wc_table_copy(WcVmCtx* vm, uint32_t dstTable, uint32_t srcTable, uint32_t d, uint32_t s, uint32_t n) {
  Instance& inst = instanceOf(vm);
  runtime::Table* dt = inst.tables[dstTable];
  runtime::Table* st = inst.tables[srcTable];
  if (!inRange(d, n, dt->size()) || !inRange(s, n, st->size())) trap(TrapKind::TableOutOfBounds);
  if (n != 0) std::memmove(dt->data() + d, st->data() + s, n * sizeof(runtime::Ref));
}

void wc_table_init(WcVmCtx* vm, uint32_t table, uint32_t segment, uint32_t d, uint32_t s, uint32_t n) {
  Instance& inst = instanceOf(vm);
  runtime::Table* t = inst.tables[table];
  const std::vector<runtime::Ref>& seg = inst.elemSegments[segment];
  if (!inRange(s, n, seg.size()) || !inRange(d, n, t->size())) trap(TrapKind::TableOutOfBounds);
  if (n != 0) std::memcpy(t->data() + d, seg.data() + s, n * sizeof(runtime::Ref));
}

void wc_elem_drop(WcVmCtx* vm, uint32_t segment) {
  // Swapped out so that the segment's storage is freed here, not leaked.
  std::vector<runtime::Ref>().swap(instanceOf(vm).elemSegments[segment]);
}

// call_indirect: the callee's entry (its context in *out), or null with the
// FuncInst in *out when the callee is not compiled code.
void* wc_resolve_indirect(WcVmCtx* vm, uint32_t table, uint32_t i, uint32_t typeIndex, void** out) {
  Instance& inst = instanceOf(vm);
  runtime::Table* t = inst.tables[table];
  if (i >= t->size()) trap(TrapKind::UndefinedElement);
  auto* callee = static_cast<runtime::FuncInst*>(t->get(i));
  if (!callee) {
    runtime::raiseTrap(runtime::Trap(TrapKind::UninitializedElement,
                                     std::string(runtime::trapKindMessage(TrapKind::UninitializedElement)) + " " +
                                         std::to_string(i)));
  }
  if (callee->typeId != inst.typeIds[typeIndex]) trap(TrapKind::IndirectCallTypeMismatch);
  if (callee->nativeCode) {
    *out = vmctxFor(*callee->instance);
    return static_cast<const NativeFunc*>(callee->code)->entry;
  }
  *out = callee;
  return nullptr;
}

void wc_call_ref(WcVmCtx* vm, void* func, void* cells) {
  std::optional<runtime::Trap> t = callWithCells(instanceOf(vm), *static_cast<runtime::FuncInst*>(func), cells);
  if (t) runtime::raiseTrap(std::move(*t));
}

void wc_call_import(WcVmCtx* vm, uint32_t funcIndex, void* cells) {
  Instance& inst = instanceOf(vm);
  std::optional<runtime::Trap> t = callWithCells(inst, *inst.funcs[funcIndex], cells);
  if (t) runtime::raiseTrap(std::move(*t));
}

}  // extern "C"

#define WC_HELPER(name) {#name, reinterpret_cast<void*>(&name)}
const WcHelper kHelpers[] = {
    WC_HELPER(wc_trap),        WC_HELPER(wc_memory_size), WC_HELPER(wc_memory_grow),
    WC_HELPER(wc_memory_fill), WC_HELPER(wc_memory_copy), WC_HELPER(wc_memory_init),
    WC_HELPER(wc_data_drop),   WC_HELPER(wc_table_get),   WC_HELPER(wc_table_set),
    WC_HELPER(wc_table_size),  WC_HELPER(wc_table_grow),  WC_HELPER(wc_table_fill),
    WC_HELPER(wc_table_copy),  WC_HELPER(wc_table_init),  WC_HELPER(wc_elem_drop),
    WC_HELPER(wc_resolve_indirect), WC_HELPER(wc_call_ref), WC_HELPER(wc_call_import),
};
#undef WC_HELPER

}  // namespace

const WcHelper* helperTable(size_t& count) {
  count = sizeof(kHelpers) / sizeof(kHelpers[0]);
  return kHelpers;
}

}  // namespace wasmcap::jit
