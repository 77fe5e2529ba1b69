// Module validation (the spec's validation rules; function bodies with the
// operand/control stack algorithm of the spec appendix). Errors are
// ErrorCode::Invalid with the byte offset of the offending instruction, or
// ErrorCode::Malformed for encodings found while walking bodies.
#pragma once
#include "ir/module.h"
#include "util/result.h"

namespace wasmcap::validate {

Result<void> validateModule(const ir::Module& module);

}  // namespace wasmcap::validate
