#include "ir/module.h"

namespace wasmcap::ir {

std::string Module::funcName(uint32_t funcIndex) const {
  auto it = names.functions.find(funcIndex);
  if (it != names.functions.end()) return it->second;
  return "func[" + std::to_string(funcIndex) + "]";
}

}  // namespace wasmcap::ir
