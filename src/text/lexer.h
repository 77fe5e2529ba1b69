// Tokens of the WebAssembly text format, with their line:column.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace wasmcap::text {

enum class TokenKind : uint8_t {
  LParen,
  RParen,
  Id,      // $name (text holds the name without the '$')
  String,  // "..." (text holds the decoded bytes)
  Atom,    // keywords, numbers and any other run of id characters
  Eof,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  std::string text;
  uint32_t line = 0, column = 0;
  // Offsets of the token's source text, so a range of tokens can be handed back
  // as text (e.g. a module quoted for the runner).
  uint32_t begin = 0, end = 0;
};

// Split `source` into tokens, ending with an Eof token. Comments and white
// space are dropped. Errors (bad escapes, unterminated strings or comments,
// stray characters) are ErrorCode::Malformed with line:column.
Result<std::vector<Token>> tokenize(std::string_view source);

// True when `s` is valid UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
bool isValidUtf8(std::string_view s);

// Error helper shared by the text components.
Error textError(const Token& at, std::string message);

}  // namespace wasmcap::text
