// Well-formed binaries: the decoded IR has what the bytes say.
#include <gtest/gtest.h>

#include "module_builder.h"

namespace wasmcap::binary::test {
namespace {

using ir::ValType;

TEST(DecoderIr, EmptyModule) {
  auto r = decode(header());
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_TRUE(r->types.empty());
  EXPECT_TRUE(r->functions.empty());
  EXPECT_FALSE(r->start.has_value());
  EXPECT_FALSE(r->dataCount.has_value());
  EXPECT_EQ(r->bytes, header());
}

TEST(DecoderIr, TypesImportsAndIndexSpaces) {
  Bytes types = section(1, {0x02,                              // 2 types
                            0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D,  // (i32 i64) -> f32
                            0x60, 0x00, 0x02, 0x7B, 0x6F});      // () -> (v128 externref)
  Bytes imports = section(2, cat({{0x04},
                                  str("env"), str("f"), {0x00, 0x01},                    // func type 1
                                  str("env"), str("t"), {0x01, 0x70, 0x01, 0x02, 0x0A},  // table funcref 2..10
                                  str("env"), str("m"), {0x02, 0x00, 0x01},              // memory 1..
                                  str("env"), str("g"), {0x03, 0x7C, 0x01}}));           // global mut f64
  Bytes funcs = section(3, {0x01, 0x00});
  Bytes code = section(10, cat({{0x01}, {0x04, 0x01, 0x02, 0x7F, 0x0B}}));  // 2 i32 locals
  auto r = decode(module({types, imports, funcs, code}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const ir::Module& m = *r;
  ASSERT_EQ(m.types.size(), 2u);
  EXPECT_EQ(m.types[0].func.params, (std::vector<ValType>{ValType::i32(), ValType::i64()}));
  EXPECT_EQ(m.types[0].func.results, (std::vector<ValType>{ValType::f32()}));
  EXPECT_EQ(m.types[1].func.results, (std::vector<ValType>{ValType::v128(), ValType::externref()}));
  ASSERT_EQ(m.recGroups.size(), 2u);
  EXPECT_EQ(m.recGroups[1].firstTypeIndex, 1u);

  ASSERT_EQ(m.imports.size(), 4u);
  EXPECT_EQ(m.imports[0].module, "env");
  EXPECT_EQ(m.imports[0].name, "f");
  EXPECT_EQ(m.imports[0].kind, ir::ExternKind::Func);
  EXPECT_EQ(m.imports[0].typeIndex, 1u);
  EXPECT_EQ(m.imports[1].table.limits.min, 2u);
  EXPECT_EQ(m.imports[1].table.limits.max, std::optional<uint64_t>(10));
  EXPECT_FALSE(m.imports[2].memory.limits.max.has_value());
  EXPECT_EQ(m.imports[2].memory.limits.min, 1u);
  EXPECT_TRUE(m.imports[3].global.mut);
  EXPECT_EQ(m.imports[3].global.type, ValType::f64());

  EXPECT_EQ(m.importedFuncs, 1u);
  EXPECT_EQ(m.importedTables, 1u);
  EXPECT_EQ(m.importedMemories, 1u);
  EXPECT_EQ(m.importedGlobals, 1u);
  EXPECT_EQ(m.funcTypes, (std::vector<uint32_t>{1, 0}));
  ASSERT_EQ(m.functions.size(), 1u);
  EXPECT_EQ(m.function(1).typeIndex, 0u);
  EXPECT_EQ(m.function(1).locals, (std::vector<ValType>{ValType::i32(), ValType::i32()}));
  // The body is the final `end` only, at the last byte of the module.
  EXPECT_EQ(m.function(1).body.size, 1u);
  EXPECT_EQ(m.function(1).body.offset, m.bytes.size() - 1);
  EXPECT_EQ(m.bytes[m.function(1).body.offset], 0x0B);
  EXPECT_EQ(m.function(1).entry.size, 4u);
}

TEST(DecoderIr, TablesMemoriesGlobalsExportsStart) {
  Bytes types = typeSectionVoid();
  Bytes funcs = funcSection(1);
  Bytes tables = section(4, {0x01, 0x6F, 0x00, 0x03});           // externref, min 3
  Bytes mems = section(5, {0x01, 0x01, 0x01, 0x80, 0x02});        // min 1 max 256
  Bytes globals = section(6, {0x01, 0x7E, 0x00, 0x42, 0x7F, 0x0B});  // i64 const -1
  Bytes exports = section(7, cat({{0x02}, str("run"), {0x00, 0x00}, str("mem"), {0x02, 0x00}}));
  Bytes start = section(8, {0x00});
  Bytes code = section(10, cat({{0x01}, emptyBody()}));
  Bytes bytes = module({types, funcs, tables, mems, globals, exports, start, code});
  auto r = decode(bytes);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const ir::Module& m = *r;
  ASSERT_EQ(m.tables.size(), 1u);
  EXPECT_EQ(m.tables[0].elem, ValType::externref());
  EXPECT_EQ(m.tables[0].limits.min, 3u);
  ASSERT_EQ(m.memories.size(), 1u);
  EXPECT_EQ(m.memories[0].limits.max, std::optional<uint64_t>(256));
  EXPECT_FALSE(m.memories[0].limits.shared);
  EXPECT_FALSE(m.memories[0].limits.is64);
  ASSERT_EQ(m.globals.size(), 1u);
  EXPECT_EQ(m.globalTypes.size(), 1u);
  EXPECT_FALSE(m.globals[0].type.mut);
  // The init expression span covers `i64.const -1; end`.
  const ir::ByteSpan init = m.globals[0].init.code;
  EXPECT_EQ(init.size, 3u);
  EXPECT_EQ(m.bytes[init.offset], 0x42);
  EXPECT_EQ(m.bytes[init.offset + init.size - 1], 0x0B);
  ASSERT_EQ(m.exports.size(), 2u);
  EXPECT_EQ(m.exports[0].name, "run");
  EXPECT_EQ(m.exports[1].kind, ir::ExternKind::Memory);
  EXPECT_EQ(m.start, std::optional<uint32_t>(0));
}

TEST(DecoderIr, ConstExprEndIsFoundPastEmbeddedEndBytes) {
  // i32.const 11 encodes its immediate as 0x0B, the same byte as `end`.
  Bytes globals = section(6, {0x01, 0x7F, 0x00, 0x41, 0x0B, 0x0B});
  auto r = decode(module({globals}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->globals[0].init.code.size, 3u);
}

TEST(DecoderIr, AllEightElementSegmentEncodings) {
  Bytes types = typeSectionVoid();
  Bytes funcs = funcSection(1);
  Bytes tables = section(4, {0x01, 0x70, 0x00, 0x01});
  Bytes elems = section(9, {0x08,
                            0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,                   // 0: active t0, funcs [0]
                            0x01, 0x00, 0x02, 0x00, 0x00,                         // 1: passive, funcs [0 0]
                            0x02, 0x00, 0x41, 0x01, 0x0B, 0x00, 0x01, 0x00,       // 2: active t0 explicit
                            0x03, 0x00, 0x01, 0x00,                               // 3: declarative funcs [0]
                            0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B,       // 4: active exprs
                            0x05, 0x70, 0x02, 0xD0, 0x70, 0x0B, 0xD2, 0x00, 0x0B, // 5: passive exprs
                            0x06, 0x00, 0x41, 0x00, 0x0B, 0x70, 0x00,             // 6: active explicit, no items
                            0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B});                 // 7: declarative exprs
  Bytes code = section(10, cat({{0x01}, emptyBody()}));
  auto r = decode(module({types, funcs, tables, elems, code}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const auto& e = r->elems;
  ASSERT_EQ(e.size(), 8u);
  using ir::SegmentMode;
  const SegmentMode modes[8] = {SegmentMode::Active, SegmentMode::Passive, SegmentMode::Active,
                                SegmentMode::Declarative, SegmentMode::Active, SegmentMode::Passive,
                                SegmentMode::Active, SegmentMode::Declarative};
  const size_t sizes[8] = {1, 2, 1, 1, 1, 2, 0, 1};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(e[i].mode, modes[i]) << i;
    EXPECT_EQ(e[i].usesExprs, i >= 4) << i;
    EXPECT_EQ(e[i].size(), sizes[i]) << i;
    EXPECT_EQ(e[i].type, ValType::funcref()) << i;
    EXPECT_EQ(e[i].table, 0u) << i;
  }
  EXPECT_EQ(e[2].offset.code.size, 3u);
  EXPECT_EQ(r->bytes[e[2].offset.code.offset + 1], 0x01);
  EXPECT_EQ(e[5].items[0].code.size, 3u);  // ref.null func; end
  EXPECT_EQ(r->bytes[e[5].items[0].code.offset], 0xD0);
}

TEST(DecoderIr, DataSegmentsAndDataCount) {
  Bytes mems = section(5, {0x01, 0x00, 0x01});
  Bytes count = section(12, {0x03});
  Bytes datas = section(11, {0x03,
                             0x00, 0x41, 0x08, 0x0B, 0x02, 'h', 'i',  // active mem 0 at 8
                             0x01, 0x03, 'a', 'b', 'c',               // passive
                             0x02, 0x00, 0x41, 0x00, 0x0B, 0x00});    // active, explicit memory, empty
  auto r = decode(module({mems, count, datas}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const ir::Module& m = *r;
  EXPECT_EQ(m.dataCount, std::optional<uint32_t>(3));
  ASSERT_EQ(m.datas.size(), 3u);
  EXPECT_EQ(m.datas[0].mode, ir::SegmentMode::Active);
  EXPECT_EQ(m.datas[0].init.size, 2u);
  EXPECT_EQ(m.bytes[m.datas[0].init.offset], 'h');
  EXPECT_EQ(m.datas[1].mode, ir::SegmentMode::Passive);
  EXPECT_EQ(std::string(m.bytes.begin() + m.datas[1].init.offset,
                        m.bytes.begin() + m.datas[1].init.offset + m.datas[1].init.size),
            "abc");
  EXPECT_EQ(m.datas[2].init.size, 0u);
}

TEST(DecoderIr, DataInstructionsAcceptedWithDataCount) {
  Bytes body = {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0xFC, 0x09, 0x00, 0x0B};
  Bytes code = section(10, cat({{0x01}, uleb(body.size()), body}));
  auto r = decode(module({typeSectionVoid(), funcSection(1), section(5, {0x01, 0x00, 0x01}), section(12, {0x01}),
                          code, section(11, {0x01, 0x01, 0x00})}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->functions[0].body.size, body.size() - 1);
}

TEST(DecoderIr, NestedBlocksAndZeroLocalGroups) {
  // Locals: 0 i32, 2 f32; body: block (if (else) end) end end.
  Bytes body = {0x02, 0x00, 0x7F, 0x02, 0x7D, 0x02, 0x40, 0x41, 0x01, 0x04, 0x40, 0x05, 0x0B, 0x0B, 0x0B};
  Bytes code = section(10, cat({{0x01}, uleb(body.size()), body}));
  auto r = decode(module({typeSectionVoid(), funcSection(1), code}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->functions[0].locals, (std::vector<ValType>{ValType::f32(), ValType::f32()}));
}

}  // namespace
}  // namespace wasmcap::binary::test
