#include "wasmcap/features.hpp"

#include <array>

#include "wasmcap/error.hpp"

namespace wasmcap {
namespace {

struct Named {
  std::string_view name;
  bool Features::*flag;
  bool inAll;  // part of `all` (every feature beyond 2.0)
};

constexpr std::array<Named, 9> kNames = {{
    {"extended-const", &Features::extendedConst, true},
    {"tail-call", &Features::tailCall, true},
    {"multi-memory", &Features::multiMemory, true},
    {"memory64", &Features::memory64, true},
    {"function-references", &Features::functionReferences, true},
    {"exceptions", &Features::exceptions, true},
    {"relaxed-simd", &Features::relaxedSimd, true},
    {"gc", &Features::gc, true},
    {"threads", &Features::threads, true},
}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string knownNames() {
  std::string out = "all";
  for (const Named& n : kNames) out += ", " + std::string(n.name);
  return out;
}

}  // namespace

Features Features::wasm2() {
  Features f;
  for (const Named& n : kNames) f.*n.flag = false;
  return f;
}

Result<Features> Features::apply(std::string_view list) const {
  Features f = *this;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    bool on = item.front() != '-';
    if (item.front() == '-' || item.front() == '+') item.remove_prefix(1);
    bool known = false;
    for (const Named& n : kNames) {
      if (item == n.name || (item == "all" && n.inAll)) {
        f.*n.flag = on;
        known = true;
      }
    }
    if (!known) {
      return Error(ErrorCode::Usage,
                   "unknown WebAssembly feature \"" + std::string(item) + "\" (known: " + knownNames() + ")");
    }
  }
  if (f.gc && !f.functionReferences) return Error(ErrorCode::Usage, "the gc feature needs function-references");
  return f;
}

std::string Features::toString() const {
  std::string out;
  for (const Named& n : kNames) {
    if (!(this->*n.flag)) continue;
    if (!out.empty()) out += ',';
    out += n.name;
  }
  return out;
}

}  // namespace wasmcap
