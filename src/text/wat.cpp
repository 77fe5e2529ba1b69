#include "text/wat.h"

#include "text/cursor.h"
#include "text/lexer.h"
#include "text/parse_helpers.h"
#include "text/wat_parser.h"

namespace wasmcap::text {

Result<std::vector<uint8_t>> watToBinary(std::string_view text) {
  WASMCAP_TRY_ASSIGN(std::vector<Token> tokens, tokenize(text));
  Cursor cur(tokens, 0);
  if (!cur.peekOpen("module")) {
    // The bare form: module fields without the (module ...) wrapper.
    WASMCAP_TRY_ASSIGN(Bytes bytes, encodeModuleFields(tokens, 0, std::nullopt));
    Cursor after(tokens, 0);
    while (after.peekIs(TokenKind::LParen)) after.seek(after.matchingClose(after.pos()));
    if (!after.atEnd()) return after.unexpected();
    return bytes;
  }
  cur.next();
  cur.next();
  std::optional<std::string> name = takeOptionalId(cur);
  if (cur.peekAtom("binary") || cur.peekAtom("quote"))
    return cur.error("a module text may not be binary or quote here");
  size_t fieldsPos = cur.pos();
  if (!cur.isClosed(0)) return textError(tokens.back(), "unexpected end of input (unclosed module)");
  cur.seek(cur.matchingClose(0));
  if (!cur.atEnd()) return cur.unexpected();
  return encodeModuleFields(tokens, fieldsPos, std::move(name));
}

}  // namespace wasmcap::text
