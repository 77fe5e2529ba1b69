#include "script/spectest.h"

#include <memory>

namespace wasmcap::script {
namespace {

using ir::ValType;
using runtime::Extern;

void definePrint(runtime::Store& store, runtime::Linker& linker, const char* name, std::vector<ValType> params) {
  ir::FuncType type{std::move(params), {}};
  runtime::HostFunc print = [](runtime::HostCallContext&, std::span<const runtime::Value>,
                               std::span<runtime::Value>) -> std::optional<runtime::Trap> { return std::nullopt; };
  linker.define("spectest", name, Extern::func(store.addHostFunc(std::move(type), std::move(print),
                                                                 std::string("spectest.") + name)));
}

void defineGlobal(runtime::Store& store, runtime::Linker& linker, const char* name, runtime::Value value) {
  auto global = std::make_unique<runtime::Global>();
  global->type = ir::GlobalType{value.type, false};
  global->value = value.raw;
  linker.define("spectest", name, Extern::global(store.addGlobal(std::move(global))));
}

}  // namespace

Result<void> defineSpectest(runtime::Store& store, runtime::Linker& linker) {
  const ValType i32 = ValType::i32(), i64 = ValType::i64(), f32 = ValType::f32(), f64 = ValType::f64();
  definePrint(store, linker, "print", {});
  definePrint(store, linker, "print_i32", {i32});
  definePrint(store, linker, "print_i64", {i64});
  definePrint(store, linker, "print_f32", {f32});
  definePrint(store, linker, "print_f64", {f64});
  definePrint(store, linker, "print_i32_f32", {i32, f32});
  definePrint(store, linker, "print_f64_f64", {f64, f64});

  defineGlobal(store, linker, "global_i32", runtime::Value::i32(666));
  defineGlobal(store, linker, "global_i64", runtime::Value::i64(666));
  defineGlobal(store, linker, "global_f32", runtime::Value::f32(666.6f));
  defineGlobal(store, linker, "global_f64", runtime::Value::f64(666.6));

  ir::TableType tableType;
  tableType.elem = ValType::funcref();
  tableType.limits.min = 10;
  tableType.limits.max = 20;
  auto table = std::make_unique<runtime::Table>(tableType, nullptr);
  linker.define("spectest", "table", Extern::table(store.addTable(std::move(table))));
  tableType.limits.is64 = true;  // table64: the same with i64 indices
  auto table64 = std::make_unique<runtime::Table>(tableType, nullptr);
  linker.define("spectest", "table64", Extern::table(store.addTable(std::move(table64))));

  ir::MemoryType memoryType;
  memoryType.limits.min = 1;
  memoryType.limits.max = 2;
  WASMCAP_TRY_ASSIGN(runtime::Memory * memory, runtime::Memory::create(memoryType));
  linker.define("spectest", "memory", Extern::memory(store.addMemory(std::unique_ptr<runtime::Memory>(memory))));
  // The threads tests import a shared one (defined whatever the features:
  // a module that cannot import it is refused before linking).
  ir::MemoryType sharedType = memoryType;
  sharedType.limits.shared = true;
  WASMCAP_TRY_ASSIGN(runtime::Memory * shared, runtime::Memory::create(sharedType));
  linker.define("spectest", "shared_memory",
                Extern::memory(store.addMemory(std::unique_ptr<runtime::Memory>(shared))));
  return {};
}

}  // namespace wasmcap::script
