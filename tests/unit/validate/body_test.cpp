// Function bodies: the operand/control stack algorithm and the per-instruction rules.
#include <gtest/gtest.h>

#include "module_builder.h"

namespace wasmcap::validate::testing {
namespace {

constexpr uint8_t END = 0x0B;

// A module with one function [params] -> [results] and the given body.
ir::Module one(std::vector<ValType> params, std::vector<ValType> results, Bytes body,
               std::vector<ValType> locals = {}) {
  ModuleBuilder b;
  b.func(std::move(params), std::move(results), std::move(body), std::move(locals));
  return b.module();
}

TEST(ValidateBody, EmptyFunction) { EXPECT_TRUE(isValid(one({}, {}, {END}))); }

TEST(ValidateBody, ArithmeticFromTheOpcodeTable) {
  EXPECT_TRUE(isValid(one({}, {I32}, {0x41, 0x01, 0x41, 0x02, 0x6A, END})));                    // i32.add
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x01, 0x42, 0x02, 0x6A, END}), "type mismatch"));  // i32 + i64
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x01, 0x6A, END}), "type mismatch"));              // one operand
  EXPECT_TRUE(isInvalid(one({}, {I64}, {0x41, 0x01, END}), "type mismatch"));                    // wrong result
  EXPECT_TRUE(isInvalid(one({}, {}, {0x41, 0x01, END}), "type mismatch"));                       // leftover value
  EXPECT_TRUE(isInvalid(one({}, {I32}, {END}), "type mismatch"));                                // missing result
}

TEST(ValidateBody, ErrorCarriesOffsetAndFunction) {
  ModuleBuilder b;
  b.func({}, {}, {END});
  uint32_t f = b.func({}, {}, {0x01, 0x42, 0x00, 0x45, END});  // nop; i64.const 0; i32.eqz
  b.funcName(f, "broken");
  Result<void> r = validateModule(b.module());
  ASSERT_FALSE(r.ok());
  const uint64_t bodyStart = b.module().functions[1].body.offset;
  EXPECT_EQ(r.error().offset, bodyStart + 3);  // the i32.eqz
  EXPECT_NE(r.error().message.find("func[1]"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("broken"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("i32.eqz"), std::string::npos) << r.error().message;
}

TEST(ValidateBody, UnreachableMakesTheStackPolymorphic) {
  EXPECT_TRUE(isValid(one({}, {I32}, {0x00, END})));
  EXPECT_TRUE(isValid(one({}, {I32}, {0x00, 0x6A, END})));          // unreachable; i32.add
  EXPECT_TRUE(isValid(one({}, {}, {0x00, 0x1A, 0x1A, END})));       // drops from the bottom
  EXPECT_TRUE(isValid(one({}, {I64}, {0x00, 0x42, 0x00, 0x7C, END})));
  // The known part of the stack is still typed.
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x00, 0x42, 0x00, 0x6A, END}), "type mismatch"));
  EXPECT_TRUE(isInvalid(one({}, {}, {0x00, 0x41, 0x00, END}), "type mismatch"));
  // Polymorphism ends with the block.
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x02, 0x40, 0x00, END, 0x6A, END}), "type mismatch"));
}

TEST(ValidateBody, BlocksAndLabels) {
  EXPECT_TRUE(isValid(one({}, {I32}, {0x02, 0x7F, 0x41, 0x01, END, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x02, 0x7F, END, END}), "type mismatch"));
  EXPECT_TRUE(isValid(one({}, {I32}, {0x02, 0x7F, 0x41, 0x01, 0x0C, 0x00, END, END})));  // br 0 with value
  EXPECT_TRUE(isInvalid(one({}, {}, {0x02, 0x40, 0x0C, 0x02, END, END}), "unknown label"));
  // br to a loop carries the loop's parameters, not its results.
  ModuleBuilder b;
  uint32_t loopType = b.type({I32}, {});
  b.func({}, {}, {0x41, 0x00, 0x03, static_cast<uint8_t>(loopType), 0x0C, 0x00, END, END});
  EXPECT_TRUE(isValid(b.module()));
  ModuleBuilder c;
  uint32_t lt = c.type({I32}, {});
  c.func({}, {}, {0x41, 0x00, 0x03, static_cast<uint8_t>(lt), 0x1A, 0x0C, 0x00, END, END});
  EXPECT_TRUE(isInvalid(c.module(), "type mismatch"));
}

