#include "runtime/store.h"

namespace wasmcap::runtime {

namespace {
// One byte per value type suffices for 2.0; typed references (3.0) will add
// their heap type after the code.
std::vector<uint8_t> encodeTypes(const std::vector<ir::ValType>& types) {
  std::vector<uint8_t> out;
  out.reserve(types.size());
  for (const ir::ValType& t : types) out.push_back(static_cast<uint8_t>(t.code));
  return out;
}
}  // namespace

uint32_t TypeRegistry::intern(const ir::FuncType& type) {
  auto key = std::make_pair(encodeTypes(type.params), encodeTypes(type.results));
  auto [it, inserted] = ids_.try_emplace(std::move(key), static_cast<uint32_t>(ids_.size()));
  return it->second;
}

FuncInst* Store::addHostFunc(ir::FuncType type, HostFunc fn, std::string debugName) {
  auto f = std::make_unique<FuncInst>();
  f->typeId = types_.intern(type);
  f->type = std::move(type);
  f->host = std::move(fn);
  f->debugName = std::move(debugName);
  return addFunc(std::move(f));
}

FuncInst* Store::addFunc(std::unique_ptr<FuncInst> f) {
  funcs_.push_back(std::move(f));
  return funcs_.back().get();
}

Table* Store::addTable(std::unique_ptr<Table> t) {
  tables_.push_back(std::move(t));
  return tables_.back().get();
}

Memory* Store::addMemory(std::unique_ptr<Memory> m) {
  memories_.push_back(std::move(m));
  return memories_.back().get();
}

Global* Store::addGlobal(std::unique_ptr<Global> g) {
  globals_.push_back(std::move(g));
  return globals_.back().get();
}

Instance* Store::addInstance(std::unique_ptr<Instance> i) {
  instances_.push_back(std::move(i));
  return instances_.back().get();
}

}  // namespace wasmcap::runtime
