#include "llvm_binary.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <wasmcap/engine.hpp>

#include "commands.h"

namespace wasmcap::cli {

namespace {

#ifdef WASMCAP_CLI_LLVM_BINARY
// The dynamically linked twin, next to this executable.
std::string twinPath() {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0) return WASMCAP_CLI_LLVM_BINARY;
  exe[n] = 0;
  std::string path(exe);
  return path.substr(0, path.rfind('/') + 1) + WASMCAP_CLI_LLVM_BINARY;
}
#endif

}  // namespace

bool llvmTierAvailable() {
#ifdef WASMCAP_CLI_LLVM_BINARY
  return access(twinPath().c_str(), X_OK) == 0;  // it checks for the tier's library itself
#else
  return tierAvailable(Tier::Llvm);
#endif
}

int switchToLlvmBinary(char** argv) {
#ifdef WASMCAP_CLI_LLVM_BINARY
  std::string twin = twinPath();
  execv(twin.c_str(), argv);
  std::fprintf(stderr, "wasmcap: --tier=llvm needs %s: %s\n", twin.c_str(), std::strerror(errno));
  return kExitFailure;
#else
  (void)argv;
  return 0;
#endif
}

}  // namespace wasmcap::cli