TEST(ValidateBody, MultiValueBlockTypes) {
  ModuleBuilder b;
  uint32_t t = b.type({I32, I64}, {I64, I32});
  // i32.const; i64.const; block (type t) [i32 i64] -> [i64 i32]: local juggling via drops
  b.func({}, {I64, I32},
         {0x41, 0x01, 0x42, 0x02, 0x02, static_cast<uint8_t>(t), 0x1A, 0x1A, 0x42, 0x03, 0x41, 0x04, END, END});
  EXPECT_TRUE(isValid(b.module()));
  ModuleBuilder c;
  uint32_t u = c.type({I32}, {I32});
  c.func({}, {I32}, {0x42, 0x01, 0x02, static_cast<uint8_t>(u), END, END});  // param must be i32
  EXPECT_TRUE(isInvalid(c.module(), "type mismatch"));
  EXPECT_TRUE(isInvalid(one({}, {}, {0x02, 0x05, END, END}), "unknown type"));
}

TEST(ValidateBody, IfElse) {
  EXPECT_TRUE(isValid(one({}, {I32}, {0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, END, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, END, END}), "type mismatch"));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x42, 0x03, END, END}),
                        "type mismatch"));
  // Without else the results must equal the parameters.
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, END, END}), "type mismatch"));
  ModuleBuilder b;
  uint32_t t = b.type({I32}, {I32});
  b.func({}, {I32}, {0x41, 0x05, 0x41, 0x01, 0x04, static_cast<uint8_t>(t), END, END});
  EXPECT_TRUE(isValid(b.module()));
  // else outside an if is malformed.
  EXPECT_TRUE(isInvalid(one({}, {}, {0x02, 0x40, 0x05, END, END}), "else", ErrorCode::Malformed));
}

TEST(ValidateBody, BrIfAndBrTable) {
  // block (result i32) i32.const 1; i32.const 0; br_if 0 end
  EXPECT_TRUE(isValid(one({}, {I32}, {0x02, 0x7F, 0x41, 0x01, 0x41, 0x00, 0x0D, 0x00, END, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x02, 0x7F, 0x42, 0x01, 0x41, 0x00, 0x0D, 0x00, END, END}), "type mismatch"));
  // block block br_table 0 1 (i32.const 0) end end
  EXPECT_TRUE(isValid(one({}, {}, {0x02, 0x40, 0x02, 0x40, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, END, END, END})));
  EXPECT_TRUE(isInvalid(one({}, {}, {0x02, 0x40, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x03, END, END}), "unknown label"));
  // Targets of different arity: block (result i32) block br_table 0 1
  EXPECT_TRUE(isInvalid(
      one({}, {I32}, {0x02, 0x7F, 0x02, 0x40, 0x41, 0x00, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, END, 0x41, 0x00, END, END}),
      "type mismatch"));
  // After unreachable, targets of the same arity but different types are fine.
  EXPECT_TRUE(isValid(one({}, {I32},
                          {0x02, 0x7F, 0x02, 0x7D, 0x00, 0x0E, 0x01, 0x00, 0x01, END, 0x1A, 0x41, 0x00, END, END})));
  // ... but not when the operand is known.
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x02, 0x7F, 0x02, 0x7D, 0x43, 0, 0, 0, 0, 0x41, 0x00, 0x0E, 0x01, 0x00,
                                        0x01, END, 0x1A, 0x41, 0x00, END, END}),
                        "type mismatch"));
}

TEST(ValidateBody, ReturnAndEndChecks) {
  EXPECT_TRUE(isValid(one({}, {I32}, {0x41, 0x01, 0x0F, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x42, 0x01, 0x0F, END}), "type mismatch"));
  EXPECT_TRUE(isInvalid(one({}, {}, {0x01}), "END opcode expected", ErrorCode::Malformed));
  EXPECT_TRUE(isInvalid(one({}, {}, {END, 0x01}), "section size mismatch", ErrorCode::Malformed));
  EXPECT_TRUE(isInvalid(one({}, {}, {0xFF, END}), "illegal opcode", ErrorCode::Malformed));
}

