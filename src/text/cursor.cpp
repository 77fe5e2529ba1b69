#include "text/cursor.h"

#include <algorithm>
#include <array>

#include "ir/opcode.h"
#include "text/number_literal.h"

namespace wasmcap::text {

namespace {

// Index just past the ')' closing the '(' at `open`, or SIZE_MAX if none.
size_t findClose(const std::vector<Token>& toks, size_t open) {
  int depth = 0;
  for (size_t i = open; i < toks.size(); ++i) {
    if (toks[i].kind == TokenKind::LParen) ++depth;
    else if (toks[i].kind == TokenKind::RParen && --depth == 0) return i + 1;
  }
  return SIZE_MAX;
}

}  // namespace

size_t Cursor::matchingClose(size_t open) const {
  size_t close = findClose(*tokens_, open);
  return close == SIZE_MAX ? tokens_->size() - 1 : close;
}

bool Cursor::isClosed(size_t open) const { return findClose(*tokens_, open) != SIZE_MAX; }

bool isKeyword(std::string_view word) {
  // Besides these, every instruction name of the opcode table is a keyword.
  static constexpr std::array<std::string_view, 76> kWords = {
      "align",         "assert_exhaustion", "assert_invalid",   "assert_malformed", "assert_return",
      "assert_trap",   "assert_unlinkable", "assert_uninstantiable", "binary", "data",
      "declare",       "elem",              "else",             "end",              "export",
      "extern",        "externref",         "f32",              "f32x4",            "f64",
      "f64x2",         "func",              "funcref",          "get",              "global",
      "i16",           "i16x8",             "i32",              "i32x4",            "i64",
      "i64x2",         "i8",                "i8x16",            "import",           "inf",
      "input",         "invoke",            "item",             "local",            "memory",
      "module",        "mut",               "nan",              "nan:arithmetic",   "nan:canonical",
      "null",          "offset",            "output",           "param",            "quote",
      "ref",           "ref.extern",        "ref.host",         "register",         "result",
      "script",        "shared",            "start",            "table",            "then",
      "type",          "v128",              "i31",              "any",              "eq",
      "struct",        "array",             "exn",              "tag",              "rec",
      "assert_exception", "exnref",        "catch",            "catch_ref",        "catch_all",
      "catch_all_ref",
  };
  if (ir::findOpcodeByName(word) != nullptr) return true;
  for (std::string_view key : {std::string_view("offset="), std::string_view("align=")}) {
    uint64_t v = 0;
    if (word.substr(0, key.size()) == key) return parseUnsigned(word.substr(key.size()), 64, &v) != LiteralStatus::NotANumber;
  }
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

size_t countLiteralAtoms(const std::vector<Token>& tokens, size_t pos) {
  size_t n = 0;
  while (pos + n < tokens.size() && tokens[pos + n].kind == TokenKind::Atom &&
         (isNumberSyntax(tokens[pos + n].text) || !isKeyword(tokens[pos + n].text)))
    ++n;
  return n;
}

Error unexpectedAtom(const Token& atom) {
  if (isKeyword(atom.text) || isNumberSyntax(atom.text)) return textError(atom, "unexpected token " + atom.text);
  return textError(atom, "unknown operator " + atom.text);
}

Error Cursor::unexpected() const {
  const Token& t = peek();
  if (t.kind == TokenKind::Eof) return textError(t, "unexpected end of input");
  if (t.kind == TokenKind::RParen) return textError(t, "unexpected token )");
  if (t.kind == TokenKind::LParen) return textError(t, "unexpected token (");
  if (t.kind == TokenKind::String) return textError(t, "unexpected token: string");
  if (t.kind == TokenKind::Id) return textError(t, "unexpected token $" + t.text);
  return unexpectedAtom(t);
}

Result<void> Cursor::expect(TokenKind kind) {
  if (!peekIs(kind)) return unexpected();
  next();
  return {};
}

Result<void> Cursor::expectAtom(std::string_view word) {
  if (!peekAtom(word)) return error("expected " + std::string(word));
  next();
  return {};
}

Result<void> Cursor::expectOpen(std::string_view word) {
  if (!peekOpen(word)) {
    // The spec reports the token that is there; ours also says what was wanted.
    Error e = Cursor(*tokens_, peekIs(TokenKind::LParen) ? pos_ + 1 : pos_).unexpected();
    e.message += " (expected (" + std::string(word) + ")";
    return e;
  }
  next();
  next();
  return {};
}

Result<std::string> Cursor::expectString() {
  if (!peekIs(TokenKind::String)) return error("expected a string");
  return next().text;
}

}  // namespace wasmcap::text
