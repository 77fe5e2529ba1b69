#include "jit/llvm_loader.h"

#include <dlfcn.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <vector>

namespace wasmcap::jit {

namespace {

constexpr const char* kLibraryName = "libwasmcap-llvm.so";

std::string dirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::vector<std::string> candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("WASMCAP_LLVM_LIBRARY"); env && *env) out.push_back(env);
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n > 0) {
    exe[n] = 0;
    out.push_back(dirOf(exe) + "/" + kLibraryName);
    out.push_back(dirOf(exe) + "/../lib/" + kLibraryName);
  }
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&llvmTierBuilt), &info) != 0 && info.dli_fname)
    out.push_back(dirOf(info.dli_fname) + "/" + kLibraryName);
#ifdef WASMCAP_LLVM_BUILD_DIR
  out.push_back(std::string(WASMCAP_LLVM_BUILD_DIR) + "/" + kLibraryName);
#endif
#ifdef WASMCAP_LLVM_INSTALL_DIR
  out.push_back(std::string(WASMCAP_LLVM_INSTALL_DIR) + "/" + kLibraryName);
#endif
  return out;
}

std::atomic<bool> gLoaded{false};

// A statically linked program has no dynamic loader (AT_BASE is 0) and
// cannot load a library that needs one (libLLVM).
bool canLoadLibraries() { return getauxval(AT_BASE) != 0; }

// dlopen, looked up rather than referenced: a static link of the core (the
// static `wasmcap`, which never loads the tier) then gets no warning about it.
using DlopenFn = void* (*)(const char*, int);
DlopenFn dlopenFunction() { return reinterpret_cast<DlopenFn>(dlsym(RTLD_DEFAULT, "dlopen")); }

}  // namespace

bool llvmTierBuilt() {
#ifdef WASMCAP_HAVE_LLVM
  constexpr bool built = true;
#else
  constexpr bool built = false;
#endif
  return built && canLoadLibraries();
}

std::string findLlvmLibrary() {
  if (!llvmTierBuilt()) return {};
  for (const std::string& path : candidates())
    if (access(path.c_str(), R_OK) == 0) return path;
  return {};
}

bool llvmLibraryLoaded() { return gLoaded.load(std::memory_order_acquire); }

Result<const LlvmLibrary*> llvmLibrary() {
  static std::once_flag once;
  static LlvmLibrary library;
  static std::string failure;
  std::call_once(once, [] {
    if (!llvmTierBuilt()) {
#ifdef WASMCAP_HAVE_LLVM
      failure = "a statically linked program cannot load the LLVM tier";
#else
      failure = "this wasmcap was built without the LLVM tier";
#endif
      return;
    }
    std::string tried;
    for (const std::string& path : candidates()) {
      if (access(path.c_str(), R_OK) != 0) continue;
      DlopenFn open = dlopenFunction();
      void* handle = open ? open(path.c_str(), RTLD_NOW | RTLD_LOCAL) : nullptr;
      if (!handle) {
        const char* why = dlerror();
        tried += "\n  " + path + ": " + (why ? why : "cannot be loaded");
        continue;
      }
      library.compile = reinterpret_cast<WcCompileFn>(dlsym(handle, "wasmcap_llvm_compile"));
      library.release = reinterpret_cast<WcReleaseFn>(dlsym(handle, "wasmcap_llvm_release"));
      library.version = reinterpret_cast<WcVersionFn>(dlsym(handle, "wasmcap_llvm_version"));
      if (!library.compile || !library.release || !library.version) {
        tried += "\n  " + path + ": not a wasmcap LLVM tier library";
        dlclose(handle);
        library = {};
        continue;
      }
      library.path = path;  // never unloaded: compiled code may outlive any user
      gLoaded.store(true, std::memory_order_release);
      return;
    }
    failure = std::string("cannot load ") + kLibraryName + " (set WASMCAP_LLVM_LIBRARY)" + tried;
  });
  if (!llvmLibraryLoaded()) return Error(ErrorCode::Unsupported, failure);
  return &library;
}

}  // namespace wasmcap::jit
