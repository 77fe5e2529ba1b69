#include "runtime/trap.h"

#include "runtime/instance.h"
#include "util/api_access.h"

#include <cstdio>

namespace wasmcap::runtime {

std::string Trap::describe() const {
  std::string out = message;
  if (kind == TrapKind::Exit) out += " (code " + std::to_string(exitCode) + ")";
  for (const TrapFrame& frame : backtrace) {
    out += "\n  at ";
    if (!frame.moduleName.empty()) out += frame.moduleName + "!";
    out += frame.funcName.empty() ? "func[" + std::to_string(frame.funcIndex) + "]" : frame.funcName;
    out += " (func " + std::to_string(frame.funcIndex) + ")";
    if (frame.codeOffset != 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " @0x%llx", static_cast<unsigned long long>(frame.codeOffset));
      out += buf;
    }
  }
  return out;
}

}  // namespace wasmcap::runtime

namespace wasmcap::runtime {

wasmcap::Trap toPublicTrap(const Trap& trap) {
  wasmcap::Trap out(trap.kind, trap.message);
  out.exitCode = trap.exitCode;
  if (trap.exception) {
    out.exceptionPayload = trap.exception->payload;
    ApiAccess::setTrapException(out, trap.exception);
  }
  out.backtrace.reserve(trap.backtrace.size());
  for (const TrapFrame& f : trap.backtrace) {
    wasmcap::Frame frame;
    frame.funcIndex = f.funcIndex;
    frame.moduleName = f.moduleName;
    frame.moduleOffset = f.codeOffset;
    if (const Instance* inst = f.instance) {
      const ir::Module& m = inst->module();
      // Only a real name: the runtime's own "func[N]" placeholder stays out.
      if (auto it = m.names.functions.find(f.funcIndex); it != m.names.functions.end()) frame.funcName = it->second;
      // Counted from the function's locals declarations, as V8 and wasmtime do.
      if (!m.isImportedFunc(f.funcIndex) && f.funcIndex - m.importedFuncs < m.functions.size() &&
          f.codeOffset >= m.function(f.funcIndex).entry.offset) {
        frame.funcOffset = f.codeOffset - m.function(f.funcIndex).entry.offset;
      }
      ApiAccess::setFrameInstance(frame, inst);
    } else {
      frame.funcName = f.funcName;
    }
    out.backtrace.push_back(std::move(frame));
  }
  return out;
}

Trap fromPublicTrap(const wasmcap::Trap& trap) {
  Trap out(trap.kind, trap.message);
  out.exitCode = trap.exitCode;
  out.exception = std::static_pointer_cast<Exception>(ApiAccess::trapException(trap));
  for (const wasmcap::Frame& f : trap.backtrace) {
    TrapFrame frame;
    frame.funcIndex = f.funcIndex;
    frame.funcName = f.funcName;
    frame.moduleName = f.moduleName;
    frame.codeOffset = f.moduleOffset;
    frame.instance = static_cast<const Instance*>(ApiAccess::frameInstance(f));
    out.backtrace.push_back(std::move(frame));
  }
  return out;
}

}  // namespace wasmcap::runtime
