// The text of the last failure, per thread (wasmcap_last_error_message).
#include "objects.hpp"

namespace wasmcap::capi {
namespace {
thread_local std::string lastError;
}  // namespace

void setLastError(std::string message) { lastError = std::move(message); }

void setLastError(const Error& error) { lastError = error.describe(); }

}  // namespace wasmcap::capi

extern "C" {

const char* wasmcap_last_error_message(void) { return wasmcap::capi::lastError.c_str(); }

void wasmcap_clear_last_error(void) { wasmcap::capi::lastError.clear(); }

const char* wasmcap_version(void) { return wasmcap::version(); }

}  // extern "C"
