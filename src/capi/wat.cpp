// wasmcap.h: the text format.
#include "objects.hpp"

using namespace wasmcap::capi;

extern "C" {

bool wasmcap_wat2wasm(const char* wat, size_t wat_len, wasm_byte_vec_t* out) {
  wasmcap::Result<std::vector<uint8_t>> wasm = wasmcap::watToWasm(std::string_view(wat ? wat : "", wat ? wat_len : 0));
  if (!wasm) {
    setLastError(wasm.error());
    wasm_byte_vec_new_empty(out);
    return false;
  }
  bytesToC(out, wasm->data(), wasm->size());
  return true;
}

}  // extern "C"
