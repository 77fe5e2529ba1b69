#include "api/impl.h"
#include "runtime/memory.h"

namespace wasmcap {

namespace {

Error outOfBounds(uint64_t offset, uint64_t length, uint64_t size) {
  return Error(ErrorCode::Usage, "bytes [" + std::to_string(offset) + ", " + std::to_string(offset) + " + " +
                                     std::to_string(length) + ") are outside the memory of " + std::to_string(size) +
                                     " bytes");
}

}  // namespace

Result<Memory> Memory::create(Store& store, const MemoryType& type) {
  ir::MemoryType t;
  t.limits.min = type.limits.min;
  t.limits.max = type.limits.max;
  t.limits.shared = type.shared;
  t.limits.is64 = type.is64;
  runtime::Store& rs = runtimeStore(store);
  WASMCAP_TRY_ASSIGN(runtime::Memory * m, runtime::Memory::create(t, rs.limits().maxMemoryPages));
  return makeMemory(store, rs.addMemory(std::unique_ptr<runtime::Memory>(m)));
}

MemoryType Memory::type() const { return fromRuntime(object(*this).type()); }
uint8_t* Memory::data() const { return object(*this).base(); }
uint64_t Memory::size() const { return object(*this).sizeBytes(); }
uint64_t Memory::pages() const { return object(*this).pages(); }

Result<uint64_t> Memory::grow(uint64_t deltaPages) const {
  runtime::Memory& m = object(*this);
  uint64_t old = m.grow(deltaPages);
  if (old == ~uint64_t{0})
    return Error(ErrorCode::Exhaustion, "memory of " + std::to_string(m.pages()) + " pages cannot grow by " +
                                            std::to_string(deltaPages) + " pages (its maximum or the store's limit)");
  return old;
}

Result<std::span<uint8_t>> Memory::span(uint64_t offset, uint64_t length) const {
  const uint64_t size = this->size();
  if (offset > size || length > size - offset) return outOfBounds(offset, length, size);
  return std::span<uint8_t>(data() + offset, length);
}

Result<void> Memory::read(uint64_t offset, std::span<uint8_t> out) const {
  WASMCAP_TRY_ASSIGN(std::span<uint8_t> src, span(offset, out.size()));
  if (!out.empty()) std::memcpy(out.data(), src.data(), out.size());
  return {};
}

Result<void> Memory::write(uint64_t offset, std::span<const uint8_t> bytes) const {
  WASMCAP_TRY_ASSIGN(std::span<uint8_t> dst, span(offset, bytes.size()));
  if (!bytes.empty()) std::memcpy(dst.data(), bytes.data(), bytes.size());
  return {};
}

}  // namespace wasmcap
