#include "api/impl.h"

namespace wasmcap {

Result<Global> Global::create(Store& store, const GlobalType& type, const Value& value) {
  if (value.type() != type.type)
    return Error(ErrorCode::Usage, std::string("a ") + value.type().name() + " cannot initialise a global of type " +
                                       type.type.name());
  WASMCAP_TRY_ASSIGN(runtime::Value v, toRuntime(value, store));
  auto g = std::make_unique<runtime::Global>();
  g->type.type = toRuntime(type.type);
  g->type.mut = type.isMutable;
  g->value = v.raw;
  return makeGlobal(store, runtimeStore(store).addGlobal(std::move(g)));
}

GlobalType Global::type() const { return fromRuntime(object(*this).type); }

Value Global::get() const { return fromRuntime(object(*this).get(), *store_); }

Result<void> Global::set(const Value& value) const {
  runtime::Global& g = object(*this);
  if (!g.type.mut) return Error(ErrorCode::Usage, "the global is immutable");
  ValType want = fromRuntime(g.type.type);
  if (value.type() != want)
    return Error(ErrorCode::Usage, std::string("a ") + value.type().name() + " cannot be stored in a global of type " +
                                       want.name());
  WASMCAP_TRY_ASSIGN(runtime::Value v, toRuntime(value, *store_));
  g.value = v.raw;
  return {};
}

}  // namespace wasmcap
