// Building and reading vectors lane by lane in tests.
#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "runtime/value.h"

namespace wasmcap::test {

// A vector whose lanes of type T are `lanes` (lane 0 first).
template <typename T>
runtime::V128 vec(std::initializer_list<T> lanes) {
  runtime::V128 v;
  size_t i = 0;
  for (T x : lanes) std::memcpy(v.bytes + sizeof(T) * i++, &x, sizeof(T));
  return v;
}

template <typename T>
std::vector<T> lanes(const runtime::V128& v) {
  std::vector<T> out(16 / sizeof(T));
  for (size_t i = 0; i < out.size(); ++i) std::memcpy(&out[i], v.bytes + sizeof(T) * i, sizeof(T));
  return out;
}

}  // namespace wasmcap::test
