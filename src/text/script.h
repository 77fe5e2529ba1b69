// WAST scripts: the spec test format. parseWast turns a script into commands;
// modules written in text are already encoded to binary here, so the runner
// only ever sees bytes (or quoted text to parse, for assert_malformed).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/types.h"
#include "util/result.h"

namespace wasmcap::text {

// A constant argument: (i32.const 1), (f32.const nan:0x200000), (v128.const i16x8 ...),
// (ref.null func), (ref.extern 7).
struct ScriptConst {
  ir::ValType type;
  uint64_t bits = 0;       // i32 (zero-extended), i64, f32 bits, f64 bits
  uint8_t v128[16] = {};   // v128, little endian
  bool refNull = false;    // ref.null
  uint32_t externIndex = 0;  // ref.extern N (when !refNull)
};

enum class NanPattern : uint8_t { None, Canonical, Arithmetic };

// An expected result of assert_return.
struct ScriptExpected {
  ir::ValType type;
  NanPattern nan = NanPattern::None;  // f32/f64: nan:canonical / nan:arithmetic
  uint64_t bits = 0;                  // exact i32/i64/f32/f64 bits
  // v128: `lanes` lane patterns of `laneBits` bits each (8/16/32/64); a lane is
  // either exact (laneValues) or a NaN pattern (float shapes only).
  uint8_t laneBits = 0;
  bool laneIsFloat = false;
  std::vector<uint64_t> laneValues;
  std::vector<NanPattern> laneNans;
  // References.
  bool refNull = false;              // (ref.null func|extern)
  bool anyRefKind = false;           // (ref.null) without a heap type: a null of any reference type
  bool refAnyFunc = false;           // (ref.func): any non-null funcref
  std::optional<uint32_t> externIndex;  // (ref.extern N)
};

struct ScriptModule {
  enum class Form : uint8_t { Binary, Quote } form = Form::Binary;
  std::optional<std::string> id;   // $name given to the module
  std::vector<uint8_t> bytes;      // Binary (text modules are encoded already)
  std::string quote;               // Quote: the text, to be parsed by watToBinary
  std::optional<Error> textError;  // a text module that failed to parse
  bool definitionOnly = false;     // (module definition ...) (3.0), not instantiated
};

struct ScriptAction {
  enum class Kind : uint8_t { Invoke, Get } kind = Kind::Invoke;
  std::optional<std::string> moduleId;  // $name, or the current module
  std::string field;                    // export name (UTF-8, escapes decoded)
  std::vector<ScriptConst> args;
};

struct ScriptCommand {
  enum class Kind : uint8_t {
    Module,               // module
    Register,             // register "name" $id?  (registerName, action.moduleId)
    Action,               // a bare invoke/get
    AssertReturn,         // action, expected (any of `alternatives` if non-empty: (either ...))
    AssertTrap,           // action or module (hasModule), message
    AssertExhaustion,     // action, message
    AssertException,      // action: it ends with an uncaught wasm exception
    AssertMalformed,      // module, message
    AssertInvalid,        // module, message
    AssertUnlinkable,     // module, message
    AssertUninstantiable, // module, message
  } kind = Kind::Module;
  uint32_t line = 0;

  ScriptModule module;
  bool hasModule = false;
  ScriptAction action;
  std::vector<ScriptExpected> expected;
  std::vector<std::vector<ScriptExpected>> alternatives;  // (either r1 r2 ...)
  std::string message;       // expected failure text
  std::string registerName;  // Register
};

struct Script {
  std::vector<ScriptCommand> commands;
};

// Parse a .wast script. A syntax error outside any module is fatal for the
// script (returned as an error with line:column); a text module that fails to
// parse is recorded in ScriptModule::textError so the runner can report it.
Result<Script> parseWast(std::string_view text);

}  // namespace wasmcap::text
