// Pieces of syntax shared by the module-field and instruction parsers: value
// types, indices, limits and type uses.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/types.h"
#include "text/cursor.h"
#include "text/module_state.h"

namespace wasmcap::text {

// i32 i64 f32 f64 v128 funcref externref exnref.
std::optional<ir::ValType> valTypeFromKeyword(std::string_view word);
// A keyword above or (ref null? heaptype); `types` resolves a $id heap type.
Result<ir::ValType> parseValType(Cursor& cur, const IndexSpace& types);
// funcref | externref | exnref | (ref null? heaptype).
Result<ir::ValType> parseRefType(Cursor& cur, const IndexSpace& types);
// func | extern | exn | a type index, as the reference type (ref null? ht).
Result<ir::ValType> parseHeapType(Cursor& cur, const IndexSpace& types, bool nullable);

// A u32 literal; `what` names it in the error ("i32 constant out of range").
Result<uint32_t> parseU32(Cursor& cur);
// True when the next token could be an index: a $id or an unsigned number.
bool peekIndex(const Cursor& cur);
// Consume an index token and return its position (to resolve later).
Result<size_t> takeIndex(Cursor& cur);
// Resolve the $id or number at token position `pos` in `space`; `what` is the
// space's name for messages ("function", "table", ...).
Result<uint32_t> resolveIndex(const std::vector<Token>& tokens, size_t pos, const IndexSpace& space,
                              std::string_view what);
Result<uint32_t> resolveRef(const std::vector<Token>& tokens, const IndexRef& ref, const IndexSpace& space,
                            std::string_view what);

// Bind `id` to `index` in `space`; a second binding is "duplicate <what>".
Result<void> bindId(IndexSpace& space, const Token& at, const std::string& id, uint32_t index,
                    std::string_view what);
// An optional $id at the cursor.
std::optional<std::string> takeOptionalId(Cursor& cur);

// min max? as u32 (or u64 when is64).
Result<ir::Limits> parseLimits(Cursor& cur);

// A type use: (type x)? (param ...)* (result ...)*.
struct TypeUse {
  std::optional<size_t> typeRef;  // token position of x
  bool hasInline = false;         // any (param) or (result) written
  ir::FuncType inlineType;
  std::vector<std::optional<std::string>> paramIds;
  std::vector<const Token*> paramIdTokens;
};
// allowParamIds: (param $x t) is allowed (functions), not in block types and
// call_indirect.
Result<TypeUse> parseTypeUse(Cursor& cur, bool allowParamIds, const IndexSpace& types);
// The type index a type use denotes, checking an explicit type against the
// inline declaration and adding an implicit type when needed.
Result<uint32_t> resolveTypeUse(ModuleState& module, const std::vector<Token>& tokens, const TypeUse& use);

}  // namespace wasmcap::text
