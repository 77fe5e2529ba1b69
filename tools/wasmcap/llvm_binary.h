// The LLVM tier needs dlopen, which the statically linked `wasmcap` cannot
// do; so that `wasmcap run` in the interpreter keeps its static start-up, a
// second, dynamically linked build of the same CLI (`wasmcap-llvm`, installed
// next to it) runs whatever asks for --tier=llvm: `wasmcap` execs it with
// the same arguments. In a dynamically linked build both are one binary.
#pragma once

namespace wasmcap::cli {

// True when --tier=llvm can run (in this binary or through wasmcap-llvm).
bool llvmTierAvailable();

// Exec wasmcap-llvm with `argv` when this binary cannot load the tier itself
// (never returns then); 0 when this binary can; an exit code when the
// binary is missing (after a message).
int switchToLlvmBinary(char** argv);

}  // namespace wasmcap::cli
