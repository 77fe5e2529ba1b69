#include "wasi/fd_table.h"

namespace wasmcap::wasi {

FdEntry* FdTable::get(Fd fd) {
  if (fd >= slots_.size()) return nullptr;
  return slots_[fd].get();
}

Errno FdTable::lookup(Fd fd, Rights rights, FdEntry*& out) {
  out = get(fd);
  if (!out) return Errno::Badf;
  if (!out->has(rights)) [[unlikely]]
    return refuse(fd, *out, rights);
  return Errno::Success;
}

Errno FdTable::refuse(Fd fd, const FdEntry& entry, Rights asked) {
  // A mutating right missing beneath a read-only or create-only grant is the
  // grant's doing; anything else is the descriptor's own rights.
  const Rights missing = asked & ~entry.base;
  RefusalRule rule = RefusalRule::Rights;
  if ((missing & right::Mutating) && entry.access == Access::ReadOnly) rule = RefusalRule::ReadOnly;
  if ((missing & right::Mutating) && entry.access == Access::Create) rule = RefusalRule::CreateOnly;
  refusal_ = Refusal{rule, fd, asked, missing, entry.grant, 0};
  return Errno::NotCapable;
}

Errno FdTable::insert(FdEntry entry, Fd& out) {
  if (open_ >= maxOpen_) return Errno::Nfile;
  size_t fd = 0;
  while (fd < slots_.size() && slots_[fd]) ++fd;
  if (fd == slots_.size()) slots_.emplace_back();
  slots_[fd] = std::make_unique<FdEntry>(std::move(entry));
  ++open_;
  out = static_cast<Fd>(fd);
  return Errno::Success;
}

void FdTable::insertAt(Fd fd, FdEntry entry) {
  if (fd >= slots_.size()) slots_.resize(fd + 1);
  if (!slots_[fd]) ++open_;
  slots_[fd] = std::make_unique<FdEntry>(std::move(entry));
}

Errno FdTable::close(Fd fd) {
  if (!get(fd)) return Errno::Badf;
  slots_[fd].reset();
  --open_;
  return Errno::Success;
}

Errno FdTable::renumber(Fd from, Fd to) {
  if (!get(from) || !get(to)) return Errno::Badf;
  if (from == to) return Errno::Success;
  slots_[to] = std::move(slots_[from]);
  --open_;
  return Errno::Success;
}

}  // namespace wasmcap::wasi
