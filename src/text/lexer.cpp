#include "text/lexer.h"

namespace wasmcap::text {
namespace {

bool isIdChar(unsigned char c) {
  if (c < 0x21 || c > 0x7E) return false;
  switch (c) {
    case '"': case ',': case ';': case '(': case ')': case '[': case ']': case '{': case '}':
      return false;
    default:
      return true;
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    while (true) {
      WASMCAP_TRY(skipSpaceAndComments());
      Token tok;
      tok.line = line_;
      tok.column = column();
      tok.begin = static_cast<uint32_t>(pos_);
      if (pos_ >= src_.size()) {
        tok.kind = TokenKind::Eof;
        tok.end = tok.begin;
        tokens.push_back(std::move(tok));
        return tokens;
      }
      char c = src_[pos_];
      if (c == '(') {
        tok.kind = TokenKind::LParen;
        ++pos_;
      } else if (c == ')') {
        tok.kind = TokenKind::RParen;
        ++pos_;
      } else if (c == '"') {
        tok.kind = TokenKind::String;
        WASMCAP_TRY(readString(tok));
      } else if (isIdChar(static_cast<unsigned char>(c))) {
        size_t start = pos_;
        while (pos_ < src_.size() && isIdChar(static_cast<unsigned char>(src_[pos_]))) ++pos_;
        std::string_view word = src_.substr(start, pos_ - start);
        if (word[0] == '$' && word.size() > 1) {
          tok.kind = TokenKind::Id;
          tok.text = std::string(word.substr(1));
        } else {
          tok.kind = TokenKind::Atom;
          tok.text = std::string(word);
        }
      } else {
        return here("unexpected character");
      }
      tok.end = static_cast<uint32_t>(pos_);
      if (tok.kind != TokenKind::LParen && tok.kind != TokenKind::RParen && !atSeparator())
        // The spec lexes such a run as one reserved token: an unknown operator
        // (reported where the run begins).
        return Error(ErrorCode::Malformed, "unknown operator (tokens must be separated by white space or parentheses)")
            .atText(tok.line, tok.column);
      tokens.push_back(std::move(tok));
    }
  }

 private:
  uint32_t column() const { return static_cast<uint32_t>(pos_ - lineStart_) + 1; }

  Error here(std::string msg) const {
    return Error(ErrorCode::Malformed, std::move(msg)).atText(line_, column());
  }

  // After an atom, id or string: white space, a parenthesis, a comment or the end.
  bool atSeparator() const {
    if (pos_ >= src_.size()) return true;
    char c = src_[pos_];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' ||
           (c == ';' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';');
  }

  void newline() {
    ++line_;
    lineStart_ = pos_;
  }

  Result<void> skipSpaceAndComments() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '\n') {
        ++pos_;
        newline();
      } else if (c == ';' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';') {
        // A line comment ends at a line feed or a carriage return.
        while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
      } else if (c == '(' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';') {
        WASMCAP_TRY(skipBlockComment());
      } else {
        break;
      }
    }
    return {};
  }

  // Block comments nest: "(; (; ;) ;)".
  Result<void> skipBlockComment() {
    uint32_t startLine = line_, startCol = column();
    int depth = 0;
    while (pos_ < src_.size()) {
      if (src_.compare(pos_, 2, "(;") == 0) {
        ++depth;
        pos_ += 2;
      } else if (src_.compare(pos_, 2, ";)") == 0) {
        pos_ += 2;
        if (--depth == 0) return {};
      } else if (src_[pos_] == '\n') {
        ++pos_;
        newline();
      } else {
        ++pos_;
      }
    }
    return Error(ErrorCode::Malformed, "unclosed block comment").atText(startLine, startCol);
  }

  Result<void> readString(Token& tok) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= src_.size()) return Error(ErrorCode::Malformed, "unclosed string").atText(tok.line, tok.column);
      unsigned char c = static_cast<unsigned char>(src_[pos_]);
      if (c == '"') {
        ++pos_;
        return {};
      }
      if (c == '\n') return here("unclosed string (newline in string)");
      if (c < 0x20 || c == 0x7F) return here("illegal control character in string");
      if (c != '\\') {
        tok.text += static_cast<char>(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= src_.size()) return here("unclosed string");
      char e = src_[pos_ + 1];
      switch (e) {
        case 't': tok.text += '\t'; pos_ += 2; break;
        case 'n': tok.text += '\n'; pos_ += 2; break;
        case 'r': tok.text += '\r'; pos_ += 2; break;
        case '"': tok.text += '"'; pos_ += 2; break;
        case '\'': tok.text += '\''; pos_ += 2; break;
        case '\\': tok.text += '\\'; pos_ += 2; break;
        case 'u': WASMCAP_TRY(readUnicodeEscape(tok)); break;
        default: {
          int hi = hexValue(e);
          int lo = pos_ + 2 < src_.size() ? hexValue(src_[pos_ + 2]) : -1;
          if (hi < 0 || lo < 0) return here("illegal escape in string");
          tok.text += static_cast<char>(hi * 16 + lo);
          pos_ += 3;
        }
      }
    }
  }

  // \u{hex+}: a Unicode scalar value, stored as UTF-8.
  Result<void> readUnicodeEscape(Token& tok) {
    size_t p = pos_ + 2;
    if (p >= src_.size() || src_[p] != '{') return here("illegal escape in string");
    ++p;
    uint32_t cp = 0;
    size_t digits = 0;
    bool lastUnderscore = false;
    while (p < src_.size() && src_[p] != '}') {
      if (src_[p] == '_' && digits > 0 && !lastUnderscore) {
        lastUnderscore = true;
        ++p;
        continue;
      }
      int v = hexValue(src_[p]);
      if (v < 0) return here("illegal escape in string");
      if (cp > 0x10FFFF) return here("illegal escape in string: code point out of range");
      cp = cp * 16 + static_cast<uint32_t>(v);
      ++digits;
      lastUnderscore = false;
      ++p;
    }
    if (p >= src_.size() || digits == 0 || lastUnderscore) return here("illegal escape in string");
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return here("illegal escape in string: not a Unicode scalar value");
    appendUtf8(tok.text, cp);
    pos_ = p + 1;
    return {};
  }

  std::string_view src_;
  size_t pos_ = 0;
  size_t lineStart_ = 0;
  uint32_t line_ = 1;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view source) { return Lexer(source).run(); }

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return false;
    i += len;
  }
  return true;
}

Error textError(const Token& at, std::string message) {
  return Error(ErrorCode::Malformed, std::move(message)).atText(at.line, at.column);
}

}  // namespace wasmcap::text
