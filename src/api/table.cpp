#include "api/impl.h"

namespace wasmcap {

namespace {

Result<runtime::Ref> elementRef(const Value& v, ValType element, Store& store) {
  if (v.type() != element)
    return Error(ErrorCode::Usage, std::string("a ") + v.type().name() + " cannot be stored in a table of " +
                                       element.name());
  WASMCAP_TRY_ASSIGN(runtime::Value rv, toRuntime(v, store));
  return rv.raw.ref;
}

}  // namespace

Result<Table> Table::create(Store& store, const TableType& type, const Value& init) {
  if (!type.element.isRef()) return Error(ErrorCode::Usage, "a table holds references, not " + std::string(type.element.name()));
  WASMCAP_TRY_ASSIGN(runtime::Ref ref, elementRef(init, type.element, store));
  runtime::Store& rs = runtimeStore(store);
  if (type.limits.min > rs.limits().maxTableElements)
    return Error(ErrorCode::Exhaustion, "table of " + std::to_string(type.limits.min) +
                                            " elements exceeds the limit of " +
                                            std::to_string(rs.limits().maxTableElements));
  if (type.limits.max && *type.limits.max < type.limits.min)
    return Error(ErrorCode::Usage, "the table's maximum is below its minimum");
  ir::TableType t;
  t.elem = toRuntime(type.element);
  t.limits.min = type.limits.min;
  t.limits.max = type.limits.max;
  return makeTable(store, rs.addTable(std::make_unique<runtime::Table>(t, ref)));
}

TableType Table::type() const {
  TableType t = fromRuntime(object(*this).type());
  t.limits.min = object(*this).size();
  return t;
}

uint64_t Table::size() const { return object(*this).size(); }

Result<Value> Table::get(uint64_t index) const {
  runtime::Table& t = object(*this);
  if (index >= t.size())
    return Error(ErrorCode::Usage, "index " + std::to_string(index) + " is outside the table of " +
                                       std::to_string(t.size()) + " elements");
  return fromRuntime(runtime::Value::ref(t.type().elem, t.get(index)), *store_);
}

Result<void> Table::set(uint64_t index, const Value& value) const {
  runtime::Table& t = object(*this);
  WASMCAP_TRY_ASSIGN(runtime::Ref ref, elementRef(value, fromRuntime(t.type().elem), *store_));
  if (index >= t.size())
    return Error(ErrorCode::Usage, "index " + std::to_string(index) + " is outside the table of " +
                                       std::to_string(t.size()) + " elements");
  t.set(index, ref);
  return {};
}

Result<uint64_t> Table::grow(uint64_t delta, const Value& init) const {
  runtime::Table& t = object(*this);
  WASMCAP_TRY_ASSIGN(runtime::Ref ref, elementRef(init, fromRuntime(t.type().elem), *store_));
  uint64_t old = t.grow(delta, ref, runtimeStore(*store_).limits().maxTableElements);
  if (old == ~uint64_t{0})
    return Error(ErrorCode::Exhaustion, "table of " + std::to_string(t.size()) + " elements cannot grow by " +
                                            std::to_string(delta) + " (its maximum or the store's limit)");
  return old;
}

}  // namespace wasmcap
