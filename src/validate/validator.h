// Module validation (the spec's validation rules; function bodies with the
// operand/control stack algorithm of the spec appendix). Errors are
// ErrorCode::Invalid with the byte offset of the offending instruction, or
// ErrorCode::Malformed for encodings found while walking bodies.
#pragma once
#include "ir/module.h"
#include "util/result.h"
#include "wasmcap/features.hpp"

namespace wasmcap::validate {

// `features`: what is valid beyond 2.0 (the default: 3.0). The module must
// have been decoded with the same features.
Result<void> validateModule(const ir::Module& module, const Features& features = Features());

}  // namespace wasmcap::validate
