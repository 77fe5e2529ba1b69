// wasmcap.h: the call policy, create-only directories, the audit trail and
// deterministic runs of a wasi_config_t.
#include "wasi_config.hpp"

using namespace wasmcap::capi;

extern "C" {

bool wasi_config_preopen_dir_create(wasi_config_t* config, const char* host_path, const char* guest_path) {
  return preopen(config, host_path, guest_path, wasmcap::wasi::Access::Create);
}

void wasmcap_wasi_config_deny_all(wasi_config_t* config) {
  const wasmcap::wasi::DenyMode mode = config->config.policy.denyMode;
  config->config.policy = wasmcap::wasi::Policy::denyAll();
  config->config.policy.denyMode = mode;
}

void wasmcap_wasi_config_library_policy(wasi_config_t* config) {
  const wasmcap::wasi::DenyMode mode = config->config.policy.denyMode;
  config->config.policy = wasmcap::wasi::Policy::library();
  config->config.policy.denyMode = mode;
}

bool wasmcap_wasi_config_allow(wasi_config_t* config, const char* list) {
  wasmcap::Result<void> r = config->config.policy.allow(list ? list : "");
  if (!r) setLastError(r.error());
  return r.ok();
}

bool wasmcap_wasi_config_deny(wasi_config_t* config, const char* list) {
  wasmcap::Result<void> r = config->config.policy.deny(list ? list : "");
  if (!r) setLastError(r.error());
  return r.ok();
}

void wasmcap_wasi_config_set_deny_mode(wasi_config_t* config, wasmcap_deny_mode_t mode) {
  config->config.policy.denyMode =
      mode == WASMCAP_DENY_TRAP ? wasmcap::wasi::DenyMode::Trap : wasmcap::wasi::DenyMode::Errno;
}

bool wasmcap_wasi_config_audit_file(wasi_config_t* config, const char* path, bool all) {
  wasmcap::Result<wasmcap::wasi::AuditLog> log =
      path ? wasmcap::wasi::AuditLog::file(path)
           : wasmcap::Result<wasmcap::wasi::AuditLog>(wasmcap::Error(wasmcap::ErrorCode::Usage, "no audit path"));
  if (!log) {
    setLastError(log.error());
    return false;
  }
  log->withGranted(all);
  config->config.audit = *log;
  return true;
}

void wasmcap_wasi_config_deterministic(wasi_config_t* config, uint64_t seed) {
  wasmcap::wasi::Deterministic d;
  d.seed = seed;
  config->config.deterministic = d;
}

}  // extern "C"
