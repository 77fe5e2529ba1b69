// WAST scripts: the commands of the spec test format. Text modules are
// encoded here, so the runner only sees bytes (or quoted text it must parse).
#include "text/cursor.h"
#include "text/lexer.h"
#include "text/number_literal.h"
#include "text/parse_helpers.h"
#include "text/script.h"
#include "text/wat.h"
#include "text/wat_parser.h"

namespace wasmcap::text {
namespace {

using Kind = ScriptCommand::Kind;

class WastParser {
 public:
  explicit WastParser(const std::vector<Token>& tokens) : tokens_(tokens), cur_(tokens, 0) {}

  Result<Script> run() {
    Script script;
    // A script may also be just the fields of one module.
    static constexpr std::string_view kFields[] = {"type", "import", "func", "table", "memory",
                                                   "global", "export", "start", "elem", "data"};
    for (std::string_view field : kFields) {
      if (!cur_.peekOpen(field)) continue;
      ScriptCommand cmd;
      cmd.line = cur_.peek().line;
      cmd.hasModule = true;
      auto bytes = encodeModuleFields(tokens_, 0, std::nullopt);
      if (bytes) cmd.module.bytes = std::move(*bytes);
      else cmd.module.textError = std::move(bytes).error();
      script.commands.push_back(std::move(cmd));
      return script;
    }
    while (!cur_.atEnd()) {
      if (!cur_.peekIs(TokenKind::LParen)) return cur_.unexpected();
      if (!cur_.isClosed(cur_.pos())) return cur_.error("unclosed command");
      WASMCAP_TRY_ASSIGN(ScriptCommand cmd, parseCommand());
      script.commands.push_back(std::move(cmd));
    }
    return script;
  }

 private:
  Result<ScriptCommand> parseCommand() {
    ScriptCommand cmd;
    cmd.line = cur_.peek().line;
    std::string_view kw = cur_.peekOpenKeyword();
    if (kw == "module") {
      cmd.kind = Kind::Module;
      cmd.hasModule = true;
      WASMCAP_TRY_ASSIGN(cmd.module, parseModule(/*keepQuote=*/false));
      return cmd;
    }
    if (kw == "invoke" || kw == "get") {
      cmd.kind = Kind::Action;
      WASMCAP_TRY_ASSIGN(cmd.action, parseAction());
      return cmd;
    }
    cur_.next();
    cur_.next();
    if (kw == "register") {
      cmd.kind = Kind::Register;
      WASMCAP_TRY_ASSIGN(cmd.registerName, cur_.expectString());
      if (cur_.peekIs(TokenKind::Id)) cmd.action.moduleId = cur_.next().text;
    } else if (kw == "assert_return") {
      cmd.kind = Kind::AssertReturn;
      WASMCAP_TRY_ASSIGN(cmd.action, parseAction());
      while (cur_.peekIs(TokenKind::LParen)) {
        if (cur_.peekOpen("either")) {
          cur_.next();
          cur_.next();
          while (cur_.peekIs(TokenKind::LParen)) {
            WASMCAP_TRY_ASSIGN(ScriptExpected e, parseExpected());
            cmd.alternatives.push_back({std::move(e)});
          }
          WASMCAP_TRY(cur_.expect(TokenKind::RParen));
        } else {
          WASMCAP_TRY_ASSIGN(ScriptExpected e, parseExpected());
          cmd.expected.push_back(std::move(e));
        }
      }
    } else if (kw == "assert_trap") {
      cmd.kind = Kind::AssertTrap;
      if (cur_.peekOpen("module")) {
        cmd.hasModule = true;
        WASMCAP_TRY_ASSIGN(cmd.module, parseModule(false));
      } else {
        WASMCAP_TRY_ASSIGN(cmd.action, parseAction());
      }
      WASMCAP_TRY_ASSIGN(cmd.message, cur_.expectString());
    } else if (kw == "assert_exception") {
      cmd.kind = Kind::AssertException;
      WASMCAP_TRY_ASSIGN(cmd.action, parseAction());
    } else if (kw == "assert_exhaustion") {
      cmd.kind = Kind::AssertExhaustion;
      WASMCAP_TRY_ASSIGN(cmd.action, parseAction());
      WASMCAP_TRY_ASSIGN(cmd.message, cur_.expectString());
    } else if (kw == "assert_malformed" || kw == "assert_invalid" || kw == "assert_unlinkable" ||
               kw == "assert_uninstantiable") {
      cmd.kind = kw == "assert_malformed"  ? Kind::AssertMalformed
                 : kw == "assert_invalid"  ? Kind::AssertInvalid
                 : kw == "assert_unlinkable" ? Kind::AssertUnlinkable
                                             : Kind::AssertUninstantiable;
      cmd.hasModule = true;
      bool keepQuote = cmd.kind == Kind::AssertMalformed || cmd.kind == Kind::AssertInvalid;
      WASMCAP_TRY_ASSIGN(cmd.module, parseModule(keepQuote));
      WASMCAP_TRY_ASSIGN(cmd.message, cur_.expectString());
    } else {
      return textError(tokens_[cur_.pos() - 1], "unknown script command " + std::string(kw));
    }
    WASMCAP_TRY(cur_.expect(TokenKind::RParen));
    return cmd;
  }

