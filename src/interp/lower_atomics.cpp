// Lowering the threads instructions: every atomic access names its memory
// and offset in cells and checks its own address (bounds, then alignment;
// see interp/atomics.h), for any memory and address type. They take no part
// in the fusions: labels on both sides keep those from reaching in, and
// their results are plain slots.
#include "interp/lowerer.h"

namespace wasmcap::interp::lowering {

void Lowerer::lowerAtomic(const binary::Instr& ins) {
  markLabel();
  if (ins.op == Opcode::AtomicFence) {
    emitOp(Opcode::AtomicFence);
  } else {
    std::string_view sig = ins.info->sig;
    const size_t colon = sig.find(':');
    uint32_t operands[3] = {};
    for (size_t i = colon; i-- > 0;) operands[i] = pop().src;
    emitOp(ins.op);
    if (colon + 1 < sig.size()) emitU(push(sigType(sig[colon + 1], ins.mem.memory)));
    for (size_t i = 0; i < colon; ++i) emitU(operands[i]);
    emitU(ins.mem.offset);
    emitU(ins.mem.memory);
  }
  markLabel();
  result_ = {};
}

}  // namespace wasmcap::interp::lowering
