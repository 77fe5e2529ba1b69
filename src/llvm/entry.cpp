// libwasmcap-llvm.so's entry points (src/llvm/abi.h): translate a module,
// optimise it and compile it with ORC LLJIT. One LLJIT per process; each
// module gets a JITDylib of its own, removed again on release.
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Host.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ir/module.h"
#include "llvm/abi.h"
#include "llvm/translator.h"

#define WC_EXPORT __attribute__((visibility("default")))

namespace {

using namespace llvm;

struct Jit {
  std::unique_ptr<orc::LLJIT> lljit;
  std::unique_ptr<TargetMachine> tm;
  std::mutex mutex;  // ORC is thread-safe; this serialises our JITDylib bookkeeping
  std::atomic<uint64_t> next{0};
};

// Created on the first compile, kept for the life of the process.
Jit* jitInstance(std::string& error) {
  static std::once_flag once;
  static Jit* jit = nullptr;
  static std::string initError;
  std::call_once(once, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
    auto jtmb = orc::JITTargetMachineBuilder::detectHost();
    if (!jtmb) {
      initError = toString(jtmb.takeError());
      return;
    }
    jtmb->setCodeGenOptLevel(CodeGenOptLevel::Aggressive);
    auto tm = jtmb->createTargetMachine();
    if (!tm) {
      initError = toString(tm.takeError());
      return;
    }
    auto built = orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
    if (!built) {
      initError = toString(built.takeError());
      return;
    }
    jit = new Jit;
    jit->lljit = std::move(*built);
    jit->tm = std::move(*tm);
  });
  if (!jit) error = initError;
  return jit;
}

struct Session {
  orc::JITDylib* dylib = nullptr;
  std::vector<void*> entries;
  std::vector<void*> trampolines;
};

// WASMCAP_LLVM_TIMING=1 in the environment: each phase's time on stderr.
class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("WASMCAP_LLVM_TIMING") != nullptr), last_(Clock::now()) {}
  void phase(const char* name) {
    if (!enabled_) return;
    auto now = Clock::now();
    std::fprintf(stderr, "llvm tier: %-10s %8.1f ms\n", name,
                 std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point last_;
};

void setError(WcCompileResult* result, const std::string& message) {
  std::snprintf(result->error, sizeof(result->error), "%s", message.c_str());
}

void optimize(Module& m, TargetMachine& tm, int level) {
  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PassBuilder pb(&tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  OptimizationLevel ol = level <= 0 ? OptimizationLevel::O0
                         : level == 1 ? OptimizationLevel::O1
                         : level == 2 ? OptimizationLevel::O2
                                      : OptimizationLevel::O3;
  ModulePassManager mpm = level <= 0 ? pb.buildO0DefaultPipeline(ol) : pb.buildPerModuleDefaultPipeline(ol);
  mpm.run(m, mam);
}

}  // namespace

extern "C" {

WC_EXPORT const char* wasmcap_llvm_version(void) { return LLVM_VERSION_STRING; }

WC_EXPORT int wasmcap_llvm_compile(const WcCompileRequest* request, WcCompileResult* result) {
  result->session = nullptr;
  result->entries = nullptr;
  result->trampolines = nullptr;
  result->error[0] = 0;
  if (request->abiVersion != kWcAbiVersion) {
    setError(result, "libwasmcap-llvm.so was built for another wasmcap (ABI version mismatch)");
    return 1;
  }
  PhaseTimer timer;
  std::string error;
  Jit* jit = jitInstance(error);
  timer.phase("init");
  if (!jit) {
    setError(result, "LLVM JIT unavailable: " + error);
    return 1;
  }
  const auto& module = *static_cast<const wasmcap::ir::Module*>(request->module);

  auto ctx = std::make_unique<LLVMContext>();
  auto m = std::make_unique<Module>("wasm", *ctx);
  m->setDataLayout(jit->lljit->getDataLayout());
  m->setTargetTriple(jit->lljit->getTargetTriple().str());
  if (!wasmcap::llvmtier::translateModule(module, *m, error)) {
    setError(result, error);
    return 1;
  }
  timer.phase("translate");
  std::string verifyMessage;
  raw_string_ostream verifyStream(verifyMessage);
  if (verifyModule(*m, &verifyStream)) {
    setError(result, "internal error: invalid IR: " + verifyMessage.substr(0, 400));
    return 1;
  }
  timer.phase("verify");
  optimize(*m, *jit->tm, request->optLevel);
  timer.phase("optimize");

  auto session = std::make_unique<Session>();
  {
    std::lock_guard<std::mutex> lock(jit->mutex);
    auto dylib = jit->lljit->createJITDylib("wasm" + std::to_string(jit->next++));
    if (!dylib) {
      setError(result, toString(dylib.takeError()));
      return 1;
    }
    session->dylib = &*dylib;
  }
  orc::JITDylib& jd = *session->dylib;
  orc::SymbolMap helpers;
  for (size_t i = 0; i < request->helperCount; ++i) {
    helpers[jit->lljit->mangleAndIntern(request->helpers[i].name)] = {
        orc::ExecutorAddr::fromPtr(request->helpers[i].address), JITSymbolFlags::Exported};
  }
  auto fail = [&](Error e) {
    setError(result, toString(std::move(e)));
    if (auto err = jit->lljit->getExecutionSession().removeJITDylib(jd)) consumeError(std::move(err));
    return 1;
  };
  if (auto e = jd.define(orc::absoluteSymbols(std::move(helpers)))) return fail(std::move(e));
  if (auto e = jit->lljit->addIRModule(jd, orc::ThreadSafeModule(std::move(m), std::move(ctx))))
    return fail(std::move(e));

  size_t n = module.functions.size();
  session->entries.resize(n);
  session->trampolines.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto entry = jit->lljit->lookup(jd, wasmcap::llvmtier::entryName(i));
    if (!entry) return fail(entry.takeError());
    auto tramp = jit->lljit->lookup(jd, wasmcap::llvmtier::trampolineName(i));
    if (!tramp) return fail(tramp.takeError());
    session->entries[i] = entry->toPtr<void*>();
    session->trampolines[i] = tramp->toPtr<void*>();
  }
  timer.phase("codegen");
  result->entries = session->entries.data();
  result->trampolines = session->trampolines.data();
  result->session = session.release();
  return 0;
}

WC_EXPORT void wasmcap_llvm_release(void* s) {
  auto* session = static_cast<Session*>(s);
  if (!session) return;
  std::string error;
  if (Jit* jit = jitInstance(error)) {
    if (auto e = jit->lljit->getExecutionSession().removeJITDylib(*session->dylib)) consumeError(std::move(e));
  }
  delete session;
}

}  // extern "C"