TEST(ValidateBody, Calls) {
  ModuleBuilder b;
  uint32_t t = b.type({I32, I64}, {F32});
  uint32_t imported = b.importFunc(t);
  b.func({}, {F32}, {0x41, 0x00, 0x42, 0x00, 0x10, static_cast<uint8_t>(imported), END});
  EXPECT_TRUE(isValid(b.module()));
  ModuleBuilder c;
  c.func({}, {}, {0x10, 0x07, END});
  EXPECT_TRUE(isInvalid(c.module(), "unknown function 7"));

  ModuleBuilder d;
  uint32_t dt = d.type({I32}, {I32});
  d.table(FUNCREF, 1);
  d.func({}, {I32}, {0x41, 0x05, 0x41, 0x00, 0x11, static_cast<uint8_t>(dt), 0x00, END});
  EXPECT_TRUE(isValid(d.module()));

  ModuleBuilder e;  // no table
  uint32_t et = e.type({}, {});
  e.func({}, {}, {0x41, 0x00, 0x11, static_cast<uint8_t>(et), 0x00, END});
  EXPECT_TRUE(isInvalid(e.module(), "unknown table"));

  ModuleBuilder f;  // externref table
  uint32_t ft = f.type({}, {});
  f.table(EXTERNREF, 1);
  f.func({}, {}, {0x41, 0x00, 0x11, static_cast<uint8_t>(ft), 0x00, END});
  EXPECT_TRUE(isInvalid(f.module(), "type mismatch"));

  ModuleBuilder g;
  g.table(FUNCREF, 1);
  g.func({}, {}, {0x41, 0x00, 0x11, 0x09, 0x00, END});
  EXPECT_TRUE(isInvalid(g.module(), "unknown type"));
}

TEST(ValidateBody, TailCalls) {
  ModuleBuilder b;
  uint32_t t = b.type({I32, I64}, {F32});
  uint32_t imported = b.importFunc(t);
  b.func({}, {F32}, {0x41, 0x00, 0x42, 0x00, 0x12, static_cast<uint8_t>(imported), END});
  EXPECT_TRUE(isValid(b.module()));
  // Without the feature the opcode does not exist.
  EXPECT_TRUE(isInvalid(b.module(), "illegal opcode 18", ErrorCode::Malformed, Features::wasm2()));

  ModuleBuilder results;  // the callee's results must be the caller's
  uint32_t rt = results.type({}, {I32});
  uint32_t callee = results.importFunc(rt);
  results.func({}, {I64}, {0x12, static_cast<uint8_t>(callee), END});
  EXPECT_TRUE(isInvalid(results.module(), "type mismatch"));

  ModuleBuilder unreachable;  // nothing after it is reached: the stack is polymorphic
  uint32_t ut = unreachable.type({}, {I32});
  uint32_t f = unreachable.importFunc(ut);
  unreachable.func({}, {I32}, {0x12, static_cast<uint8_t>(f), 0x6A, END});  // i32.add on the unknown stack
  EXPECT_TRUE(isValid(unreachable.module()));

  ModuleBuilder d;
  uint32_t dt = d.type({I32}, {I32});
  d.table(FUNCREF, 1);
  d.func({}, {I32}, {0x41, 0x05, 0x41, 0x00, 0x13, static_cast<uint8_t>(dt), 0x00, END});
  EXPECT_TRUE(isValid(d.module()));
  EXPECT_TRUE(isInvalid(d.module(), "illegal opcode 19", ErrorCode::Malformed, Features::wasm2()));
  ModuleBuilder e;
  uint32_t et = e.type({I32}, {I64});
  e.table(FUNCREF, 1);
  e.func({}, {I32}, {0x41, 0x05, 0x41, 0x00, 0x13, static_cast<uint8_t>(et), 0x00, END});
  EXPECT_TRUE(isInvalid(e.module(), "type mismatch"));
}

