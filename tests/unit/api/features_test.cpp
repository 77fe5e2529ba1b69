// Features: which WebAssembly features beyond 2.0 an engine accepts.
#include <gtest/gtest.h>

#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kTwoMemories = R"(
(module (memory 1) (memory 1)
  (data (memory 1) (i32.const 0) "\2a")
  (func (export "f") (result i32) (i32.load (i32.const 0))))
)";

TEST(Features, DefaultIsWebAssembly3WithThreads) {
  Features f;
  EXPECT_TRUE(f.gc && f.tailCall && f.exceptions && f.memory64 && f.multiMemory && f.extendedConst &&
              f.functionReferences && f.relaxedSimd && f.threads);
  EXPECT_EQ(f.toString(),
            "extended-const,tail-call,multi-memory,memory64,function-references,exceptions,relaxed-simd,gc,threads");
  EXPECT_EQ(Features::wasm2().toString(), "");
}

TEST(Features, ListsTurnFeaturesOnAndOff) {
  Result<Features> f = Features().apply("-gc, -exceptions,-threads,+threads");
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_FALSE(f->gc);
  EXPECT_FALSE(f->exceptions);
  EXPECT_TRUE(f->threads);
  EXPECT_TRUE(f->tailCall);
  Result<Features> wasm2 = Features().apply("-all");
  ASSERT_TRUE(wasm2);
  EXPECT_EQ(*wasm2, Features::wasm2());
  Result<Features> one = Features().apply("-all,tail-call");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->toString(), "tail-call");
  EXPECT_EQ(Features().apply("")->toString(), Features().toString());
}

TEST(Features, UnknownNamesAndImpossibleCombinationsAreUsageErrors) {
  Result<Features> unknown = Features().apply("-gc,-simd128");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::Usage);
  EXPECT_NE(unknown.error().message.find("\"simd128\""), std::string::npos) << unknown.error().message;
  Result<Features> gcAlone = Features().apply("-function-references");
  ASSERT_FALSE(gcAlone);
  EXPECT_NE(gcAlone.error().message.find("gc"), std::string::npos);
  EXPECT_TRUE(Features().apply("-function-references,-gc"));
}

TEST(Features, AnEngineRefusesModulesUsingAFeatureThatIsOff) {
  Engine all;
  EXPECT_TRUE(Module::fromWat(all, kTwoMemories)) << "multi-memory is on by default";
  EngineConfig config;
  config.features.multiMemory = false;
  Engine without(config);
  Result<Module> refused = Module::fromWat(without, kTwoMemories);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  EXPECT_NE(refused.error().message.find("multiple memories"), std::string::npos) << refused.error().message;
}

TEST(Features, WithoutThreadsSharedMemoriesAndAtomicsAreRefused) {
  EngineConfig config;
  config.features.threads = false;
  Engine without(config);
  Engine with;
  constexpr const char* kShared = "(module (memory 1 1 shared))";
  constexpr const char* kAtomic = "(module (memory 1) (func (drop (i32.atomic.load (i32.const 0)))))";
  EXPECT_TRUE(Module::fromWat(with, kShared));
  EXPECT_TRUE(Module::fromWat(with, kAtomic));
  Result<Module> shared = Module::fromWat(without, kShared);
  ASSERT_FALSE(shared);
  EXPECT_EQ(shared.error().code, ErrorCode::Malformed);
  Result<Module> atomic = Module::fromWat(without, kAtomic);
  ASSERT_FALSE(atomic);
  EXPECT_EQ(atomic.error().code, ErrorCode::Malformed);
  EXPECT_NE(atomic.error().message.find("illegal opcode"), std::string::npos) << atomic.error().message;
}

TEST(Features, AtomicsNeedTheirNaturalAlignmentAndSharedMemoriesAMaximum) {
  Engine engine;
  Result<Module> underAligned =
      Module::fromWat(engine, "(module (memory 1) (func (drop (i32.atomic.load align=2 (i32.const 0)))))");
  ASSERT_FALSE(underAligned);
  EXPECT_NE(underAligned.error().message.find("atomic alignment must be natural"), std::string::npos)
      << underAligned.error().message;
  Result<Module> noMax = Module::fromWat(engine, "(module (memory 1 shared))");
  ASSERT_FALSE(noMax);
  EXPECT_NE(noMax.error().message.find("shared memory must have maximum"), std::string::npos)
      << noMax.error().message;
}

}  // namespace
}  // namespace wasmcap
