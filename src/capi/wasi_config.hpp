// wasi_config_t: a wasi::Config and the files it opened for the standard
// streams. Shared by the files implementing wasmcap.h's WASI functions.
#pragma once
#include <unistd.h>

#include "objects.hpp"

struct wasi_config_t {
  wasmcap::wasi::Config config;
  // The files opened by set_std*_file, which the config's streams name by
  // descriptor; closed with the config (programs get duplicates).
  int fds[3] = {-1, -1, -1};

  ~wasi_config_t() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
};

namespace wasmcap::capi {

// Grants a host directory with `access`; false (with the error recorded)
// when it is not a directory.
bool preopen(wasi_config_t* config, const char* hostPath, const char* guestPath, wasi::Access access);

}  // namespace wasmcap::capi