TEST(ValidateBody, Select) {
  EXPECT_TRUE(isValid(one({}, {F64}, {0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0x01, 0x1B, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x00, 0x42, 0x00, 0x41, 0x01, 0x1B, END}), "type mismatch"));
  // Untyped select on references is invalid; typed select accepts them.
  EXPECT_TRUE(isInvalid(one({}, {}, {0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1B, 0x1A, END}), "type mismatch"));
  EXPECT_TRUE(isValid(one({}, {FUNCREF}, {0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1C, 0x01, 0x70, END})));
  EXPECT_TRUE(isInvalid(one({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x1C, 0x00, END}), "invalid result arity"));
  EXPECT_TRUE(isInvalid(one({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x1C, 0x02, 0x7F, 0x7F, END}),
                        "invalid result arity"));
  // Unknown operands from unreachable code take the other operand's type.
  EXPECT_TRUE(isValid(one({}, {I64}, {0x00, 0x42, 0x00, 0x41, 0x01, 0x1B, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x00, 0x42, 0x00, 0x41, 0x01, 0x1B, END}), "type mismatch"));
}

TEST(ValidateBody, LocalsAndGlobals) {
  EXPECT_TRUE(isValid(one({I32}, {I64}, {0x20, 0x00, 0x21, 0x00, 0x20, 0x01, 0x22, 0x01, END}, {I64})));
  EXPECT_TRUE(isInvalid(one({I32}, {}, {0x20, 0x02, 0x1A, END}, {I64}), "unknown local 2"));
  EXPECT_TRUE(isInvalid(one({I32}, {}, {0x42, 0x00, 0x21, 0x00, END}), "type mismatch"));

  ModuleBuilder b;
  b.global(I32, false, {0x41, 0x00, END});
  b.global(I64, true, {0x42, 0x00, END});
  b.func({}, {I32}, {0x42, 0x07, 0x24, 0x01, 0x23, 0x00, END});
  EXPECT_TRUE(isValid(b.module()));
  ModuleBuilder c;
  c.global(I32, false, {0x41, 0x00, END});
  c.func({}, {}, {0x41, 0x07, 0x24, 0x00, END});
  EXPECT_TRUE(isInvalid(c.module(), "global is immutable"));
  ModuleBuilder d;
  d.global(I32, false, {0x41, 0x00, END});
  d.func({}, {I32}, {0x23, 0x01, END});
  EXPECT_TRUE(isInvalid(d.module(), "unknown global 1"));
}

TEST(ValidateBody, References) {
  EXPECT_TRUE(isValid(one({}, {I32}, {0xD0, 0x6F, 0xD1, END})));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x00, 0xD1, END}), "type mismatch"));
  EXPECT_TRUE(isValid(one({}, {I32}, {0x00, 0xD1, END})));
  EXPECT_TRUE(isInvalid(one({}, {FUNCREF}, {0xD0, 0x6F, END}), "type mismatch"));

  // ref.func needs the function declared outside function bodies.
  ModuleBuilder b;
  uint32_t f = b.func({}, {FUNCREF}, {0xD2, 0x00, END});
  EXPECT_TRUE(isInvalid(b.module(), "undeclared function reference"));
  b.exportAs("f", ir::ExternKind::Func, f);
  EXPECT_TRUE(isValid(b.module()));

  ModuleBuilder c;
  c.func({}, {FUNCREF}, {0xD2, 0x00, END});
  c.elemExprs(ir::SegmentMode::Declarative, FUNCREF, {{0xD2, 0x00, END}});
  EXPECT_TRUE(isValid(c.module()));

  ModuleBuilder d;
  d.global(FUNCREF, false, {0xD2, 0x00, END});
  d.func({}, {FUNCREF}, {0xD2, 0x00, END});
  EXPECT_TRUE(isValid(d.module()));

  ModuleBuilder e;
  e.func({}, {FUNCREF}, {0xD2, 0x03, END});
  EXPECT_TRUE(isInvalid(e.module(), "unknown function 3"));
}

