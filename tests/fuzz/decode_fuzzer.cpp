// libFuzzer target for the binary decoder and, when a module decodes, the
// validator. Built only with clang and -DWASMCAP_FUZZ=ON:
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DWASMCAP_FUZZ=ON
//   ninja -C build-fuzz decode_fuzzer
//   build-fuzz/tests/fuzz/decode_fuzzer -max_len=65536 corpus_dir/
//
// Seed `corpus_dir` with real modules (e.g. the .wasm files of the
// wasi-testsuite). Any crash, sanitizer report or leak is a bug: the decoder
// must turn every input into a module or an error.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "binary/decoder.h"
#include "validate/validator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto module = wasmcap::binary::decodeModule(std::vector<uint8_t>(data, data + size));
  if (module.ok()) (void)wasmcap::validate::validateModule(*module);
  return 0;
}
