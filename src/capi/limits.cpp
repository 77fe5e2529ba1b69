// wasmcap.h: fuel and interruption of the code running in a store.
#include <chrono>

#include "objects.hpp"

using namespace wasmcap::capi;

extern "C" {

bool wasmcap_store_set_fuel(wasm_store_t* store, uint64_t fuel) {
  wasmcap::Result<void> r = store->store->setFuel(fuel);
  if (!r) setLastError(r.error());
  return r.ok();
}

bool wasmcap_store_get_fuel(const wasm_store_t* store, uint64_t* fuel) {
  wasmcap::Result<uint64_t> r = store->store->fuel();
  if (!r) {
    setLastError(r.error());
    return false;
  }
  if (fuel) *fuel = *r;
  return true;
}

wasmcap_interrupt_handle_t* wasmcap_interrupt_handle_new(wasm_store_t* store) {
  return new wasmcap_interrupt_handle_t{store->store->interruptHandle()};
}

void wasmcap_interrupt_handle_interrupt(const wasmcap_interrupt_handle_t* handle) {
  if (handle) handle->handle.interrupt();
}

void wasmcap_interrupt_handle_delete(wasmcap_interrupt_handle_t* handle) { delete handle; }

bool wasmcap_store_interrupt_after_ms(wasm_store_t* store, uint64_t ms) {
  // Beyond this many milliseconds the deadline (in nanoseconds) would
  // overflow; it is then in 292 years anyway.
  constexpr uint64_t kMaxMs = uint64_t{9'000'000'000'000};
  auto timeout = std::chrono::milliseconds(static_cast<int64_t>(ms < kMaxMs ? ms : kMaxMs));
  wasmcap::Result<void> r = store->store->interruptAfter(timeout);
  if (!r) setLastError(r.error());
  return r.ok();
}

void wasmcap_store_cancel_interrupt(wasm_store_t* store) { store->store->cancelInterrupt(); }

}  // extern "C"
