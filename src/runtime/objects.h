// The store's objects other than memories: functions, tables, globals, and
// the Extern handle that imports and exports pass around.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ir/types.h"
#include "runtime/trap.h"
#include "runtime/value.h"

namespace wasmcap::runtime {

class Instance;
class Memory;
class Store;

// A host function: reads `args`, writes `results` (already sized and typed),
// returns a Trap to abort the call.
struct HostCallContext {
  Store& store;
  Instance* caller;  // the calling instance (for its memory), may be null
};
using HostFunc = std::function<std::optional<Trap>(HostCallContext& ctx, std::span<const Value> args,
                                                   std::span<Value> results)>;

struct FuncInst {
  ir::FuncType type;
  uint32_t typeId = 0;          // canonical id from the store's TypeRegistry (call_indirect check)
  Instance* instance = nullptr; // defining instance; null for host functions
  uint32_t index = 0;           // function index within the defining module
  HostFunc host;                // set for host functions
  const void* code = nullptr;   // the execution tier's compiled code for wasm functions
  // The code is native (the LLVM tier's), not the interpreter's: the
  // interpreter calls such a function through Store::executor() instead.
  bool nativeCode = false;
  std::string debugName;

  bool isHost() const { return instance == nullptr; }
};

class Table {
 public:
  Table(const ir::TableType& type, Ref init) : type_(type), elems_(type.limits.min, init) {}
  const ir::TableType& type() const { return type_; }
  uint64_t size() const { return elems_.size(); }
  Ref* data() { return elems_.data(); }
  Ref get(uint64_t i) const { return elems_[i]; }
  void set(uint64_t i, Ref r) { elems_[i] = r; }
  // table.grow: old size, or -1 (uint64 max) on failure.
  uint64_t grow(uint64_t delta, Ref init, uint64_t maxCap = 10'000'000);

 private:
  ir::TableType type_;
  std::vector<Ref> elems_;

 public:
  uint32_t elemTypeId = ~0u;  // a concrete element type's store-wide type id (import matching)
};

struct Global {
  ir::GlobalType type;
  uint32_t heapTypeId = ~0u;  // a concrete reference type's store-wide type id (import matching)
  RawValue value;
  Value get() const { Value v; v.type = type.type; v.raw = value; return v; }
};

// An exception tag (exception handling): its identity is its address.
struct TagInst {
  ir::FuncType type;  // parameters: the values an exception of this tag carries
  uint32_t typeId = 0;
};

// A thrown exception, what an exnref points at. Owned by the store (and by
// an uncaught-exception Trap that reports it, which may outlive the store).
struct Exception : std::enable_shared_from_this<Exception> {
  const TagInst* tag = nullptr;
  std::vector<ir::ValType> types;  // the tag's parameter types
  std::vector<uint64_t> payload;   // the values in interpreter slots (a v128 takes two)
};

struct Extern {
  ir::ExternKind kind = ir::ExternKind::Func;
  void* ptr = nullptr;  // FuncInst*, Table*, Memory* or Global*

  static Extern func(FuncInst* f) { return {ir::ExternKind::Func, f}; }
  static Extern table(Table* t) { return {ir::ExternKind::Table, t}; }
  static Extern memory(Memory* m) { return {ir::ExternKind::Memory, m}; }
  static Extern global(Global* g) { return {ir::ExternKind::Global, g}; }
  static Extern tag(TagInst* t) { return {ir::ExternKind::Tag, t}; }
  TagInst* asTag() const { return kind == ir::ExternKind::Tag ? static_cast<TagInst*>(ptr) : nullptr; }
  FuncInst* asFunc() const { return kind == ir::ExternKind::Func ? static_cast<FuncInst*>(ptr) : nullptr; }
  Table* asTable() const { return kind == ir::ExternKind::Table ? static_cast<Table*>(ptr) : nullptr; }
  Memory* asMemory() const { return kind == ir::ExternKind::Memory ? static_cast<Memory*>(ptr) : nullptr; }
  Global* asGlobal() const { return kind == ir::ExternKind::Global ? static_cast<Global*>(ptr) : nullptr; }
};

}  // namespace wasmcap::runtime
