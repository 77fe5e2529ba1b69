#include "wasi/fd_table.h"

namespace wasmcap::wasi {

FdEntry* FdTable::get(Fd fd) {
  if (fd >= slots_.size()) return nullptr;
  return slots_[fd].get();
}

Errno FdTable::lookup(Fd fd, Rights rights, FdEntry*& out) {
  out = get(fd);
  if (!out) return Errno::Badf;
  if (!out->has(rights)) return Errno::NotCapable;
  return Errno::Success;
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
