// Module validation (the spec's validation rules; function bodies with the
// operand/control stack algorithm of the spec appendix). Errors are
// ErrorCode::Invalid with the byte offset of the offending instruction, or
// ErrorCode::Malformed for encodings found while walking bodies.
#pragma once
#include "ir/module.h"
#include "util/result.h"

namespace wasmcap::validate {

// Proposals beyond WebAssembly 2.0 that lift a 2.0 restriction. All off by
// default: the default validates exactly 2.0.
struct Features {
  bool multiMemory = false;  // more than one memory; memarg flag bit 6 (memory index)
};

Result<void> validateModule(const ir::Module& module);
Result<void> validateModule(const ir::Module& module, const Features& features);

}  // namespace wasmcap::validate
