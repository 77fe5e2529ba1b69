#include "script/extern_refs.h"

namespace wasmcap::script {

runtime::Ref ExternRefs::refFor(uint32_t n) {
  auto& cell = cells_[n];
  if (!cell) {
    cell = std::make_unique<uint32_t>(n);
    indices_[cell.get()] = n;
  }
  return cell.get();
}

std::optional<uint32_t> ExternRefs::indexOf(runtime::Ref ref) const {
  auto it = indices_.find(ref);
  if (it == indices_.end()) return std::nullopt;
  return it->second;
}

}  // namespace wasmcap::script
