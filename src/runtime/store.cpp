#include "runtime/store.h"

namespace wasmcap::runtime {

namespace {
// One byte per value type suffices for 2.0; a non-null or typed reference
// adds a marker byte and its heap type (a concrete one as its canonical id).
void appendTypes(std::string& key, const std::vector<ir::ValType>& types, std::span<const uint32_t> canonical) {
  const auto n = static_cast<uint32_t>(types.size());
  key.append(reinterpret_cast<const char*>(&n), sizeof n);
  for (const ir::ValType& t : types) {
    key.push_back(static_cast<char>(t.code));
    if (t.isRef() && (!t.nullable || t.isConcrete())) {
      key.push_back(t.nullable ? 'n' : 'r');
      uint32_t heap = t.isConcrete() && t.heapIndex < canonical.size() ? canonical[t.heapIndex] : ~0u;
      key.append(reinterpret_cast<const char*>(&heap), sizeof heap);
    }
  }
}
}  // namespace

uint32_t TypeRegistry::intern(const ir::FuncType& type, std::span<const uint32_t> canonical) {
  std::string key;
  key.reserve(2 * sizeof(uint32_t) + type.params.size() + type.results.size());
  appendTypes(key, type.params, canonical);
  appendTypes(key, type.results, canonical);
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

Memory* Store::addMemory(std::shared_ptr<Memory> m) {
  memories_.push_back(std::move(m));
  return memories_.back().get();
}

std::shared_ptr<Memory> Store::memoryOwner(const Memory* m) const {
  for (const std::shared_ptr<Memory>& owned : memories_)
    if (owned.get() == m) return owned;
  return nullptr;
}

TagInst* Store::addTag(std::unique_ptr<TagInst> t) {
  tags_.push_back(std::move(t));
  return tags_.back().get();
}

std::shared_ptr<Exception> Store::newException() {
  exceptions_.push_back(std::make_shared<Exception>());
  return exceptions_.back();
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
