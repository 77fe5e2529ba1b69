// Malformed binaries: each error class with its code, section and offset.
#include <gtest/gtest.h>

#include "module_builder.h"

namespace wasmcap::binary::test {
namespace {

// Decoding must fail as Malformed, with a message starting with `message`,
// in `section` ("" = outside any section) at byte `offset`, with `features`
// (by default all of 3.0).
void expectMalformed(const Bytes& bytes, std::string_view message, std::string_view section, uint64_t offset,
                     const Features& features = Features()) {
  auto r = decode(bytes, features);
  ASSERT_FALSE(r.ok()) << "decoded although malformed; expected: " << message;
  const Error& e = r.error();
  EXPECT_EQ(e.code, ErrorCode::Malformed) << e.describe();
  EXPECT_EQ(e.message.rfind(message, 0), 0u) << "got: " << e.describe() << "\nwant: " << message;
  EXPECT_EQ(e.section, section) << e.describe();
  ASSERT_TRUE(e.offset.has_value()) << e.describe();
  EXPECT_EQ(*e.offset, offset) << e.describe();
}

TEST(DecoderHeader, EmptyAndTruncatedInputs) {
  expectMalformed({}, "unexpected end", "", 0);
  expectMalformed({0x00, 0x61, 0x73}, "unexpected end", "", 3);
  expectMalformed({0x00, 0x61, 0x73, 0x6D, 0x01, 0x00}, "unexpected end", "", 6);
}

TEST(DecoderHeader, BadMagicAndVersion) {
  expectMalformed({'a', 's', 'm', 0x00, 1, 0, 0, 0}, "magic header not detected", "", 0);
  expectMalformed({0x00, 'A', 'S', 'M', 1, 0, 0, 0}, "magic header not detected", "", 0);
  expectMalformed({0x00, 'a', 's', 'm', 2, 0, 0, 0}, "unknown binary version", "", 4);
  expectMalformed({0x00, 'a', 's', 'm', 0, 0, 0, 1}, "unknown binary version", "", 4);
}

TEST(DecoderSections, MalformedSectionId) {
  expectMalformed(module({{0x0E, 0x01, 0x00}}), "malformed section id", "", 8);
  // The id is a byte, not a LEB128: 0x80 is simply unknown.
  expectMalformed(module({{0x80, 0x01, 0x00}}), "malformed section id", "", 8);
}

TEST(DecoderSections, SizeBeyondEndOfModule) {
  // Section size 5 with 1 byte left.
  expectMalformed(module({{0x01, 0x05, 0x00}}), "length out of bounds", "type", 9);
}

TEST(DecoderSections, SizeMismatchLeavesBytesUnread) {
  // Type section of size 5 whose vector holds one 3-byte type: 1 byte left over.
  expectMalformed(module({section(1, {0x01, 0x60, 0x00, 0x00, 0x00})}), "section size mismatch", "type", 14);
}

TEST(DecoderSections, ContentRunningPastTheSectionEnd) {
  // Function section says 2 entries but holds 1 (size 2): the entry count is
  // larger than the bytes left, so it is rejected before reading entries.
  expectMalformed(module({typeSectionVoid(), section(3, {0x02, 0x00})}), "unexpected end of section or function",
                  "function", 16);
  // Memory section: 1 declared, limits cut off.
  expectMalformed(module({section(5, {0x01, 0x01})}), "unexpected end of section or function", "memory", 12);
}

TEST(DecoderSections, DuplicateAndOutOfOrderSections) {
  Bytes types = section(1, {0x00});
  expectMalformed(module({types, types}), "unexpected content after last section", "type", 11);
  Bytes imports = section(2, {0x00});
  expectMalformed(module({imports, types}), "unexpected content after last section", "type", 11);
  // Data count must come before code.
  Bytes code = section(10, {0x00});
  Bytes dataCount = section(12, {0x00});
  expectMalformed(module({code, dataCount}), "unexpected content after last section", "data count", 11);
}

TEST(DecoderSections, CustomSectionsMayAppearAnywhere) {
  Bytes custom = section(0, cat({str("x"), {1, 2, 3}}));
  auto r = decode(module({custom, typeSectionVoid(), custom, section(12, {0x00}), custom, section(11, {0x00}), custom}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->customs.size(), 4u);
}

TEST(DecoderLeb128, TooLongAndTooLarge) {
  // Type count 0 written in 6 bytes (u32 allows at most 5); reported at the integer.
  expectMalformed(module({section(1, {0x80, 0x80, 0x80, 0x80, 0x80, 0x00})}), "integer representation too long",
                  "type", 10);
  // Type count whose 5th byte sets bits above 32.
  expectMalformed(module({section(1, {0x80, 0x80, 0x80, 0x80, 0x70})}), "integer too large", "type", 10);
  // Section size itself over-long.
  expectMalformed(cat({header(), {0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}}), "integer representation too long", "",
                  9);
}

TEST(DecoderCounts, OversizedCountsAreRejectedBeforeAllocation) {
  // 0xFFFFFFFF types declared in a 6-byte section.
  expectMalformed(module({section(1, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x60})}), "unexpected end of section or function",
                  "type", 10);
  // Same for imports, exports, globals, elements, data, code.
  for (uint8_t id : {2, 6, 7, 9, 11}) {
    auto r = decode(module({section(id, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F})}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Malformed);
  }
}

TEST(DecoderNames, MalformedUtf8) {
  // Import module name "\xC0\x80" (overlong NUL).
  Bytes imp = cat({{0x01}, {0x02, 0xC0, 0x80}, str("f"), {0x00, 0x00}});
  expectMalformed(module({typeSectionVoid(), section(2, imp)}), "malformed UTF-8 encoding", "import", 17);
  // Export name with a lone continuation byte.
  Bytes exp = cat({{0x01}, {0x01, 0x80}, {0x00, 0x00}});
  expectMalformed(module({section(7, exp)}), "malformed UTF-8 encoding", "export", 11);
  // Custom section name with an encoded surrogate (U+D800).
  expectMalformed(module({section(0, {0x03, 0xED, 0xA0, 0x80})}), "malformed UTF-8 encoding", "custom", 10);
}

TEST(DecoderNames, NameLengthBeyondSection) {
  Bytes exp = {0x01, 0x09, 'a'};
  expectMalformed(module({section(7, exp)}), "length out of bounds", "export", 11);
}

TEST(DecoderImports, MalformedKindAndMutability) {
  expectMalformed(module({section(2, cat({{0x01}, str("m"), str("f"), {0x05}}))}), "malformed import kind", "import",
                  15);
  // Global import: i32 with mutability 2.
  expectMalformed(module({section(2, cat({{0x01}, str("m"), str("g"), {0x03, 0x7F, 0x02}}))}), "malformed mutability",
                  "import", 17);
  // Table import with a value type that is not a reference type.
  expectMalformed(module({section(2, cat({{0x01}, str("m"), str("t"), {0x01, 0x7F, 0x00, 0x00}}))}),
                  "malformed reference type", "import", 16);
}

TEST(DecoderLimits, FlagsOutside20AreRejected) {
  const Features wasm2 = Features::wasm2();
  // Memory flags 2 (shared, threads) and 4 (memory64) are not 2.0.
  expectMalformed(module({section(5, {0x01, 0x02, 0x00})}), "integer too large", "memory", 11, wasm2);
  expectMalformed(module({section(5, {0x01, 0x04, 0x00})}), "integer too large", "memory", 11, wasm2);
  expectMalformed(module({section(5, {0x01, 0x81, 0x00, 0x00})}), "integer representation too long", "memory", 11);
  // Table flags 2.
  expectMalformed(module({section(4, {0x01, 0x70, 0x02, 0x00})}), "integer too large", "table", 12);
  // With 3.0, flag 4 (memory64) is accepted; shared memories need threads.
  EXPECT_TRUE(decode(module({section(5, {0x01, 0x04, 0x00})})).ok());
  EXPECT_TRUE(decode(module({section(5, {0x01, 0x03, 0x00, 0x01})})).ok());
  Features noThreads;
  noThreads.threads = false;
  expectMalformed(module({section(5, {0x01, 0x02, 0x00})}), "integer too large", "memory", 11, noThreads);
}

TEST(DecoderFeatures, TypedReferencesAndTagsNeedTheirFeatures) {
  Features noRefs;
  noRefs.functionReferences = false;
  Features noExceptions;
  noExceptions.exceptions = false;
  // A global of type (ref null 0): 0x63 0x00.
  const Bytes typedGlobal = module({typeSectionVoid(), section(6, {0x01, 0x63, 0x00, 0x00, 0xD0, 0x00, 0x0B})});
  EXPECT_TRUE(decode(typedGlobal).ok());
  expectMalformed(typedGlobal, "malformed value type", "global", 17, noRefs);
  // A global of type exnref (0x69).
  const Bytes exnGlobal = module({section(6, {0x01, 0x69, 0x00, 0xD0, 0x69, 0x0B})});
  EXPECT_TRUE(decode(exnGlobal).ok());
  expectMalformed(exnGlobal, "malformed value type", "global", 11, noExceptions);
  // A tag section (13) with one tag of type 0.
  const Bytes tags = module({typeSectionVoid(), section(13, {0x01, 0x00, 0x00})});
  auto decoded = decode(tags);
  ASSERT_TRUE(decoded.ok()) << decoded.error().describe();
  ASSERT_EQ(decoded->tags.size(), 1u);
  EXPECT_EQ(decoded->tags[0].typeIndex, 0u);
  expectMalformed(tags, "malformed section id", "", 14, noExceptions);
  expectMalformed(module({typeSectionVoid(), section(13, {0x01, 0x01, 0x00})}), "malformed tag attribute", "tag", 17);
}

TEST(DecoderGlobals, MutabilityAndMissingEnd) {
  expectMalformed(module({section(6, {0x01, 0x7F, 0x04, 0x41, 0x00, 0x0B})}), "malformed mutability", "global", 12);
  // i32.const 0 with no end before the section ends.
  expectMalformed(module({section(6, {0x01, 0x7F, 0x00, 0x41, 0x00})}), "unexpected end", "global", 15);
}

TEST(DecoderCode, FunctionAndCodeCountsMustAgree) {
  // Function section declares 2, code section absent.
  expectMalformed(module({typeSectionVoid(), funcSection(2)}), "function and code section have inconsistent lengths",
                  "code", 19);
  // Function section declares 2, code section has 1: reported at the code count.
  expectMalformed(module({typeSectionVoid(), funcSection(2), section(10, cat({{0x01}, emptyBody()}))}),
                  "function and code section have inconsistent lengths", "code", 21);
  // Code without function section.
  expectMalformed(module({section(10, cat({{0x01}, emptyBody()}))}),
                  "function and code section have inconsistent lengths", "code", 10);
}

TEST(DecoderCode, EntrySizeBeyondSection) {
  // Entry size 9 with 2 bytes left in the section.
  expectMalformed(module({typeSectionVoid(), funcSection(1), section(10, {0x01, 0x09, 0x00, 0x0B})}),
                  "unexpected end of section or function", "code", 21);
}

TEST(DecoderCode, TooManyLocals) {
  // 0xFFFFFFFF i32 locals in one group.
  Bytes body = {0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B};
  Bytes entry = cat({uleb(body.size()), body});
  expectMalformed(module({typeSectionVoid(), funcSection(1), section(10, cat({{0x01}, entry}))}), "too many locals",
                  "code", 22);
  // Two groups of 30,000 each: each fine alone, 60,000 in total is not.
  Bytes body2 = cat({{0x02}, uleb(30000), {0x7F}, uleb(30000), {0x7E}, {0x0B}});
  Bytes entry2 = cat({uleb(body2.size()), body2});
  expectMalformed(module({typeSectionVoid(), funcSection(1), section(10, cat({{0x01}, entry2}))}), "too many locals",
                  "code", 22);
}

TEST(DecoderCode, BodyEncodingErrors) {
  auto withBody = [](const Bytes& body) {
    Bytes entry = cat({uleb(body.size()), body});
    return module({typeSectionVoid(), funcSection(1), section(5, {0x01, 0x00, 0x01}),
                   section(10, cat({{0x01}, entry}))});
  };
  // Layout: code section payload starts at 8+6+4+5 = 23 + 2 (id, size) = 25;
  // count at 25, entry size at 26, locals count at 27, first opcode at 28.
  expectMalformed(withBody({0x00, 0x41, 0x01, 0x1A}), "unexpected end of section or function", "code", 31);
  expectMalformed(withBody({0x00, 0x06, 0x0B}), "illegal opcode", "code", 28);
  // memory.grow 1: 2.0 reserves a zero byte; multi-memory reads a memory index.
  expectMalformed(withBody({0x00, 0x41, 0x00, 0x40, 0x01, 0x1A, 0x0B}), "zero byte expected", "code", 31,
                  Features::wasm2());
  EXPECT_TRUE(decode(withBody({0x00, 0x41, 0x00, 0x40, 0x01, 0x1A, 0x0B})).ok());
  // Alignment exponent 32: beyond 2.0's flags (3.0 leaves it to validation).
  expectMalformed(withBody({0x00, 0x41, 0x00, 0x28, 0x20, 0x00, 0x1A, 0x0B}), "malformed memop flags", "code", 30,
                  Features::wasm2());
  expectMalformed(withBody({0x00, 0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B}), "malformed memop flags", "code", 30);
  expectMalformed(withBody({0x00, 0x05, 0x0B}), "misplaced ELSE opcode", "code", 28);
  expectMalformed(withBody({0x00, 0x0B, 0x01}), "section size mismatch", "code", 29);
  // data.drop without a data count section.
  expectMalformed(withBody({0x00, 0xFC, 0x09, 0x00, 0x0B}), "data count section required", "code", 28);
}

// When a section or body runs out of bytes, the spec's message comes from the
// bytes that follow it (up to the module's end): the reference decoder checks
// sizes only after reading.
TEST(DecoderOverrun, SectionsReadOnIntoTheFollowingBytes) {
  // Global init expression without end, followed by a code section: its id
  // 0x0A read as an opcode is illegal in 2.0 (at 25, just past the global
  // section); with exceptions it is throw_ref, and the reading goes on.
  const Bytes unended = module({typeSectionVoid(), funcSection(1), section(6, {0x01, 0x7F, 0x00, 0x41, 0x00}),
                                section(10, cat({{0x01}, emptyBody()}))});
  expectMalformed(unended, "illegal opcode", "global", 25, Features::wasm2());
  expectMalformed(unended, "unexpected end of section or function", "global", 31);
  // Export section declaring 2 exports but holding 1: the second one's name
  // length is the next section's id (10), more than the 8 bytes left.
  expectMalformed(module({typeSectionVoid(), funcSection(2), section(7, {0x02, 0x02, 'f', '1', 0x00, 0x00}),
                          section(10, cat({{0x02}, emptyBody(), emptyBody()}))}),
                  "length out of bounds", "export", 27);
  // A function index LEB128 cut by the section end continues into 5 bytes.
  expectMalformed(module({typeSectionVoid(), section(3, {0x01, 0x80, 0x80}), Bytes{0x80, 0x80, 0x80, 0x00},
                          section(10, cat({{0x01}, emptyBody()}))}),
                  "integer representation too long", "function", 17);
  // Nothing follows: still the plain wording.
  expectMalformed(module({section(6, {0x01, 0x7F, 0x00, 0x41, 0x00})}), "unexpected end of section or function",
                  "global", 15);
}

TEST(DecoderOverrun, BodiesReadOnIntoTheFollowingBytes) {
  Bytes shortBody = {0x04, 0x00, 0x41, 0x01, 0x1A};  // i32.const 1, drop, no end
  // The next body's size byte 0x05 reads as `else` where only `end` may stand.
  Bytes next = {0x05, 0x00, 0x41, 0x01, 0x1A, 0x0B};
  expectMalformed(module({typeSectionVoid(), funcSection(2), section(10, cat({{0x02}, shortBody, next}))}),
                  "END opcode expected", "code", 27);
  // The data section's id 0x0B reads as the function's end: the size is wrong.
  Bytes data = {0x0B, 0x03, 0x01, 0x01, 0x00};
  Bytes bytes = cat({module({typeSectionVoid(), funcSection(1), section(10, cat({{0x01}, shortBody}))}), data});
  expectMalformed(bytes, "section size mismatch", "code", 26);
}

TEST(DecoderData, DataCountMustMatch) {
  Bytes mem = section(5, {0x01, 0x00, 0x01});
  // Data count 2, data section with one passive segment.
  expectMalformed(module({mem, section(12, {0x02}), section(11, {0x01, 0x01, 0x00})}),
                  "data count and data section have inconsistent lengths", "data", 18);
  // Data count 1, no data section at all: reported at the end of the module.
  Bytes bytes = module({mem, section(12, {0x01})});
  expectMalformed(bytes, "data count and data section have inconsistent lengths", "data", bytes.size());
}

TEST(DecoderData, SegmentKindsAndLengths) {
  expectMalformed(module({section(11, {0x01, 0x03})}), "malformed data segment kind", "data", 11);
  // Passive segment of 5 bytes with 2 present.
  expectMalformed(module({section(11, {0x01, 0x01, 0x05, 'a', 'b'})}), "unexpected end of section or function",
                  "data", 13);
}

TEST(DecoderElements, SegmentKindsAndTypes) {
  expectMalformed(module({section(9, {0x01, 0x08})}), "malformed elements segment kind", "element", 11);
  // Passive, elemkind 1.
  expectMalformed(module({section(9, {0x01, 0x01, 0x01, 0x00})}), "malformed element kind", "element", 12);
  // Passive with expressions of type i32.
  expectMalformed(module({section(9, {0x01, 0x05, 0x7F, 0x01, 0xD2, 0x00, 0x0B})}), "malformed reference type",
                  "element", 12);
  // An item expression with an illegal opcode.
  expectMalformed(module({section(9, {0x01, 0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B})}), "illegal opcode", "element", 14);
}

}  // namespace
}  // namespace wasmcap::binary::test
