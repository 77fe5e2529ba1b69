// path_open beneath a create-only grant (Access::Create): new files may be
// created and written, existing ones only if this program created them.
#pragma once
#include <string>

#include "wasi/call.h"

namespace wasmcap::wasi {

// Opens `path` beneath `dir` (guest fd `dirFd`) with host open flags
// `flags` for an open that writes, creates or truncates. A new file is made
// with O_CREAT | O_EXCL, so nothing that exists is touched; an existing
// file is opened for writing only when Context::wasCreated says this
// program made it, checked before O_TRUNC could empty it; otherwise
// notcapable, with the refusal noted. `created` says whether the opened
// file is one of this program's.
Errno openInCreateGrant(Call& c, Fd dirFd, FdEntry& dir, const std::string& path, int flags, bool follow,
                        UniqueFd& out, bool& created);

}  // namespace wasmcap::wasi
