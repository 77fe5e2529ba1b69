// libwasmcap-llvm.so (and libLLVM) enter the process only when a module is
// compiled for the LLVM tier: never for the interpreter, not even when an
// LLVM engine is merely created.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

bool mapped(const std::string& name) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line))
    if (line.find(name) != std::string::npos) return true;
  return false;
}

constexpr const char* kAdd = "(module (func (export \"add\") (param i32 i32) (result i32) "
                             "local.get 0 local.get 1 i32.add))";

int32_t runAdd(const Engine& engine) {
  Result<Module> m = Module::fromWat(engine, kAdd);
  EXPECT_TRUE(m) << m.error().describe();
  Store store(engine);
  Linker linker(store);
  Result<Instance> i = linker.instantiate(*m);
  EXPECT_TRUE(i) << i.error().describe();
  Result<int32_t> r = (*i->typedFunc<int32_t(int32_t, int32_t)>("add"))(40, 2);
  EXPECT_TRUE(r);
  return r ? *r : -1;
}

TEST(LlvmLoader, InterpreterRunsWithoutLlvmInTheProcess) {
  EXPECT_EQ(runAdd(Engine()), 42);
  EXPECT_FALSE(mapped("libwasmcap-llvm"));
  EXPECT_FALSE(mapped("libLLVM"));
}

TEST(LlvmLoader, LlvmEngineLoadsTheLibraryOnlyToCompile) {
  ASSERT_TRUE(tierAvailable(Tier::Llvm));
  EngineConfig config;
  config.tier = Tier::Llvm;
  Engine engine(config);
  EXPECT_FALSE(mapped("libwasmcap-llvm"));
  EXPECT_FALSE(mapped("libLLVM"));
  EXPECT_EQ(runAdd(engine), 42);
  EXPECT_TRUE(mapped("libwasmcap-llvm"));
  EXPECT_TRUE(mapped("libLLVM"));
}

}  // namespace
}  // namespace wasmcap
