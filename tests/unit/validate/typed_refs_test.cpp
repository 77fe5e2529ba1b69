// Typed function references in the validator: non-defaultable locals and
// their initialisation rules, reference subtyping, and the typing of
// call_ref, br_on_null and ref.func.
#include <gtest/gtest.h>

#include "module_builder.h"

namespace wasmcap::validate::testing {
namespace {

constexpr uint8_t END = 0x0B, BLOCK = 0x02, IF = 0x04, ELSE = 0x05, EMPTY = 0x40, DROP = 0x1A;
constexpr uint8_t LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22, REF_FUNC = 0xD2, CALL_REF = 0x14;
constexpr uint8_t I32_CONST = 0x41, SELECT = 0x1B, BR_ON_NULL = 0xD5, REF_NULL = 0xD0;

// Type 0 is [] -> []; func 0, of that type, is declared for ref.func. The
// function under test gets `locals` and `body`.
ir::Module withBody(Bytes body, std::vector<ValType> locals, std::vector<ValType> params = {}) {
  ModuleBuilder b;
  uint32_t t0 = b.type({}, {});
  uint32_t f0 = b.funcOfType(t0, {END});
  b.exportAs("f0", ir::ExternKind::Func, f0);
  b.func(std::move(params), {}, std::move(body), std::move(locals));
  return b.module();
}

const ValType kRef0 = ValType::typedRef(0, false);       // (ref 0)
const ValType kNullRef0 = ValType::typedRef(0, true);    // (ref null 0)

TEST(ValidateTypedRefs, NonNullableLocalMustBeSetBeforeItIsRead) {
  EXPECT_TRUE(isInvalid(withBody({LOCAL_GET, 0, DROP, END}, {kRef0}), "uninitialized local"));
  EXPECT_TRUE(isValid(withBody({REF_FUNC, 0, LOCAL_SET, 0, LOCAL_GET, 0, DROP, END}, {kRef0})));
  EXPECT_TRUE(isValid(withBody({REF_FUNC, 0, LOCAL_TEE, 0, DROP, LOCAL_GET, 0, DROP, END}, {kRef0})));
  // Nullable and numeric locals have defaults.
  EXPECT_TRUE(isValid(withBody({LOCAL_GET, 0, DROP, LOCAL_GET, 1, DROP, END}, {kNullRef0, I32})));
  // A parameter is always set.
  EXPECT_TRUE(isValid(withBody({LOCAL_GET, 0, DROP, END}, {}, {kRef0})));
}

TEST(ValidateTypedRefs, InitialisationInsideABlockEndsWithIt) {
  // block (local.set 0 (ref.func 0)) end; local.get 0
  EXPECT_TRUE(isInvalid(withBody({BLOCK, EMPTY, REF_FUNC, 0, LOCAL_SET, 0, END, LOCAL_GET, 0, DROP, END}, {kRef0}),
                        "uninitialized local"));
  // Set in `then`, read in `else`.
  EXPECT_TRUE(isInvalid(withBody({I32_CONST, 0, IF, EMPTY, REF_FUNC, 0, LOCAL_SET, 0, ELSE, LOCAL_GET, 0, DROP, END,
                                  END},
                                 {kRef0}),
                        "uninitialized local"));
  // Set before the block: still set inside and after it.
  EXPECT_TRUE(isValid(withBody({REF_FUNC, 0, LOCAL_SET, 0, BLOCK, EMPTY, LOCAL_GET, 0, DROP, END, LOCAL_GET, 0, DROP,
                                END},
                               {kRef0})));
}

TEST(ValidateTypedRefs, RefFuncIsANonNullTypedReference) {
  // (ref 0) <: (ref null 0) <: funcref, but funcref is no (ref null 0).
  EXPECT_TRUE(isValid(withBody({REF_FUNC, 0, LOCAL_SET, 0, REF_FUNC, 0, LOCAL_SET, 1, END}, {kNullRef0, FUNCREF})));
  EXPECT_TRUE(isInvalid(withBody({LOCAL_GET, 0, LOCAL_SET, 1, END}, {FUNCREF, kNullRef0}), "type mismatch"));
  EXPECT_TRUE(isInvalid(withBody({LOCAL_GET, 0, LOCAL_SET, 1, END}, {kNullRef0, kRef0}), "type mismatch"));
}

TEST(ValidateTypedRefs, CallRefNeedsAReferenceToItsType) {
  EXPECT_TRUE(isValid(withBody({REF_FUNC, 0, CALL_REF, 0, END}, {})));
  EXPECT_TRUE(isValid(withBody({LOCAL_GET, 0, CALL_REF, 0, END}, {kNullRef0})));
  EXPECT_TRUE(isInvalid(withBody({LOCAL_GET, 0, CALL_REF, 0, END}, {FUNCREF}), "type mismatch"));
  EXPECT_TRUE(isInvalid(withBody({REF_FUNC, 0, CALL_REF, 7, END}, {}), "unknown type 7"));
}

TEST(ValidateTypedRefs, BrOnNullLeavesANonNullReference) {
  // block (br_on_null 0 (local.get 0)) local.set 1 end: (ref null 0) becomes (ref 0).
  EXPECT_TRUE(isValid(withBody({BLOCK, EMPTY, LOCAL_GET, 0, BR_ON_NULL, 0, LOCAL_SET, 1, END, END}, {kNullRef0, kRef0})));
  EXPECT_TRUE(isInvalid(withBody({BLOCK, EMPTY, I32_CONST, 0, BR_ON_NULL, 0, DROP, END, END}, {}), "type mismatch"));
}

TEST(ValidateTypedRefs, UntypedSelectRejectsReferences) {
  EXPECT_TRUE(isInvalid(withBody({REF_NULL, 0x70, REF_NULL, 0x70, I32_CONST, 0, SELECT, DROP, END}, {}), "type mismatch"));
}

TEST(ValidateTypedRefs, UnknownTypeInALocal) {
  EXPECT_TRUE(isInvalid(withBody({END}, {ValType::typedRef(9, true)}), "unknown type 9"));
}

TEST(ValidateTypedRefs, OpcodesNeedTheFeature) {
  Features f;
  f.functionReferences = false;
  Result<void> r = validateModule(withBody({REF_FUNC, 0, CALL_REF, 0, END}, {}), f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Malformed);
}

}  // namespace
}  // namespace wasmcap::validate::testing
