// bench_wasi_run FILE [ARGS...]: runs a WASI command with the interpreter
// tier through the library's wasi::runCommandBytes, with no preopens and no
// environment. bench/run uses it only while `wasmcap run` cannot run WASI
// commands itself, so the suite measures the same engine either way.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "interp/interpreter.h"
#include "runtime/store.h"
#include "wasi/command.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_wasi_run FILE [ARGS...]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench_wasi_run: cannot read %s\n", argv[1]);
    return 1;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  wasmcap::wasi::Config config;
  for (int i = 1; i < argc; ++i) config.arg(argv[i]);
  wasmcap::interp::Interpreter executor;
  wasmcap::runtime::Store store(executor);
  auto outcome = wasmcap::wasi::runCommandBytes(store, std::move(bytes), config);
  if (!outcome.ok()) {
    std::fprintf(stderr, "bench_wasi_run: %s\n", outcome.error().describe().c_str());
    return 1;
  }
  if (outcome->trap) std::fprintf(stderr, "bench_wasi_run: trap: %s\n", outcome->trap->message.c_str());
  return outcome->exitCode;
}