  Result<ScriptModule> parseModule(bool keepQuote) {
    ScriptModule mod;
    size_t open = cur_.pos();
    WASMCAP_TRY(cur_.expectOpen("module"));
    if (cur_.peekAtom("definition")) {
      cur_.next();
      mod.definitionOnly = true;
    }
    mod.id = takeOptionalId(cur_);
    if (cur_.peekAtom("binary") || cur_.peekAtom("quote")) {
      bool quote = cur_.next().text == "quote";
      std::string text;
      while (cur_.peekIs(TokenKind::String)) text += cur_.next().text;
      WASMCAP_TRY(cur_.expect(TokenKind::RParen));
      if (!quote) {
        mod.bytes.assign(text.begin(), text.end());
      } else if (keepQuote) {
        mod.form = ScriptModule::Form::Quote;
        mod.quote = std::move(text);
      } else {
        auto bytes = watToBinary(text);
        if (bytes) mod.bytes = std::move(*bytes);
        else mod.textError = std::move(bytes).error();
      }
      return mod;
    }
    auto bytes = encodeModuleFields(tokens_, cur_.pos(), mod.id);
    if (bytes) mod.bytes = std::move(*bytes);
    else mod.textError = std::move(bytes).error();
    cur_.seek(cur_.matchingClose(open));
    return mod;
  }

  Result<ScriptAction> parseAction() {
    ScriptAction action;
    if (cur_.peekOpen("invoke")) {
      action.kind = ScriptAction::Kind::Invoke;
    } else if (cur_.peekOpen("get")) {
      action.kind = ScriptAction::Kind::Get;
    } else {
      return cur_.error("expected an action (invoke or get)");
    }
    cur_.next();
    cur_.next();
    if (cur_.peekIs(TokenKind::Id)) action.moduleId = cur_.next().text;
    WASMCAP_TRY_ASSIGN(action.field, cur_.expectString());
    while (action.kind == ScriptAction::Kind::Invoke && cur_.peekIs(TokenKind::LParen)) {
      WASMCAP_TRY_ASSIGN(ScriptConst c, parseConst());
      action.args.push_back(c);
    }
    WASMCAP_TRY(cur_.expect(TokenKind::RParen));
    return action;
  }

  // A number token for a scalar constant of `type`; NaN patterns allowed when
  // `nan` is non-null (expected results).
  Result<uint64_t> parseScalar(ir::TypeCode type, unsigned bits, NanPattern* nan) {
    if (!cur_.peekIs(TokenKind::Atom)) return cur_.unexpected();
    const Token& t = cur_.next();
    bool isFloat = type == ir::TypeCode::F32 || type == ir::TypeCode::F64;
    if (isFloat && nan && (t.text == "nan:canonical" || t.text == "nan:arithmetic")) {
      *nan = t.text == "nan:canonical" ? NanPattern::Canonical : NanPattern::Arithmetic;
      return uint64_t(0);
    }
    uint64_t value = 0;
    LiteralStatus st;
    if (type == ir::TypeCode::F32) {
      uint32_t b = 0;
      st = parseFloat32(t.text, &b);
      value = b;
    } else if (type == ir::TypeCode::F64) {
      st = parseFloat64(t.text, &value);
    } else {
      st = parseInteger(t.text, bits, &value);
    }
    if (st == LiteralStatus::OutOfRange) return textError(t, "constant out of range");
    if (st != LiteralStatus::Ok) {
      Error e = unexpectedAtom(t);
      e.message += " (expected a number)";
      return e;
    }
    return value;
  }

  struct V128Shape {
    unsigned laneBits = 0;
    bool isFloat = false;
  };

  Result<V128Shape> parseShape() {
    if (!cur_.peekIs(TokenKind::Atom)) return cur_.unexpected();
    const Token& t = cur_.next();
    if (t.text == "i8x16") return V128Shape{8, false};
    if (t.text == "i16x8") return V128Shape{16, false};
    if (t.text == "i32x4") return V128Shape{32, false};
    if (t.text == "i64x2") return V128Shape{64, false};
    if (t.text == "f32x4") return V128Shape{32, true};
    if (t.text == "f64x2") return V128Shape{64, true};
    return textError(t, "unexpected token " + t.text + " (expected a v128 shape)");
  }

  ir::TypeCode laneType(V128Shape s) {
    if (s.isFloat) return s.laneBits == 32 ? ir::TypeCode::F32 : ir::TypeCode::F64;
    return s.laneBits == 64 ? ir::TypeCode::I64 : ir::TypeCode::I32;
  }

