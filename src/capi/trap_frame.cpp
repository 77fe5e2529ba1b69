// Traps and the frames of their backtraces.
#include "objects.hpp"

using namespace wasmcap::capi;

wasm_frame_t::~wasm_frame_t() {
  wasm_instance_delete(instance);
  wasm_name_delete(&funcName);
}

namespace {

wasm_frame_t* newFrame(const wasm_trap_t* trap, const wasmcap::Frame& frame) {
  wasm_store_t* store = trap->object->store;
  return new wasm_frame_t(frame, store ? store->anchor : std::make_shared<StoreAnchor>());
}

}  // namespace

extern "C" {

wasm_trap_t* wasm_trap_new(wasm_store_t* store, const wasm_message_t* message) {
  std::string text(stringFromC(message));
  // The message conventionally carries its terminating NUL; the trap keeps
  // the text and adds the NUL back in wasm_trap_message.
  if (!text.empty() && text.back() == '\0') text.pop_back();
  return newTrap(store, wasmcap::Trap(wasmcap::TrapKind::Host, std::move(text)));
}

void wasm_trap_message(const wasm_trap_t* trap, wasm_message_t* out) {
  const std::string& message = trap->object->trap().message;
  bytesToC(out, message.c_str(), message.size() + 1);
}

wasm_frame_t* wasm_trap_origin(const wasm_trap_t* trap) {
  const auto& backtrace = trap->object->trap().backtrace;
  return backtrace.empty() ? nullptr : newFrame(trap, backtrace.front());
}

void wasm_trap_trace(const wasm_trap_t* trap, wasm_frame_vec_t* out) {
  const auto& backtrace = trap->object->trap().backtrace;
  wasm_frame_vec_new_uninitialized(out, backtrace.size());
  for (size_t i = 0; i < out->size; ++i) out->data[i] = newFrame(trap, backtrace[i]);
}

// ---- frames ----

wasm_frame_t* wasm_frame_copy(const wasm_frame_t* frame) {
  return frame ? new wasm_frame_t(frame->frame, frame->anchor) : nullptr;
}

void wasm_frame_delete(wasm_frame_t* frame) { delete frame; }

wasm_instance_t* wasm_frame_instance(const wasm_frame_t* frame) {
  if (!frame->instance) {
    wasm_store_t* store = frame->anchor->store;
    if (!store) return nullptr;
    std::optional<wasmcap::Instance> instance = frame->frame.instance();
    if (!instance) return nullptr;
    frame->instance = newHandleAs<wasm_instance_t>(objectFor(store, *instance));
  }
  return frame->instance;
}

uint32_t wasm_frame_func_index(const wasm_frame_t* frame) { return frame->frame.funcIndex; }

size_t wasm_frame_func_offset(const wasm_frame_t* frame) { return frame->frame.funcOffset; }

size_t wasm_frame_module_offset(const wasm_frame_t* frame) { return frame->frame.moduleOffset; }

// ---- wasmcap.h ----

const wasm_name_t* wasmcap_frame_func_name(const wasm_frame_t* frame) {
  if (frame->frame.funcName.empty()) return nullptr;
  if (!frame->funcName.data) stringToC(&frame->funcName, frame->frame.funcName);
  return &frame->funcName;
}

wasmcap_trap_kind_t wasmcap_trap_kind(const wasm_trap_t* trap) {
  switch (trap->object->trap().kind) {
    case wasmcap::TrapKind::Unreachable: return WASMCAP_TRAP_UNREACHABLE;
    case wasmcap::TrapKind::MemoryOutOfBounds: return WASMCAP_TRAP_MEMORY_OUT_OF_BOUNDS;
    case wasmcap::TrapKind::TableOutOfBounds: return WASMCAP_TRAP_TABLE_OUT_OF_BOUNDS;
    case wasmcap::TrapKind::UndefinedElement: return WASMCAP_TRAP_UNDEFINED_ELEMENT;
    case wasmcap::TrapKind::UninitializedElement: return WASMCAP_TRAP_UNINITIALIZED_ELEMENT;
    case wasmcap::TrapKind::IndirectCallTypeMismatch: return WASMCAP_TRAP_INDIRECT_CALL_TYPE_MISMATCH;
    case wasmcap::TrapKind::IntegerDivideByZero: return WASMCAP_TRAP_INTEGER_DIVIDE_BY_ZERO;
    case wasmcap::TrapKind::IntegerOverflow: return WASMCAP_TRAP_INTEGER_OVERFLOW;
    case wasmcap::TrapKind::InvalidConversion: return WASMCAP_TRAP_INVALID_CONVERSION;
    case wasmcap::TrapKind::CallStackExhausted: return WASMCAP_TRAP_CALL_STACK_EXHAUSTED;
    case wasmcap::TrapKind::NullReference: return WASMCAP_TRAP_NULL_REFERENCE;
    case wasmcap::TrapKind::OutOfFuel: return WASMCAP_TRAP_OUT_OF_FUEL;
    case wasmcap::TrapKind::Interrupted: return WASMCAP_TRAP_INTERRUPTED;
    case wasmcap::TrapKind::Exit: return WASMCAP_TRAP_EXIT;
    case wasmcap::TrapKind::Host: return WASMCAP_TRAP_HOST;
    case wasmcap::TrapKind::UnalignedAtomic: return WASMCAP_TRAP_UNALIGNED_ATOMIC;
    case wasmcap::TrapKind::ExpectedSharedMemory: return WASMCAP_TRAP_EXPECTED_SHARED_MEMORY;
    case wasmcap::TrapKind::NullFunctionReference: return WASMCAP_TRAP_NULL_FUNCTION_REFERENCE;
    case wasmcap::TrapKind::UncaughtException: return WASMCAP_TRAP_UNCAUGHT_EXCEPTION;
  }
  return WASMCAP_TRAP_HOST;
}

bool wasmcap_trap_exit_status(const wasm_trap_t* trap, int* status) {
  const wasmcap::Trap& t = trap->object->trap();
  if (t.kind != wasmcap::TrapKind::Exit) return false;
  if (status) *status = t.exitCode;
  return true;
}

}  // extern "C"

