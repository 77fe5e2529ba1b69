#include "wasmcap/shared_memory.hpp"

#include "api/impl.h"
#include "runtime/memory.h"

namespace wasmcap {

struct WASMCAP_HIDDEN SharedMemory::Impl {
  Engine engine;
  std::shared_ptr<runtime::Memory> memory;
};

Result<SharedMemory> SharedMemory::create(const Engine& engine, const MemoryType& type) {
  if (!engine.config().features.threads)
    return Error(ErrorCode::Usage, "shared memories need the threads feature, which the engine has off");
  if (!type.shared) return Error(ErrorCode::Usage, "a SharedMemory needs a shared memory type");
  if (!type.limits.max) return Error(ErrorCode::Usage, "shared memory must have maximum");
  ir::MemoryType t;
  t.limits.min = type.limits.min;
  t.limits.max = type.limits.max;
  t.limits.shared = true;
  t.limits.is64 = type.is64;
  WASMCAP_TRY_ASSIGN(runtime::Memory * m, runtime::Memory::create(t));
  auto impl = std::make_shared<Impl>(Impl{engine, std::shared_ptr<runtime::Memory>(m)});
  return SharedMemory(std::move(impl));
}

MemoryType SharedMemory::type() const { return fromRuntime(impl_->memory->type()); }
uint8_t* SharedMemory::data() const { return impl_->memory->base(); }
uint64_t SharedMemory::size() const { return impl_->memory->sizeBytes(); }

Result<uint64_t> SharedMemory::grow(uint64_t deltaPages) const {
  uint64_t old = impl_->memory->grow(deltaPages);
  if (old == ~uint64_t{0})
    return Error(ErrorCode::Exhaustion, "the shared memory cannot grow by " + std::to_string(deltaPages) + " pages");
  return old;
}

Result<uint32_t> SharedMemory::notify(uint64_t offset, uint32_t count) const {
  runtime::Memory::WaitOutcome r = impl_->memory->atomicNotify(offset, count);
  if (r.trap) return Error(ErrorCode::Usage, std::string("notify at ") + std::to_string(offset) + ": " +
                                                 trapKindMessage(*r.trap));
  return r.result;
}

Result<Memory> SharedMemory::in(Store& store) const {
  if (!(store.engine() == impl_->engine))
    return Error(ErrorCode::Usage, "the store belongs to another engine than the shared memory");
  return makeMemory(store, runtimeStore(store).addMemory(impl_->memory));
}

}  // namespace wasmcap
