// Store: limits, fuel, and interruption (InterruptHandle, deadlines).
#include "api/impl.h"

namespace wasmcap {

namespace {

runtime::Limits runtimeLimits(const StoreLimits& l) {
  runtime::Limits out;
  out.maxCallDepth = l.maxCallDepth;
  out.maxValueStackBytes = l.maxStackBytes;
  out.maxMemoryPages = std::min<uint64_t>(l.maxMemoryBytes / kWasmPageSize, ir::kMaxPages32);
  out.maxTableElements = l.maxTableElements;
  return out;
}

}  // namespace

struct WASMCAP_HIDDEN InterruptHandle::State {
  std::shared_ptr<runtime::InterruptState> target;
};

Store::Impl::Impl(Store& self, const Engine& e, const StoreLimits& l)
    : engine(e), limits(l), store(executorOf(e), runtimeLimits(l)) {
  store.embedder = &self;
}

Store::Store(const Engine& engine, StoreLimits limits) : impl_(std::make_unique<Impl>(*this, engine, limits)) {}

// The watchdog goes first: it may be about to interrupt this store.
Store::~Store() { impl_->watchdog.reset(); }

const Engine& Store::engine() const { return impl_->engine; }
const StoreLimits& Store::limits() const { return impl_->limits; }

Result<void> Store::setFuel(uint64_t fuel) {
  if (!impl_->engine.config().consumeFuel)
    return Error(ErrorCode::Usage, "fuel needs an engine created with EngineConfig::consumeFuel");
  impl_->store.fuel = fuel;
  return {};
}

Result<uint64_t> Store::fuel() const {
  if (!impl_->engine.config().consumeFuel)
    return Error(ErrorCode::Usage, "fuel needs an engine created with EngineConfig::consumeFuel");
  return impl_->store.fuel;
}

InterruptHandle Store::interruptHandle() {
  auto state = std::make_shared<InterruptHandle::State>();
  state->target = impl_->store.interruptState();
  return ApiAccess::makeInterruptHandle(std::move(state));
}

void InterruptHandle::interrupt() const {
  if (impl_ && impl_->target) impl_->target->requestInterrupt();
}

Result<void> Store::interruptAfter(std::chrono::nanoseconds timeout) {
  if (!impl_->engine.config().interruptible)
    return Error(ErrorCode::Usage, "interruption needs an engine created with EngineConfig::interruptible");
  if (!impl_->watchdog) impl_->watchdog = std::make_unique<Watchdog>();
  impl_->watchdog->arm(std::chrono::steady_clock::now() + timeout, interruptHandle());
  return {};
}

void Store::cancelInterrupt() {
  if (impl_->watchdog) impl_->watchdog->cancel();
  impl_->store.interruptState()->clear();
}

// ---- Watchdog ---------------------------------------------------------------

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watchdog::arm(std::chrono::steady_clock::time_point deadline, InterruptHandle target) {
  {
    std::lock_guard lock(mutex_);
    deadline_ = deadline;
    target_ = std::move(target);
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  }
  wake_.notify_all();
}

void Watchdog::cancel() {
  {
    std::lock_guard lock(mutex_);
    deadline_.reset();
  }
  wake_.notify_all();
}

void Watchdog::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!deadline_) {
      wake_.wait(lock);
      continue;
    }
    if (std::chrono::steady_clock::now() >= *deadline_) {
      deadline_.reset();
      if (target_) target_->interrupt();
      continue;
    }
    wake_.wait_until(lock, *deadline_);
  }
}

}  // namespace wasmcap
