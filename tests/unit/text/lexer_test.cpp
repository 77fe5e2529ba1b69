#include "text/lexer.h"

#include <gtest/gtest.h>

namespace wasmcap::text {
namespace {

std::vector<Token> lex(std::string_view src) {
  auto r = tokenize(src);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : std::vector<Token>{};
}

TEST(Lexer, TokenKindsAndPositions) {
  auto toks = lex("(module $m\n  (func \"a\\n\"))");
  ASSERT_EQ(toks.size(), 9u);
  EXPECT_EQ(toks[0].kind, TokenKind::LParen);
  EXPECT_EQ(toks[1].kind, TokenKind::Atom);
  EXPECT_EQ(toks[1].text, "module");
  EXPECT_EQ(toks[2].kind, TokenKind::Id);
  EXPECT_EQ(toks[2].text, "m");
  EXPECT_EQ(toks[3].line, 2u);
  EXPECT_EQ(toks[3].column, 3u);
  EXPECT_EQ(toks[5].kind, TokenKind::String);
  EXPECT_EQ(toks[5].text, "a\n");
  EXPECT_EQ(toks[8].kind, TokenKind::Eof);
}

TEST(Lexer, CommentsNestAndVanish) {
  auto toks = lex("(; outer (; inner ;) still comment ;) a ;; line comment\n b (;;) c");
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[0].text, "a");
  EXPECT_EQ(toks[1].text, "b");
  EXPECT_EQ(toks[1].line, 2u);
  EXPECT_EQ(toks[2].text, "c");
}

TEST(Lexer, LineCommentEndsAtCarriageReturnToo) {
  auto toks = lex(";; comment\rx ;; comment\r\ny");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0].text, "x");
  EXPECT_EQ(toks[1].text, "y");
}

TEST(Lexer, UnclosedBlockCommentIsAnError) {
  auto r = tokenize("a (; (; ;) b");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Malformed);
  EXPECT_EQ(r.error().line, 1u);
  EXPECT_EQ(r.error().column, 3u);
}

TEST(Lexer, StringEscapes) {
  auto toks = lex(R"("\t\n\r\"\'\\\41\u{41}\u{e9}\u{1F600}")");
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].text, "\t\n\r\"'\\AA\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(Lexer, HexEscapeMayProduceAnyByte) {
  auto toks = lex(R"("\00\ff")");
  ASSERT_EQ(toks[0].text.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(toks[0].text[0]), 0x00);
  EXPECT_EQ(static_cast<unsigned char>(toks[0].text[1]), 0xFF);
}

TEST(Lexer, BadStringsAreRejected) {
  EXPECT_FALSE(tokenize(R"("\q")").ok());          // unknown escape
  EXPECT_FALSE(tokenize(R"("\4")").ok());          // one hex digit
  EXPECT_FALSE(tokenize(R"("\u{D800}")").ok());    // surrogate
  EXPECT_FALSE(tokenize(R"("\u{110000}")").ok());  // beyond Unicode
  EXPECT_FALSE(tokenize("\"abc").ok());            // unterminated
  EXPECT_FALSE(tokenize("\"a\tb\"").ok());          // raw control character
}

TEST(Lexer, TokensNeedSeparators) {
  EXPECT_FALSE(tokenize("(data\"a\")").ok());
  EXPECT_FALSE(tokenize("(data $l\"a\")").ok());
  EXPECT_FALSE(tokenize("\"a\"\"b\"").ok());
  EXPECT_TRUE(tokenize("(func(nop)nop)").ok());
}

TEST(Lexer, IdCharactersFormOneToken) {
  auto toks = lex("i32.const0 0$x offset=0x10 $a!#%&'*+-./:<=>?@\\^_`|~");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[0].text, "i32.const0");
  EXPECT_EQ(toks[1].text, "0$x");
  EXPECT_EQ(toks[2].text, "offset=0x10");
  EXPECT_EQ(toks[3].kind, TokenKind::Id);
  EXPECT_EQ(toks[3].text, "a!#%&'*+-./:<=>?@\\^_`|~");
}

TEST(Lexer, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8("plain \xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xC0\x80"));          // overlong
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(isValidUtf8("\x80"));              // stray continuation
}

}  // namespace
}  // namespace wasmcap::text
