#include "wasi/checked_call.h"

#include "runtime/instance.h"
#include "wasi/audit_record.h"
#include "wasi/policy.h"

namespace wasmcap::wasi {
namespace {

using runtime::Value;

std::optional<Fd> fdArgument(const FunctionTraits& t, std::span<const Value> args) {
  if (t.fdArg < 0) return std::nullopt;
  return args[static_cast<size_t>(t.fdArg)].raw.i32;
}

// The guest path argument as far as it can be read (for the record only).
std::optional<std::string> pathArgument(const Call& call, const FunctionTraits& t, std::span<const Value> args) {
  if (t.pathArg < 0) return std::nullopt;
  const uint32_t ptr = args[static_cast<size_t>(t.pathArg)].raw.i32;
  const uint32_t len = args[static_cast<size_t>(t.pathArg) + 1].raw.i32;
  std::string path;
  if (len > 4096 || !call.mem.readString(ptr, len, path)) return std::nullopt;
  return path;
}

std::string instanceName(const runtime::HostCallContext& hc) { return hc.caller ? hc.caller->name : std::string(); }

// Whether a granted call is one the audit log records when asked to: file
// system and socket operations.
bool recordedWhenGranted(uint16_t groups) {
  return groups & (groupBit(Group::FsRead) | groupBit(Group::FsWrite) | groupBit(Group::Sock));
}

// fd_prestat_get on a preopened directory whose calls the policy denies
// (fs-read and fs-write both denied, other groups allowed) answers EBADF
// in either deny mode, as if the directory had not been granted: the C
// library probes the preopens at start-up, and its program must still
// start (its opens beneath the directory then fail with ENOTCAPABLE).
bool hidesPreopen(const Context& ctx, size_t fn) {
  static const size_t prestatGet = *functionIndex("fd_prestat_get");
  return fn == prestatGet && ctx.binding(fn) == Binding::Checked;
}

}  // namespace

std::optional<runtime::Trap> checkedCall(Call& call, const runtime::HostCallContext& hc, size_t fn, Invoke invoke,
                                         std::span<const Value> args, std::span<Value> results) {
  Context& ctx = call.ctx;
  const FunctionTraits& traits = functionTraits()[fn];
  const AuditLog* audit = ctx.audit() ? &*ctx.audit() : nullptr;
  Refusal& refusal = ctx.fds().refusal();
  if (audit) refusal = Refusal{};

  // Which groups this call belongs to, where something needs to know.
  uint16_t groups = 0;
  bool refused = false;
  switch (ctx.binding(fn)) {
    case Binding::Allowed:
      if (audit && audit->recordsGranted()) groups = callGroups(ctx, fn, args);
      break;
    case Binding::Denied:
      refused = true;
      groups = callGroups(ctx, fn, args);  // for the message only
      break;
    case Binding::Checked:
      groups = callGroups(ctx, fn, args);
      // No group: a descriptor the program does not have; the function says EBADF.
      refused = groups && !(groups & allowedGroups(ctx.policy(), fn));
      break;
  }

  std::optional<runtime::Trap> trap;
  if (refused) {
    refusal = Refusal{RefusalRule::Policy, fdArgument(traits, args), 0, 0, nullptr, groups};
    if (hidesPreopen(ctx, fn)) {
      refusal.hidden = true;
      results[0] = Value::i32(static_cast<uint16_t>(Errno::Badf));
    } else if (ctx.policy().denyMode == DenyMode::Trap) {
      trap = runtime::Trap(runtime::TrapKind::Host,
                           "WASI call " + policyRefusalText(traits.name, groups) + " denied by the policy");
    } else if (!results.empty()) {
      results[0] = Value::i32(static_cast<uint16_t>(Errno::NotCapable));
    }
  } else {
    trap = invoke(call, args, results);
  }
  if (!audit) return trap;

  if (refusal.rule != RefusalRule::None) {
    AuditRecord rec = refusedRecord(refusal, instanceName(hc), traits.name);
    if (!rec.fd) rec.fd = fdArgument(traits, args);
    rec.path = pathArgument(call, traits, args);
    rec.trapped = refused && trap.has_value();
    audit->write(rec);
  } else if (audit->recordsGranted() && recordedWhenGranted(groups) && !trap && !results.empty() &&
             results[0].raw.i32 == 0) {
    AuditRecord rec = grantedRecord(instanceName(hc), traits.name, Errno::Success);
    rec.fd = fdArgument(traits, args);
    rec.path = pathArgument(call, traits, args);
    audit->write(rec);
  }
  return trap;
}

}  // namespace wasmcap::wasi