TEST(ValidateBody, TableInstructions) {
  ModuleBuilder b;
  b.table(FUNCREF, 1);
  b.table(EXTERNREF, 1);
  b.elemExprs(ir::SegmentMode::Passive, FUNCREF, {});
  b.func({}, {I32},
         {0x41, 0x00, 0x25, 0x00, 0x1A,                          // table.get 0
          0x41, 0x00, 0xD0, 0x6F, 0x26, 0x01,                    // table.set 1
          0xD0, 0x70, 0x41, 0x01, 0xFC, 0x0F, 0x00, 0x1A,        // table.grow 0
          0x41, 0x00, 0xD0, 0x6F, 0x41, 0x01, 0xFC, 0x11, 0x01,  // table.fill 1
          0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0E, 0x00, 0x00,  // table.copy 0 0
          0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x00,  // table.init 0 0
          0xFC, 0x0D, 0x00,                                      // elem.drop 0
          0xFC, 0x10, 0x01, END});                               // table.size 1
  EXPECT_TRUE(isValid(b.module()));

  ModuleBuilder c;
  c.table(FUNCREF, 1);
  c.func({}, {}, {0x41, 0x00, 0xD0, 0x6F, 0x26, 0x00, END});  // externref into a funcref table
  EXPECT_TRUE(isInvalid(c.module(), "type mismatch"));

  ModuleBuilder d;
  d.table(FUNCREF, 1);
  d.table(EXTERNREF, 1);
  d.func({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0E, 0x00, 0x01, END});  // copy externref -> funcref
  EXPECT_TRUE(isInvalid(d.module(), "type mismatch"));

  ModuleBuilder e;
  e.table(EXTERNREF, 1);
  e.elemExprs(ir::SegmentMode::Passive, FUNCREF, {});
  e.func({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x00, END});  // funcref segment -> externref table
  EXPECT_TRUE(isInvalid(e.module(), "type mismatch"));

  ModuleBuilder f;
  f.func({}, {I32}, {0xFC, 0x10, 0x00, END});
  EXPECT_TRUE(isInvalid(f.module(), "unknown table 0"));
  ModuleBuilder g;
  g.table(FUNCREF, 1);
  g.func({}, {}, {0xFC, 0x0D, 0x04, END});
  EXPECT_TRUE(isInvalid(g.module(), "unknown elem segment 4"));
}

TEST(ValidateBody, MemoryInstructions) {
  ModuleBuilder b;
  b.memory(1);
  b.func({}, {I32},
         {0x41, 0x00, 0x28, 0x02, 0x00,                    // i32.load align=4
          0x41, 0x00, 0x42, 0x00, 0x37, 0x03, 0x08,       // i64.store align=8 offset=8
          0x3F, 0x00, 0x40, 0x00, 0x1A,                   // memory.grow (memory.size)
          0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0B, 0x00,        // memory.fill
          0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0A, 0x00, 0x00,  // memory.copy
          END});
  EXPECT_TRUE(isValid(b.module()));

  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x41, 0x00, 0x28, 0x02, 0x00, END}), "unknown memory 0"));
  EXPECT_TRUE(isInvalid(one({}, {I32}, {0x3F, 0x00, END}), "unknown memory"));

  ModuleBuilder c;
  c.memory(1);
  c.func({}, {I32}, {0x41, 0x00, 0x28, 0x03, 0x00, END});  // i32.load align=8
  EXPECT_TRUE(isInvalid(c.module(), "alignment must not be larger than natural"));
  ModuleBuilder d;
  d.memory(1);
  d.func({}, {I32}, {0x41, 0x00, 0x28, 0x20, 0x00, END});  // align exponent 32
  EXPECT_TRUE(isInvalid(d.module(), "malformed memop flags", ErrorCode::Malformed, Features::wasm2()));
  EXPECT_TRUE(isInvalid(d.module(), "alignment must not be larger than natural"));  // 3.0: a validation error
  ModuleBuilder e;
  e.memory(1);
  e.func({}, {I32}, {0x41, 0x00, 0x28, 0x40, 0x00, 0x00, END});  // memory index flag without multi-memory
  EXPECT_TRUE(isInvalid(e.module(), "malformed memop flags", ErrorCode::Malformed, Features::wasm2()));
  EXPECT_TRUE(isValid(e.module()));  // 3.0: memory 0 named explicitly
  ModuleBuilder f;
  f.memory(1);
  f.func({}, {I32}, {0x42, 0x00, 0x28, 0x02, 0x00, END});  // i64 address
  EXPECT_TRUE(isInvalid(f.module(), "type mismatch"));
}

