// A cursor over a range of tokens, with the small matching helpers the
// recursive-descent parsers share.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexer.h"
#include "util/result.h"

namespace wasmcap::text {

// The number of literal-like atoms from `pos` on: numbers and unknown words
// (not keywords), as the spec counts the lanes of a v128 constant.
size_t countLiteralAtoms(const std::vector<Token>& tokens, size_t pos);

// True for a keyword of the text or script format (instruction names, types,
// field and clause names), as opposed to an unknown word.
bool isKeyword(std::string_view word);

// The error for an atom that does not fit where it stands: "unexpected token X"
// for a keyword or well-formed number (the spec's parse error), "unknown
// operator X" for any other run of id characters (the spec's lexical error).
Error unexpectedAtom(const Token& atom);

class Cursor {
 public:
  // Tokens from `pos` up to the final Eof token of `tokens`. Nested forms are
  // delimited by their parentheses, so no other end is needed.
  Cursor(const std::vector<Token>& tokens, size_t pos)
      : tokens_(&tokens), pos_(pos), end_(tokens.size() - 1) {}

  const std::vector<Token>& tokens() const { return *tokens_; }
  size_t pos() const { return pos_; }
  size_t end() const { return end_; }
  void seek(size_t pos) { pos_ = pos; }
  bool atEnd() const { return pos_ >= end_; }

  // The token k places ahead (the Eof token past the end).
  const Token& peek(size_t k = 0) const {
    size_t i = pos_ + k;
    return (*tokens_)[i < end_ ? i : end_];
  }
  bool peekIs(TokenKind kind, size_t k = 0) const { return pos_ + k < end_ && peek(k).kind == kind; }
  bool peekAtom(std::string_view word, size_t k = 0) const {
    return peekIs(TokenKind::Atom, k) && peek(k).text == word;
  }
  // "(" followed by the keyword `word`.
  bool peekOpen(std::string_view word) const { return peekIs(TokenKind::LParen) && peekAtom(word, 1); }
  // "(" followed by any atom; returns that atom's text or "" .
  std::string_view peekOpenKeyword() const {
    return peekIs(TokenKind::LParen) && peekIs(TokenKind::Atom, 1) ? std::string_view(peek(1).text) : std::string_view();
  }

  const Token& next() {
    const Token& t = peek();
    if (pos_ < end_) ++pos_;
    return t;
  }

  // Index just past the ')' matching the '(' at `open`.
  // (The Eof position when the form is never closed; see isClosed.)
  size_t matchingClose(size_t open) const;
  bool isClosed(size_t open) const;

  Error error(std::string message) const { return textError(peek(), std::move(message)); }
  Error unexpected() const;

  Result<void> expect(TokenKind kind);
  Result<void> expectAtom(std::string_view word);
  Result<void> expectOpen(std::string_view word);  // "(" word
  Result<std::string> expectString();

 private:
  const std::vector<Token>* tokens_;
  size_t pos_, end_;
};

}  // namespace wasmcap::text
