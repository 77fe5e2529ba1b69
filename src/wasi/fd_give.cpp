#include "wasi/fd_give.h"

#include <fcntl.h>

#include <algorithm>

#include "runtime/instance.h"
#include "wasi/audit_record.h"
#include "wasi/linker.h"

namespace wasmcap::wasi {
namespace {

using runtime::Value;

// The longest receiver name read from guest memory.
constexpr uint32_t kMaxNameLength = 1024;

bool importsFrom(const runtime::Instance* instance, std::string_view module) {
  if (!instance) return false;
  const auto& imports = instance->module().imports;
  return std::any_of(imports.begin(), imports.end(), [&](const ir::Import& i) { return i.module == module; });
}

Errno give(Context& giver, const ContextRegistry& registry, const runtime::HostCallContext& hc,
           std::span<const Value> args, std::string& receiverName) {
  const Fd fd = args[0].raw.i32;
  const Rights rights = args[1].raw.i64;
  const GuestMemory mem = callerMemory(hc);
  const uint32_t nameLen = args[3].raw.i32, receivedPtr = args[4].raw.i32;
  if (nameLen > kMaxNameLength || !mem.readString(args[2].raw.i32, nameLen, receiverName) || !mem.valid(receivedPtr, 4))
    return Errno::Fault;
  const FdEntry* entry = giver.fds().get(fd);
  if (!entry) return Errno::Badf;
  auto found = registry.byName.find(receiverName);
  // Only to an instance the giver calls: one its module imports from.
  if (found == registry.byName.end() || !importsFrom(hc.caller, receiverName)) return Errno::NoEnt;
  Context& receiver = *found->second;
  if (&receiver == &giver) return Errno::Inval;

  FdEntry copy;
  copy.host.reset(::fcntl(entry->host.get(), F_DUPFD_CLOEXEC, 3));
  if (!copy.host.valid()) return lastHostErrno();
  copy.type = entry->type;
  copy.kind = entry->kind;
  copy.base = entry->base & rights;  // never wider than the giver's
  copy.inheriting = entry->inheriting & rights;
  copy.fdflags = entry->fdflags;
  copy.access = entry->access;
  copy.grant = entry->grant;
  copy.created = entry->created;
  Fd received;
  if (Errno err = receiver.fds().insert(std::move(copy), received); err != Errno::Success) return err;
  mem.store<uint32_t>(receivedPtr, received);
  return Errno::Success;
}

}  // namespace

ir::FuncType fdGiveType() {
  ir::FuncType t;
  t.params = {ir::ValType::i32(), ir::ValType::i64(), ir::ValType::i32(), ir::ValType::i32(), ir::ValType::i32()};
  t.results = {ir::ValType::i32()};
  return t;
}

runtime::HostFunc fdGiveFunction(std::shared_ptr<Context> giver, std::shared_ptr<const ContextRegistry> registry) {
  return [giver, registry](runtime::HostCallContext& hc, std::span<const Value> args,
                           std::span<Value> results) -> std::optional<runtime::Trap> {
    std::string receiverName;
    const Errno err = give(*giver, *registry, hc, args, receiverName);
    results[0] = Value::i32(static_cast<uint16_t>(err));
    const std::optional<AuditLog>& audit = giver->audit();
    if (audit && err == Errno::NoEnt) {
      // Handing a descriptor to an instance it does not call: refused.
      AuditRecord rec = grantedRecord(hc.caller ? hc.caller->name : std::string(), kFdGive, err);
      rec.granted = false;
      rec.fd = static_cast<Fd>(args[0].raw.i32);
      rec.receiver = receiverName;
      rec.rule = "no instance \"" + receiverName + "\" that this one imports from";
      audit->write(rec);
    }
    if (audit && audit->recordsGranted() && err == Errno::Success) {
      AuditRecord rec = grantedRecord(hc.caller ? hc.caller->name : std::string(), kFdGive, err);
      rec.fd = static_cast<Fd>(args[0].raw.i32);
      rec.rights = rightNames(giver->fds().get(args[0].raw.i32)->base & args[1].raw.i64);
      rec.receiver = receiverName;
      audit->write(rec);
    }
    return std::nullopt;
  };
}

}  // namespace wasmcap::wasi
