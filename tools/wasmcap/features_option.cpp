#include "features_option.h"

namespace wasmcap::cli {

void addFeaturesOption(CLI::App* cmd, std::string& list) {
  cmd->add_option("--wasm-features", list,
                  "Turn WebAssembly features on (+name or name) or off (-name), comma-separated: extended-const, "
                  "tail-call, multi-memory, memory64, function-references, exceptions, relaxed-simd, gc, threads; "
                  "all = every 3.0 feature (on by default), so -all accepts only WebAssembly 2.0")
      ->type_name("LIST");
}

Result<Features> featuresFromOption(const std::string& list) {
  auto features = Features().apply(list);
  if (!features) {
    Error e = features.error();
    e.message = "--wasm-features: " + e.message;
    return e;
  }
  return features;
}

}  // namespace wasmcap::cli