TEST(ValidateBody, DataSegmentInstructions) {
  ModuleBuilder b;
  b.memory(1);
  b.dataPassive();
  b.dataCount(1);
  b.func({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0xFC, 0x09, 0x00, END});
  EXPECT_TRUE(isValid(b.module()));

  ModuleBuilder c;
  c.memory(1);
  c.dataPassive();
  c.dataCount(1);
  c.func({}, {}, {0xFC, 0x09, 0x01, END});
  EXPECT_TRUE(isInvalid(c.module(), "unknown data segment 1"));

  ModuleBuilder d;  // no data count section
  d.memory(1);
  d.dataPassive();
  d.func({}, {}, {0xFC, 0x09, 0x00, END});
  EXPECT_TRUE(isInvalid(d.module(), "data count section required", ErrorCode::Malformed));

  ModuleBuilder e;
  e.dataPassive();
  e.dataCount(1);
  e.func({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, END});
  EXPECT_TRUE(isInvalid(e.module(), "unknown memory 0"));
}

TEST(ValidateBody, SimdLanes) {
  Bytes v = {0xFD, 0x0C};
  v.insert(v.end(), 16, 0);
  auto with = [&](Bytes tail) {
    Bytes body = v;
    body.insert(body.end(), tail.begin(), tail.end());
    return body;
  };
  EXPECT_TRUE(isValid(one({}, {I32}, with({0xFD, 0x15, 15, END}))));  // i8x16.extract_lane_s 15
  EXPECT_TRUE(isInvalid(one({}, {I32}, with({0xFD, 0x15, 16, END})), "invalid lane index"));
  EXPECT_TRUE(isValid(one({}, {I64}, with({0xFD, 0x1D, 1, END}))));  // i64x2.extract_lane 1
  EXPECT_TRUE(isInvalid(one({}, {I64}, with({0xFD, 0x1D, 2, END})), "invalid lane index"));
  EXPECT_TRUE(isInvalid(one({}, {I32}, with({0xFD, 0x1D, 0, END})), "type mismatch"));

  Bytes shuffle = with(v);  // two v128 operands
  shuffle.insert(shuffle.end(), {0xFD, 0x0D});
  Bytes lanes(16, 31);
  Bytes ok = shuffle;
  ok.insert(ok.end(), lanes.begin(), lanes.end());
  ok.push_back(END);
  EXPECT_TRUE(isValid(one({}, {V128}, ok)));
  Bytes bad = shuffle;
  lanes[3] = 32;
  bad.insert(bad.end(), lanes.begin(), lanes.end());
  bad.push_back(END);
  EXPECT_TRUE(isInvalid(one({}, {V128}, bad), "invalid lane index"));

  // v128.load64_lane: lanes 0..1, natural alignment 8.
  ModuleBuilder c;
  c.memory(1);
  Bytes load = {0x41, 0x00};
  load.insert(load.end(), v.begin(), v.end());
  Bytes okLoad = load, badLoad = load, badAlign = load;
  okLoad.insert(okLoad.end(), {0xFD, 0x57, 0x03, 0x00, 0x01, END});
  badLoad.insert(badLoad.end(), {0xFD, 0x57, 0x03, 0x00, 0x02, END});
  badAlign.insert(badAlign.end(), {0xFD, 0x57, 0x04, 0x00, 0x00, END});
  c.func({}, {V128}, okLoad);
  EXPECT_TRUE(isValid(c.module()));
  ModuleBuilder d;
  d.memory(1);
  d.func({}, {V128}, badLoad);
  EXPECT_TRUE(isInvalid(d.module(), "invalid lane index"));
  ModuleBuilder e;
  e.memory(1);
  e.func({}, {V128}, badAlign);
  EXPECT_TRUE(isInvalid(e.module(), "alignment must not be larger than natural"));
}

}  // namespace
}  // namespace wasmcap::validate::testing
