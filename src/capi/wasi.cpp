// wasmcap.h: WASI configuration, and instantiating and running WASI
// programs through a Linker that binds their WASI imports.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "instance.hpp"
#include "wasi_config.hpp"

using namespace wasmcap::capi;

namespace wasmcap::capi {

bool preopen(wasi_config_t* config, const char* hostPath, const char* guestPath, wasmcap::wasi::Access access) {
  struct stat st;
  if (!hostPath || !guestPath || ::stat(hostPath, &st) != 0 || !S_ISDIR(st.st_mode)) {
    setLastError(std::string("not a directory: ") + (hostPath ? hostPath : "(null)"));
    return false;
  }
  config->config.preopen(hostPath, guestPath, access);
  return true;
}

}  // namespace wasmcap::capi

namespace {

enum Stream { kStdin = 0, kStdout = 1, kStderr = 2 };

wasmcap::wasi::Stdio& streamOf(wasi_config_t* config, Stream s) {
  switch (s) {
    case kStdin: return config->config.stdinStream;
    case kStdout: return config->config.stdoutStream;
    case kStderr: break;
  }
  return config->config.stderrStream;
}

// Points stream `s` at `stdio`, closing a file it had opened before.
void setStream(wasi_config_t* config, Stream s, wasmcap::wasi::Stdio stdio, int fd = -1) {
  if (config->fds[s] >= 0) ::close(config->fds[s]);
  config->fds[s] = fd;
  streamOf(config, s) = std::move(stdio);
}

bool setStreamFile(wasi_config_t* config, Stream s, const char* path, int flags) {
  int fd = path ? ::open(path, flags | O_CLOEXEC, 0666) : -1;
  if (fd < 0) {
    setLastError(std::string("cannot open ") + (path ? path : "(null)") + ": " + std::strerror(errno));
    return false;
  }
  setStream(config, s, wasmcap::wasi::Stdio::hostFd(fd), fd);
  return true;
}

// A linker with WASI from `config` and the module's other imports from
// `imports`, in the order the module declares them.
wasmcap::Result<wasmcap::Linker> wasiLinker(wasm_store_t* store, const wasmcap::Module& module,
                                            const wasi_config_t* config, const wasm_extern_vec_t* imports) {
  wasmcap::Result<std::vector<wasmcap::Extern>> externs = importsFromC(store, imports);
  if (!externs) return std::move(externs).error();
  wasmcap::Linker linker(*store->store);
  WASMCAP_TRY(linker.defineWasi(config->config));
  size_t next = 0;
  for (const wasmcap::ImportType& import : module.imports()) {
    if (import.module == wasmcap::wasi::kPreview1Module) continue;
    if (next == externs->size())
      return wasmcap::Error(wasmcap::ErrorCode::Unlinkable,
                            "no import given for " + import.module + "::" + import.name + " (only " +
                                std::to_string(externs->size()) + " given for the non-WASI imports)");
    WASMCAP_TRY(linker.define(import.module, import.name, (*externs)[next++]));
  }
  return linker;
}

std::vector<std::string> hostArgs() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (size_t start = 0; start < all.size();) {
    size_t end = all.find('\0', start);
    if (end == std::string::npos) end = all.size();
    args.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return args;
}

}  // namespace

