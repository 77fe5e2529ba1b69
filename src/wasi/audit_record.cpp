#include "wasi/audit_record.h"

#include "wasi/policy.h"

namespace wasmcap::wasi {
namespace {

constexpr const char* kRightNames[] = {
    "fd_datasync",         "fd_read",
    "fd_seek",             "fd_fdstat_set_flags",
    "fd_sync",             "fd_tell",
    "fd_write",            "fd_advise",
    "fd_allocate",         "path_create_directory",
    "path_create_file",    "path_link_source",
    "path_link_target",    "path_open",
    "fd_readdir",          "path_readlink",
    "path_rename_source",  "path_rename_target",
    "path_filestat_get",   "path_filestat_set_size",
    "path_filestat_set_times", "fd_filestat_get",
    "fd_filestat_set_size", "fd_filestat_set_times",
    "path_symlink",        "path_remove_directory",
    "path_unlink_file",    "poll_fd_readwrite",
    "sock_shutdown",       "sock_accept",
};
static_assert(std::size(kRightNames) == 30, "one name per right of preview1");

std::string grantName(const Refusal& r) { return r.grant ? *r.grant : std::string("the directory"); }

std::string ruleText(const Refusal& r, std::string_view function) {
  switch (r.rule) {
    case RefusalRule::Policy: return "policy denies " + policyRefusalText(function, r.groups);
    case RefusalRule::ReadOnly: return grantName(r) + " is read-only";
    case RefusalRule::CreateOnly: return grantName(r) + " is create-only: existing files stay as they are";
    case RefusalRule::Outside: return "path leads outside " + grantName(r);
    case RefusalRule::Rights: {
      std::string names;
      for (const std::string& n : rightNames(r.missing)) names += (names.empty() ? "" : ",") + n;
      return "fd " + std::to_string(r.fd.value_or(0)) + " lacks " + names;
    }
    case RefusalRule::None: break;
  }
  return {};
}

}  // namespace

std::vector<std::string> rightNames(Rights rights) {
  std::vector<std::string> out;
  for (size_t bit = 0; bit < std::size(kRightNames); ++bit)
    if (rights & (Rights{1} << bit)) out.emplace_back(kRightNames[bit]);
  return out;
}

AuditRecord refusedRecord(const Refusal& refusal, std::string instance, std::string_view function) {
  AuditRecord rec;
  rec.time = std::chrono::system_clock::now();
  rec.instance = std::move(instance);
  rec.function = std::string(function);
  rec.fd = refusal.fd;
  rec.rights = rightNames(refusal.rights);
  rec.rule = ruleText(refusal, function);
  const Errno e = refusal.rule == RefusalRule::Outside ? Errno::Perm
                  : refusal.hidden                      ? Errno::Badf
                                                        : Errno::NotCapable;
  rec.errnoValue = static_cast<uint16_t>(e);
  rec.errnoName = errnoName(e);
  return rec;
}

AuditRecord grantedRecord(std::string instance, std::string_view function, Errno errnoValue) {
  AuditRecord rec;
  rec.time = std::chrono::system_clock::now();
  rec.instance = std::move(instance);
  rec.function = std::string(function);
  rec.granted = true;
  rec.errnoValue = static_cast<uint16_t>(errnoValue);
  rec.errnoName = errnoName(errnoValue);
  return rec;
}

}  // namespace wasmcap::wasi
