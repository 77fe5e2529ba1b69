// Custom sections and the `name` section.
#include <gtest/gtest.h>

#include "module_builder.h"

namespace wasmcap::binary::test {
namespace {

Bytes subsection(uint8_t id, const Bytes& payload) { return cat({{id}, uleb(payload.size()), payload}); }

TEST(DecoderCustom, KeptWithNameAndContentSpan) {
  auto r = decode(module({section(0, cat({str("producers"), {0xAA, 0xBB}}))}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  ASSERT_EQ(r->customs.size(), 1u);
  EXPECT_EQ(r->customs[0].name, "producers");
  EXPECT_EQ(r->customs[0].content.size, 2u);
  EXPECT_EQ(r->bytes[r->customs[0].content.offset], 0xAA);
}

TEST(DecoderCustom, EmptyNameAndPayloadAreFine) {
  auto r = decode(module({section(0, {0x00})}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->customs[0].name, "");
  EXPECT_EQ(r->customs[0].content.size, 0u);
}

TEST(DecoderCustom, MissingNameIsMalformed) {
  auto r = decode(module({section(0, {})}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Malformed);
  EXPECT_EQ(r.error().section, "custom");
}

TEST(DecoderNames, ModuleFunctionAndLocalNames) {
  Bytes names = cat({str("name"),
                     subsection(0, str("mod")),
                     subsection(1, cat({{0x02}, {0x00}, str("first"), {0x01}, str("second")})),
                     subsection(2, cat({{0x01}, {0x01}, {0x02}, {0x00}, str("a"), {0x01}, str("b")}))});
  Bytes code = section(10, cat({{0x02}, emptyBody(), emptyBody()}));
  auto r = decode(module({typeSectionVoid(), funcSection(2), code, section(0, names)}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const ir::NameSection& n = r->names;
  EXPECT_EQ(n.module, std::optional<std::string>("mod"));
  ASSERT_EQ(n.functions.size(), 2u);
  EXPECT_EQ(n.functions.at(0), "first");
  EXPECT_EQ(n.functions.at(1), "second");
  EXPECT_EQ(r->funcName(1), "second");
  ASSERT_EQ(n.locals.count(1), 1u);
  EXPECT_EQ(n.locals.at(1).at(0), "a");
  EXPECT_EQ(n.locals.at(1).at(1), "b");
  EXPECT_EQ(r->customs.size(), 1u);
}

TEST(DecoderNames, UnknownSubsectionsAreSkipped) {
  Bytes names = cat({str("name"), subsection(1, cat({{0x01}, {0x00}, str("f")})), subsection(7, {0x01, 0x02, 0x03})});
  auto r = decode(module({section(0, names)}));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->names.functions.at(0), "f");
}

TEST(DecoderNames, MalformedNameSectionIsIgnoredNotAnError) {
  const Bytes broken[] = {
      cat({str("name"), {0x01, 0x09, 0x01}}),                              // subsection size beyond the section
      cat({str("name"), subsection(1, {0x01, 0x00, 0x02, 0xC0, 0x80})}),   // bad UTF-8 in a function name
      cat({str("name"), subsection(1, {0x01, 0x00, 0x01, 'f', 0xFF})}),    // trailing byte in a subsection
      cat({str("name"), subsection(1, {0x01, 0x00, 0x01, 'f'}), subsection(0, str("m"))}),  // out of order
      cat({str("name"), subsection(0, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F})}),   // huge name length
  };
  for (const Bytes& payload : broken) {
    auto r = decode(module({section(0, payload)}));
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_FALSE(r->names.module.has_value());
    EXPECT_TRUE(r->names.functions.empty());
    EXPECT_EQ(r->customs.size(), 1u);  // still recorded as a custom section
  }
}

}  // namespace
}  // namespace wasmcap::binary::test
