// Dynamic instruction profile of the dispatch loop, for tuning the lowering
// (which sequences deserve a superinstruction). Compiled in only when the
// build defines WASMCAP_INTERP_OP_PROFILE (cmake -DWASMCAP_INTERP_OP_PROFILE=ON);
// the counts of every handler and of every pair of consecutive handlers are
// printed to stderr when the process exits.
#pragma once

namespace wasmcap::interp {

// Count one executed instruction whose handler address is `handler`.
void opProfileRecord(const void* handler);

}  // namespace wasmcap::interp
