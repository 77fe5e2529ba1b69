// Module fields of the text format (first pass) and the module encoder
// (second pass). Internal to the text component; watToBinary and parseWast
// are the public entry points.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "text/encoder.h"
#include "text/lexer.h"
#include "text/module_state.h"

namespace wasmcap::text {

// Parse the module fields starting at token `pos` (up to the ')' that closes
// the module, or the end of input) and encode the module. `name` is the
// module's $id, if any.
Result<Bytes> encodeModuleFields(const std::vector<Token>& tokens, size_t pos, std::optional<std::string> name);

// First pass: fill `module` from the fields at `pos`.
Result<void> parseModuleFields(ModuleState& module, const std::vector<Token>& tokens, size_t pos);
// Second pass: encode code and constant expressions, then every section.
Result<Bytes> encodeModule(ModuleState& module, const std::vector<Token>& tokens);

}  // namespace wasmcap::text