extern "C" {

wasi_config_t* wasi_config_new(void) { return new wasi_config_t; }

void wasi_config_delete(wasi_config_t* config) { delete config; }

bool wasi_config_set_argv(wasi_config_t* config, size_t argc, const char* argv[]) {
  std::vector<std::string> args;
  for (size_t i = 0; i < argc; ++i) {
    if (!argv[i]) {
      setLastError("wasi_config_set_argv: argument " + std::to_string(i) + " is NULL");
      return false;
    }
    args.emplace_back(argv[i]);
  }
  config->config.args = std::move(args);
  return true;
}

void wasi_config_inherit_argv(wasi_config_t* config) { config->config.args = hostArgs(); }

bool wasi_config_set_env(wasi_config_t* config, size_t envc, const char* names[], const char* values[]) {
  for (size_t i = 0; i < envc; ++i) {
    if (!names[i] || !values[i] || !*names[i] || std::strchr(names[i], '=')) {
      setLastError("wasi_config_set_env: variable " + std::to_string(i) + " has no valid name or value");
      return false;
    }
  }
  for (size_t i = 0; i < envc; ++i) config->config.setEnv(names[i], values[i]);
  return true;
}

void wasi_config_inherit_env(wasi_config_t* config) { config->config.inheritEnv = true; }

bool wasi_config_set_stdin_file(wasi_config_t* config, const char* path) {
  return setStreamFile(config, kStdin, path, O_RDONLY);
}

void wasi_config_set_stdin_bytes(wasi_config_t* config, wasm_byte_vec_t* bytes) {
  setStream(config, kStdin, wasmcap::wasi::Stdio::bytes(std::string(stringFromC(bytes))));
  wasm_byte_vec_delete(bytes);
}

void wasi_config_inherit_stdin(wasi_config_t* config) { setStream(config, kStdin, wasmcap::wasi::Stdio::inherit()); }

bool wasi_config_set_stdout_file(wasi_config_t* config, const char* path) {
  return setStreamFile(config, kStdout, path, O_WRONLY | O_CREAT | O_TRUNC);
}

void wasi_config_inherit_stdout(wasi_config_t* config) { setStream(config, kStdout, wasmcap::wasi::Stdio::inherit()); }

bool wasi_config_set_stderr_file(wasi_config_t* config, const char* path) {
  return setStreamFile(config, kStderr, path, O_WRONLY | O_CREAT | O_TRUNC);
}

void wasi_config_inherit_stderr(wasi_config_t* config) { setStream(config, kStderr, wasmcap::wasi::Stdio::inherit()); }

void wasi_config_capture_stdout(wasi_config_t* config, const wasmcap_capture_t* capture) {
  setStream(config, kStdout, wasmcap::wasi::Stdio::capture(capture->capture));
}

void wasi_config_capture_stderr(wasi_config_t* config, const wasmcap_capture_t* capture) {
  setStream(config, kStderr, wasmcap::wasi::Stdio::capture(capture->capture));
}

bool wasi_config_preopen_dir(wasi_config_t* config, const char* host_path, const char* guest_path) {
  return preopen(config, host_path, guest_path, wasmcap::wasi::Access::ReadWrite);
}

bool wasi_config_preopen_dir_readonly(wasi_config_t* config, const char* host_path, const char* guest_path) {
  return preopen(config, host_path, guest_path, wasmcap::wasi::Access::ReadOnly);
}

// ---- captures ----

wasmcap_capture_t* wasmcap_capture_new(void) { return new wasmcap_capture_t; }

void wasmcap_capture_contents(const wasmcap_capture_t* capture, wasm_byte_vec_t* out) {
  std::string contents = capture->capture.contents();
  bytesToC(out, contents.data(), contents.size());
}

void wasmcap_capture_delete(wasmcap_capture_t* capture) { delete capture; }

// ---- instantiating and running ----

wasm_instance_t* wasmcap_wasi_instance_new(wasm_store_t* store, const wasm_module_t* module,
                                           const wasi_config_t* config, const wasm_extern_vec_t* imports,
                                           wasm_trap_t** trap) {
  const wasmcap::Module& m = module->object->module();
  wasmcap::Result<wasmcap::Linker> linker = wasiLinker(store, m, config, imports);
  if (!linker) return instanceOrTrap(store, std::move(linker).error(), trap);
  wasmcap::Result<wasmcap::Instance> instance = linker->instantiate(m);
  // A reactor is initialized once, before anything else is called.
  if (instance) {
    if (wasmcap::Result<wasmcap::Func> init = instance->func("_initialize")) {
      wasmcap::Result<std::vector<wasmcap::Value>> r = init->call({});
      if (!r) return instanceOrTrap(store, std::move(r).error(), trap);
    }
  }
  return instanceOrTrap(store, std::move(instance), trap);
}

bool wasmcap_wasi_run_command(wasm_store_t* store, const wasm_module_t* module, const wasi_config_t* config,
                              const wasm_extern_vec_t* imports, int* exit_code, wasm_trap_t** trap) {
  if (trap) *trap = nullptr;
  const wasmcap::Module& m = module->object->module();
  wasmcap::Result<wasmcap::Linker> linker = wasiLinker(store, m, config, imports);
  wasmcap::Result<int32_t> status = linker ? wasmcap::wasi::runCommand(*linker, m)
                                           : wasmcap::Result<int32_t>(std::move(linker).error());
  if (!status) {
    setLastError(status.error());
    if (trap) *trap = trapFromError(store, status.error());
    return false;
  }
  if (exit_code) *exit_code = *status;
  return true;
}

}  // extern "C"
