// Building audit records from what a WASI call refused (wasi_audit.hpp).
#pragma once
#include <string>
#include <vector>

#include "wasi/call.h"
#include "wasmcap/wasi_audit.hpp"

namespace wasmcap::wasi {

// The names of the rights in `rights` ("fd_read", "path_open", ...).
std::vector<std::string> rightNames(Rights rights);

// A record of `refusal`, made by the call of `function` in `instance`.
AuditRecord refusedRecord(const Refusal& refusal, std::string instance, std::string_view function);

// A record of a granted call of `function` that returned `errnoValue`.
AuditRecord grantedRecord(std::string instance, std::string_view function, Errno errnoValue);

}  // namespace wasmcap::wasi