  Result<ScriptConst> parseConst() {
    ScriptConst c;
    WASMCAP_TRY(cur_.expect(TokenKind::LParen));
    if (!cur_.peekIs(TokenKind::Atom)) return cur_.unexpected();
    const Token& kw = cur_.next();
    if (kw.text == "i32.const" || kw.text == "i64.const" || kw.text == "f32.const" || kw.text == "f64.const") {
      c.type = *valTypeFromKeyword(std::string_view(kw.text).substr(0, 3));
      WASMCAP_TRY_ASSIGN(c.bits, parseScalar(c.type.code, kw.text[1] == '3' ? 32 : 64, nullptr));
    } else if (kw.text == "v128.const") {
      c.type = ir::ValType::v128();
      WASMCAP_TRY_ASSIGN(V128Shape shape, parseShape());
      unsigned bytesPerLane = shape.laneBits / 8;
      for (unsigned lane = 0; lane < 16 / bytesPerLane; ++lane) {
        WASMCAP_TRY_ASSIGN(uint64_t v, parseScalar(laneType(shape), shape.laneBits, nullptr));
        for (unsigned b = 0; b < bytesPerLane; ++b) c.v128[lane * bytesPerLane + b] = static_cast<uint8_t>(v >> (8 * b));
      }
    } else if (kw.text == "ref.null") {
      WASMCAP_TRY_ASSIGN(c.type, parseHeapType());
      c.refNull = true;
    } else if (kw.text == "ref.extern") {
      c.type = ir::ValType::externref();
      WASMCAP_TRY_ASSIGN(c.externIndex, parseU32(cur_));
    } else {
      return textError(kw, "unknown constant " + kw.text);
    }
    WASMCAP_TRY(cur_.expect(TokenKind::RParen));
    return c;
  }

  Result<ir::ValType> parseHeapType() {
    if (cur_.peekAtom("func")) {
      cur_.next();
      return ir::ValType::funcref();
    }
    if (cur_.peekAtom("extern")) {
      cur_.next();
      return ir::ValType::externref();
    }
    if (cur_.peekAtom("exn")) {
      cur_.next();
      return ir::ValType::exnref();
    }
    if (peekIndex(cur_)) {  // a module's type: a function reference
      cur_.next();
      return ir::ValType::funcref();
    }
    return cur_.unexpected();
  }

  Result<ScriptExpected> parseExpected() {
    ScriptExpected e;
    WASMCAP_TRY(cur_.expect(TokenKind::LParen));
    if (!cur_.peekIs(TokenKind::Atom)) return cur_.unexpected();
    const Token& kw = cur_.next();
    if (kw.text == "i32.const" || kw.text == "i64.const" || kw.text == "f32.const" || kw.text == "f64.const") {
      e.type = *valTypeFromKeyword(std::string_view(kw.text).substr(0, 3));
      WASMCAP_TRY_ASSIGN(e.bits, parseScalar(e.type.code, kw.text[1] == '3' ? 32 : 64, &e.nan));
    } else if (kw.text == "v128.const") {
      e.type = ir::ValType::v128();
      WASMCAP_TRY_ASSIGN(V128Shape shape, parseShape());
      e.laneBits = static_cast<uint8_t>(shape.laneBits);
      e.laneIsFloat = shape.isFloat;
      for (unsigned lane = 0; lane < 128 / shape.laneBits; ++lane) {
        NanPattern nan = NanPattern::None;
        WASMCAP_TRY_ASSIGN(uint64_t v, parseScalar(laneType(shape), shape.laneBits, &nan));
        e.laneValues.push_back(v);
        e.laneNans.push_back(nan);
      }
    } else if (kw.text == "ref.null") {
      e.refNull = true;
      if (cur_.peekIs(TokenKind::RParen)) {
        e.type = ir::ValType::funcref();
        e.anyRefKind = true;
      } else {
        WASMCAP_TRY_ASSIGN(e.type, parseHeapType());
      }
    } else if (kw.text == "ref.func") {
      e.type = ir::ValType::funcref();
      e.refAnyFunc = true;
      if (peekIndex(cur_)) cur_.next();  // a specific function is not checked
    } else if (kw.text == "ref.extern") {
      e.type = ir::ValType::externref();
      if (cur_.peekIs(TokenKind::Atom)) {
        WASMCAP_TRY_ASSIGN(uint32_t index, parseU32(cur_));
        e.externIndex = index;
      }
    } else {
      return textError(kw, "unknown result pattern " + kw.text);
    }
    WASMCAP_TRY(cur_.expect(TokenKind::RParen));
    return e;
  }

  const std::vector<Token>& tokens_;
  Cursor cur_;
};

}  // namespace

Result<Script> parseWast(std::string_view text) {
  WASMCAP_TRY_ASSIGN(std::vector<Token> tokens, tokenize(text));
  return WastParser(tokens).run();
}

}  // namespace wasmcap::text
