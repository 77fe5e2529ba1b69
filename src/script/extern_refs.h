// Host references for scripts: `ref.extern N` must be a distinct non-null
// externref per N that maps back to N when a function returns it.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include "runtime/value.h"

namespace wasmcap::script {

class ExternRefs {
 public:
  // The reference standing for `ref.extern n` (created on first use, then stable).
  runtime::Ref refFor(uint32_t n);
  // N for a reference made by refFor, nullopt for anything else.
  std::optional<uint32_t> indexOf(runtime::Ref ref) const;

 private:
  // Each N owns a small heap cell whose address is the reference; never dereferenced.
  std::map<uint32_t, std::unique_ptr<uint32_t>> cells_;
  std::unordered_map<runtime::Ref, uint32_t> indices_;
};

}  // namespace wasmcap::script
