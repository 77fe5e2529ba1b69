// Linker: definitions by (module, name), WASI, and instantiation.
#include <algorithm>
#include <set>

#include "api/impl.h"
#include "runtime/memory.h"
#include "wasi/context.h"
#include "wasi/linker.h"
#include "wasi/threads.h"

namespace wasmcap {

struct WASMCAP_HIDDEN Linker::Impl {
  Store* store = nullptr;
  runtime::Linker linker;
  // WASI, when defined: its functions are created for the imports of each
  // module instantiated, once per name.
  std::shared_ptr<wasi::Context> wasi;
  std::set<std::string, std::less<>> wasiDefined;
  // The WASI contexts of instances that have their own, by instance name:
  // where fd_give hands descriptors.
  std::shared_ptr<wasi::ContextRegistry> contexts = std::make_shared<wasi::ContextRegistry>();
  // wasi-threads: the thread group of each instance that imports thread-spawn.
  std::vector<std::pair<const runtime::Instance*, std::shared_ptr<wasi::ThreadGroup>>> threadGroups;
};

std::shared_ptr<wasi::ThreadGroup> threadGroupOf(const Linker& linker, const Instance& instance) {
  for (const auto& [inst, group] : ApiAccess::impl(linker).threadGroups)
    if (inst == &object(instance)) return group;
  return nullptr;
}

Linker::Linker(Store& store) : impl_(std::make_unique<Impl>()) { impl_->store = &store; }
Linker::~Linker() = default;
Linker::Linker(Linker&&) noexcept = default;
Linker& Linker::operator=(Linker&&) noexcept = default;

Store& Linker::store() const { return *impl_->store; }

Result<void> Linker::define(std::string_view module, std::string_view name, const Extern& ext) {
  if (ApiAccess::store(ext) != impl_->store)
    return Error(ErrorCode::Usage, "\"" + std::string(module) + "\" \"" + std::string(name) +
                                       "\" belongs to another store than the linker's");
  impl_->linker.define(std::string(module), std::string(name), toRuntime(ext));
  return {};
}

Result<void> Linker::defineInstance(std::string_view module, const Instance& instance) {
  if (&instance.owner() != impl_->store)
    return Error(ErrorCode::Usage, "the instance belongs to another store than the linker's");
  impl_->linker.defineInstance(std::string(module), object(instance));
  return {};
}

Result<void> Linker::funcUntyped(std::string_view module, std::string_view name, FuncType type, HostFunction fn) {
  return define(module, name, Func::create(*impl_->store, std::move(type), std::move(fn)));
}

Result<void> Linker::defineWasi(const wasi::Config& config) {
  if (impl_->wasi) return Error(ErrorCode::Usage, "WASI is already defined in this linker");
  WASMCAP_TRY_ASSIGN(std::unique_ptr<wasi::Context> ctx, wasi::Context::create(config));
  impl_->wasi = std::move(ctx);
  return {};
}

Result<Instance> Linker::instantiate(const Module& module, std::string_view name) {
  Store& store = *impl_->store;
  const Module::Impl& m = ApiAccess::impl(module);
  if (!(m.engine == store.engine()))
    return Error(ErrorCode::Usage, "the module was compiled by another engine than the store's");
  if (impl_->wasi) {
    const ir::Module& mod = m.compiled->module;
    bool missing = false;
    for (const ir::Import& imp : mod.imports) {
      if (imp.module == wasi::kPreview1Module && !impl_->wasiDefined.contains(imp.name)) missing = true;
    }
    const bool missingFdGive = !impl_->wasiDefined.contains(wasi::kFdGive) &&
                               std::any_of(mod.imports.begin(), mod.imports.end(), [](const ir::Import& imp) {
                                 return imp.module == wasi::kNanoprocessModule && imp.name == wasi::kFdGive;
                               });
    if (missing || missingFdGive) {
      wasi::addImportedToLinker(impl_->linker, runtimeStore(store), impl_->wasi, mod, impl_->contexts);
      for (const ir::Import& imp : mod.imports)
        if (imp.module == wasi::kPreview1Module) impl_->wasiDefined.insert(imp.name);
      if (missingFdGive) impl_->wasiDefined.insert(wasi::kFdGive);
    }
  }
  // wasi-threads: thread-spawn, and the shared memory the program imports
  // when the linker has none of that name (a wasi-threads host provides it),
  // for this instance only.
  runtime::Store& rs = runtimeStore(store);
  runtime::Linker own;
  std::shared_ptr<wasi::ThreadGroup> group;
  const ir::Module& mod = m.compiled->module;
  if (impl_->wasi && m.engine.config().features.threads && wasi::importsThreadSpawn(mod)) {
    group = std::make_shared<wasi::ThreadGroup>(rs.executor(), rs.limits(), m.compiled, impl_->wasi);
    group->defineSpawn(own, rs);
    for (const ir::Import& imp : mod.imports) {
      if (imp.kind != ir::ExternKind::Memory || !imp.memory.limits.shared || impl_->linker.find(imp.module, imp.name))
        continue;
      WASMCAP_TRY_ASSIGN(runtime::Memory * mem, runtime::Memory::create(imp.memory, rs.limits().maxMemoryPages));
      own.define(imp.module, imp.name, runtime::Extern::memory(rs.addMemory(std::unique_ptr<runtime::Memory>(mem))));
    }
  }
  WASMCAP_TRY_ASSIGN(runtime::Instance * inst,
                     impl_->linker.instantiate(rs, m.compiled, std::string(name), group ? &own : nullptr));
  if (group) {
    group->adoptFirst(rs, *inst);
    impl_->threadGroups.emplace_back(inst, std::move(group));
  }
  return makeInstance(store, inst);
}

Result<Instance> Linker::instantiate(const Module& module, std::string_view name, const wasi::Config& config) {
  Store& store = *impl_->store;
  const Module::Impl& m = ApiAccess::impl(module);
  if (!(m.engine == store.engine()))
    return Error(ErrorCode::Usage, "the module was compiled by another engine than the store's");
  if (impl_->contexts->byName.contains(name))
    return Error(ErrorCode::Usage, "an instance named \"" + std::string(name) +
                                       "\" already has its own WASI context in this linker");
  WASMCAP_TRY_ASSIGN(std::unique_ptr<wasi::Context> created, wasi::Context::create(config));
  std::shared_ptr<wasi::Context> ctx = std::move(created);
  // Its own WASI functions, looked up before the linker's definitions.
  runtime::Linker own;
  wasi::addImportedToLinker(own, runtimeStore(store), ctx, m.compiled->module, impl_->contexts);
  WASMCAP_TRY_ASSIGN(runtime::Instance * inst,
                     impl_->linker.instantiate(runtimeStore(store), m.compiled, std::string(name), &own));
  impl_->contexts->byName.emplace(std::string(name), std::move(ctx));
  return makeInstance(store, inst);
}

}  // namespace wasmcap
