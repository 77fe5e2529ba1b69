#include "jit/llvm_executor.h"

#include <thread>

#include "jit/native_code.h"
#include "runtime/native_stack.h"
#include "runtime/store.h"
#include "runtime/trap_handler.h"

namespace wasmcap::jit {

LlvmExecutor::LlvmExecutor(Features features, int optLevel, std::function<void(const std::string&)> onNote)
    : features_(features), optLevel_(optLevel), onNote_(std::move(onNote)), fallback_({}, features) {}

Result<std::unique_ptr<runtime::CompiledCode>> LlvmExecutor::compile(const ir::Module& module) {
  WASMCAP_TRY_ASSIGN(const LlvmLibrary* library, llvmLibrary());
  WcCompileRequest request{};
  request.abiVersion = kWcAbiVersion;
  request.module = &module;
  request.optLevel = optLevel_;
  request.threads = std::thread::hardware_concurrency();
  request.helpers = helperTable(request.helperCount);
  WcCompileResult result{};
  if (library->compile(&request, &result) != 0) {
    if (onNote_) onNote_(std::string("the LLVM tier cannot compile this module, running it in the interpreter: ") +
                         result.error);
    return fallback_.compile(module);
  }
  return std::unique_ptr<runtime::CompiledCode>(
      std::make_unique<NativeModuleCode>(*library, result, module.functions.size()));
}

namespace {

struct Entry {
  Trampoline trampoline;
  void* entry;
  WcVmCtx* vm;
  void* cells;
};

std::optional<runtime::Trap> runEntry(void* p) {
  auto* e = static_cast<Entry*>(p);
  e->trampoline(e->entry, e->vm, e->cells);
  return std::nullopt;
}

}  // namespace

std::optional<runtime::Trap> LlvmExecutor::call(runtime::Store& store, runtime::FuncInst& func,
                                                std::span<const runtime::Value> args,
                                                std::span<runtime::Value> results) {
  if (func.isHost()) {
    runtime::HostCallContext hctx{store, nullptr};
    return func.host(hctx, args, results);
  }
  if (!func.nativeCode) return fallback_.call(store, func, args, results);
  if (runtime::nativeStackLow()) return runtime::Trap(runtime::TrapKind::CallStackExhausted);
  WcVmCtx* vm = vmctxFor(*func.instance);
  // Set at every entry: the store may be used from another thread than last time.
  store.nativeStackLimit = runtime::compiledCodeStackLimit();

  size_t n = std::max(args.size(), results.size());
  runtime::RawValue inlineCells[8];
  std::vector<runtime::RawValue> heapCells;
  runtime::RawValue* cells = inlineCells;
  if (n > 8) {
    heapCells.resize(n);
    cells = heapCells.data();
  }
  for (size_t i = 0; i < args.size(); ++i) cells[i] = args[i].raw;
  const auto* nf = static_cast<const NativeFunc*>(func.code);
  Entry e{reinterpret_cast<Trampoline>(nf->trampoline), nf->entry, vm, cells};
  if (std::optional<runtime::Trap> trap = runtime::runGuarded(runEntry, &e)) return trap;
  for (size_t i = 0; i < results.size(); ++i) results[i] = valueFromCell(func.type.results[i], cells[i]);
  return std::nullopt;
}

}  // namespace wasmcap::jit
