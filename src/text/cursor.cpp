#include "text/cursor.h"

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

Error Cursor::unexpected() const {
  const Token& t = peek();
  if (t.kind == TokenKind::Eof) return textError(t, "unexpected end of input");
  if (t.kind == TokenKind::RParen) return textError(t, "unexpected token )");
  if (t.kind == TokenKind::LParen) return textError(t, "unexpected token (");
  if (t.kind == TokenKind::String) return textError(t, "unexpected token: string");
  if (t.kind == TokenKind::Id) return textError(t, "unexpected token $" + t.text);
  return textError(t, "unexpected token " + t.text);
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
  if (!peekOpen(word)) return error("expected (" + std::string(word));
  next();
  next();
  return {};
}

Result<std::string> Cursor::expectString() {
  if (!peekIs(TokenKind::String)) return error("expected a string");
  return next().text;
}

}  // namespace wasmcap::text
