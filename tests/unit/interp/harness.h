// Test harness: a WAT module instantiated in a fresh store run by the
// interpreter (compiling with the given CodeOptions), with helpers to call
// its exports.
#pragma once
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interp/interpreter.h"
#include "runtime/linker.h"
#include "text/wat.h"

namespace wasmcap::interp::testing {

struct Harness {
  explicit Harness(runtime::Limits limits = {}, runtime::CodeOptions options = {})
      : interp(options), store(interp, limits) {}
  explicit Harness(runtime::CodeOptions options) : Harness(runtime::Limits{}, options) {}

  // Instantiate `wat`; fails the test on any error.
  void load(std::string_view wat) {
    auto bin = text::watToBinary(wat);
    ASSERT_TRUE(bin.ok()) << bin.error().describe();
    auto mod = runtime::loadModule(interp, std::move(*bin));
    ASSERT_TRUE(mod.ok()) << mod.error().describe();
    auto inst = linker.instantiate(store, *mod, "test");
    ASSERT_TRUE(inst.ok()) << inst.error().describe();
    instance = *inst;
  }

  runtime::FuncInst* func(const std::string& name) {
    if (!instance) return nullptr;
    const runtime::Extern* e = instance->findExport(name);
    return e ? e->asFunc() : nullptr;
  }

  // Call export `name`; returns the trap, if any, and fills `results`.
  std::optional<runtime::Trap> call(const std::string& name, std::vector<runtime::Value> args,
                                    std::vector<runtime::Value>& results) {
    runtime::FuncInst* f = func(name);
    if (!f) return runtime::Trap(runtime::TrapKind::Host, "no export " + name);
    return runtime::invoke(store, *f, args, results);
  }

  // Call an export expected to return one value without trapping.
  runtime::Value call1(const std::string& name, std::vector<runtime::Value> args = {}) {
    std::vector<runtime::Value> results;
    auto trap = call(name, std::move(args), results);
    EXPECT_FALSE(trap.has_value()) << trap->describe();
    EXPECT_EQ(results.size(), 1u);
    return results.empty() ? runtime::Value::i32(0xDEADBEEF) : results[0];
  }
  uint32_t i32(const std::string& name, std::vector<runtime::Value> args = {}) {
    return call1(name, std::move(args)).raw.i32;
  }
  uint64_t i64(const std::string& name, std::vector<runtime::Value> args = {}) {
    return call1(name, std::move(args)).raw.i64;
  }

  // Call an export expected to trap; returns the trap.
  runtime::Trap trap(const std::string& name, std::vector<runtime::Value> args = {}) {
    std::vector<runtime::Value> results;
    auto t = call(name, std::move(args), results);
    EXPECT_TRUE(t.has_value()) << name << " did not trap";
    return t ? *t : runtime::Trap();
  }

  Interpreter interp;
  runtime::Store store;
  runtime::Linker linker;
  runtime::Instance* instance = nullptr;
};

inline runtime::Value I32(uint32_t v) { return runtime::Value::i32(v); }
inline runtime::Value I64(uint64_t v) { return runtime::Value::i64(v); }

}  // namespace wasmcap::interp::testing
