// Instance (exports, positional instantiation) and Caller.
#include "api/impl.h"

namespace wasmcap {

namespace {

Error noExport(std::string_view name) {
  return Error(ErrorCode::Usage, "the instance has no export named \"" + std::string(name) + "\"");
}

Error wrongKind(std::string_view name, ExternKind is, ExternKind wanted) {
  return Error(ErrorCode::Usage, "export \"" + std::string(name) + "\" is a " + externKindName(is) + ", not a " +
                                     externKindName(wanted));
}

template <typename Handle>
Result<Handle> exportOfKind(const Instance& inst, std::string_view name, ExternKind kind,
                            std::optional<Handle> (Extern::*as)() const) {
  WASMCAP_TRY_ASSIGN(Extern e, inst.getExport(name));
  std::optional<Handle> h = (e.*as)();
  if (!h) return wrongKind(name, e.kind(), kind);
  return *h;
}

Result<Extern> exportOf(Store& store, const runtime::Instance* inst, std::string_view name) {
  const runtime::Extern* e = inst ? inst->findExport(name) : nullptr;
  if (!e) return noExport(name);
  return makeExtern(store, *e);
}

}  // namespace

Result<Instance> Instance::create(Store& store, const Module& module, std::span<const Extern> imports,
                                  std::string_view name) {
  const Module::Impl& m = ApiAccess::impl(module);
  if (!(m.engine == store.engine()))
    return Error(ErrorCode::Usage, "the module was compiled by another engine than the store's");
  std::vector<runtime::Extern> resolved;
  resolved.reserve(imports.size());
  for (const Extern& e : imports) {
    if (ApiAccess::store(e) != &store)
      return Error(ErrorCode::Usage, "an import belongs to another store");
    resolved.push_back(toRuntime(e));
  }
  WASMCAP_TRY_ASSIGN(runtime::Instance * inst,
                     runtime::instantiateWithImports(runtimeStore(store), m.compiled, resolved, std::string(name)));
  return makeInstance(store, inst);
}

Result<Extern> Instance::getExport(std::string_view name) const { return exportOf(*store_, &object(*this), name); }

Result<Func> Instance::func(std::string_view name) const {
  return exportOfKind<Func>(*this, name, ExternKind::Func, &Extern::func);
}
Result<Memory> Instance::memory(std::string_view name) const {
  return exportOfKind<Memory>(*this, name, ExternKind::Memory, &Extern::memory);
}
Result<Table> Instance::table(std::string_view name) const {
  return exportOfKind<Table>(*this, name, ExternKind::Table, &Extern::table);
}
Result<Global> Instance::global(std::string_view name) const {
  return exportOfKind<Global>(*this, name, ExternKind::Global, &Extern::global);
}

std::vector<std::pair<std::string, Extern>> Instance::exports() const {
  const runtime::Instance& inst = object(*this);
  std::vector<std::pair<std::string, Extern>> out;
  for (const ir::Export& e : inst.module().exports) {
    if (const runtime::Extern* ext = inst.findExport(e.name)) out.emplace_back(e.name, makeExtern(*store_, *ext));
  }
  return out;
}

std::string Instance::name() const { return object(*this).name; }

std::optional<Instance> Caller::instance() const {
  if (!obj_) return std::nullopt;
  return ApiAccess::make<Instance>(store_, obj_);
}

Result<Memory> Caller::memory() const {
  WASMCAP_TRY_ASSIGN(Extern e, getExport("memory"));
  std::optional<Memory> m = e.memory();
  if (!m) return wrongKind("memory", e.kind(), ExternKind::Memory);
  return *m;
}

Result<Extern> Caller::getExport(std::string_view name) const {
  if (!obj_) return Error(ErrorCode::Usage, "the function was called by the host, not by an instance");
  return exportOf(*store_, static_cast<const runtime::Instance*>(obj_), name);
}

std::optional<Instance> Frame::instance() const {
  const auto* inst = static_cast<const runtime::Instance*>(ApiAccess::frameInstance(*this));
  if (!inst || !inst->store || !inst->store->embedder) return std::nullopt;
  return ApiAccess::make<Instance>(static_cast<Store*>(inst->store->embedder), const_cast<runtime::Instance*>(inst));
}

}  // namespace wasmcap
