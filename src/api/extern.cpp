#include "api/impl.h"

namespace wasmcap {

Extern::Extern(const Func& f) : Extern(ExternKind::Func, &f.owner(), ApiAccess::object(f)) {}
Extern::Extern(const Table& t) : Extern(ExternKind::Table, &t.owner(), ApiAccess::object(t)) {}
Extern::Extern(const Memory& m) : Extern(ExternKind::Memory, &m.owner(), ApiAccess::object(m)) {}
Extern::Extern(const Global& g) : Extern(ExternKind::Global, &g.owner(), ApiAccess::object(g)) {}

ExternType Extern::type() const {
  switch (kind_) {
    case ExternKind::Func: return func()->type();
    case ExternKind::Table: return table()->type();
    case ExternKind::Memory: return memory()->type();
    case ExternKind::Global: return global()->type();
    case ExternKind::Tag: break;
  }
  return ExternType::tag(fromRuntime(static_cast<const runtime::TagInst*>(obj_)->type));
}

std::optional<Func> Extern::func() const {
  if (kind_ != ExternKind::Func) return std::nullopt;
  return ApiAccess::make<Func>(store_, obj_);
}
std::optional<Table> Extern::table() const {
  if (kind_ != ExternKind::Table) return std::nullopt;
  return ApiAccess::make<Table>(store_, obj_);
}
std::optional<Memory> Extern::memory() const {
  if (kind_ != ExternKind::Memory) return std::nullopt;
  return ApiAccess::make<Memory>(store_, obj_);
}
std::optional<Global> Extern::global() const {
  if (kind_ != ExternKind::Global) return std::nullopt;
  return ApiAccess::make<Global>(store_, obj_);
}

}  // namespace wasmcap
