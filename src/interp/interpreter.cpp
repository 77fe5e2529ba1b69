#include "interp/interpreter.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#include "interp/exec_state.h"
#include "interp/lower.h"
#include "runtime/native_stack.h"
#include "runtime/trap_handler.h"

namespace wasmcap::interp {

Result<std::unique_ptr<runtime::CompiledCode>> Interpreter::compile(const ir::Module& module) {
  auto code = std::make_unique<ModuleCode>();
  const void* const* handlers = handlerTable();
  code->funcs.reserve(module.functions.size());
  for (uint32_t i = 0; i < module.functions.size(); ++i) {
    WASMCAP_TRY_ASSIGN(auto f, lowerFunction(module, module.importedFuncs + i, handlers, options_));
    code->funcs.push_back(std::move(f));
  }
  // Calls within the module jump straight to the callee's code.
  for (auto& f : code->funcs) {
    for (size_t cell : f->directCalls) {
      f->code[cell].ptr = code->funcs[f->code[cell].u - module.importedFuncs].get();
    }
  }
  return std::unique_ptr<runtime::CompiledCode>(std::move(code));
}

namespace {

std::optional<runtime::Trap> runThunk(void* ctx) { return execute(*static_cast<RunContext*>(ctx)); }

}  // namespace

std::optional<runtime::Trap> Interpreter::call(runtime::Store& store, runtime::FuncInst& func,
                                               std::span<const runtime::Value> args,
                                               std::span<runtime::Value> results) {
  if (func.isHost()) {
    runtime::HostCallContext hctx{store, nullptr};
    return func.host(hctx, args, results);
  }
  ExecState& st = execState(store);
  Frame* caller = st.cur;
  Slot* fp = st.top();
  const auto* cf = static_cast<const CompiledFunction*>(func.code);
  if (fp + cf->frameSlots > st.stackEnd || caller + 1 == st.framesEnd ||
      runtime::nativeStackLow()) {
    return runtime::Trap(runtime::TrapKind::CallStackExhausted);
  }
  Slot* p = fp;
  for (const runtime::Value& v : args) {
    valueToSlots(v, p);
    p += v.type.slots();
  }

  RunContext ctx{&st, &store, &func, fp};
  std::optional<runtime::Trap> trap = runtime::runGuarded(runThunk, &ctx);
  if (trap) {
    // A fault abandons the loop before it could record the backtrace.
    if (trap->kind == runtime::TrapKind::MemoryOutOfBounds && trap->backtrace.empty()) {
      appendBacktrace(*trap, st.cur, caller, nullptr);
    }
    st.cur = caller;
    return trap;
  }
  st.cur = caller;
  p = fp;
  for (size_t i = 0; i < results.size(); ++i) {
    ir::ValType t = func.type.results[i];
    results[i] = slotsToValue(t, p);
    p += t.slots();
  }
  return std::nullopt;
}

// ---- ExecState --------------------------------------------------------------

ExecState::ExecState(const runtime::Limits& limits) {
  size_t slots = std::max<uint64_t>(limits.maxValueStackBytes / sizeof(Slot), 1024);
  stack.reset(new Slot[slots]);  // left uninitialized: frames zero their locals
  stackBase = stack.get();
  stackEnd = stackBase + slots;
  size_t frameCount = size_t{limits.maxCallDepth} + 1;  // + the sentinel
  // Frame is an aggregate, so malloc'd storage holds Frame objects
  // implicitly; only the sentinel needs values now.
  frames.reset(static_cast<Frame*>(std::malloc(frameCount * sizeof(Frame))));
  if (!frames) throw std::bad_alloc();
  cur = frames.get();
  *cur = Frame{};
  cur->fp = stackBase;
  framesEnd = frames.get() + frameCount;
}

ExecState& execState(runtime::Store& store) {
  if (!store.executorState) store.executorState = std::make_shared<ExecState>(store.limits());
  return *static_cast<ExecState*>(store.executorState.get());
}

uint64_t CompiledFunction::wasmOffset(const Cell* pc) const {
  if (pc < code.data() || pc >= code.data() + code.size() || offsets.empty()) return 0;
  uint32_t cell = static_cast<uint32_t>(pc - code.data());
  auto it = std::upper_bound(offsets.begin(), offsets.end(), cell,
                             [](uint32_t c, const std::pair<uint32_t, uint32_t>& e) { return c < e.first; });
  return it == offsets.begin() ? 0 : std::prev(it)->second;
}

void appendBacktrace(runtime::Trap& trap, const Frame* innermost, const Frame* stop, const Cell* pc) {
  for (const Frame* f = innermost; f != stop && f->cf != nullptr; --f) {
    runtime::TrapFrame tf;
    tf.funcIndex = f->cf->funcIndex;
    // Where each frame was: the trapping instruction, then the calls.
    const Cell* at = f == innermost ? pc : (f + 1)->retPc - 1;
    if (at) tf.codeOffset = f->cf->wasmOffset(at);
    if (const runtime::Instance* inst = f->inst) {
      tf.funcName = inst->module().funcName(tf.funcIndex);
      tf.moduleName = inst->name;
      tf.instance = inst;
    }
    trap.backtrace.push_back(std::move(tf));
  }
}

// ---- values <-> slots ---------------------------------------------------------

void valueToSlots(const runtime::Value& v, Slot* dst) {
  switch (v.type.code) {
    case ir::TypeCode::I32: case ir::TypeCode::F32:
      dst[0] = v.raw.i32;
      break;
    case ir::TypeCode::V128:
      std::memcpy(dst, v.raw.v128.bytes, 16);
      break;
    case ir::TypeCode::FuncRef: case ir::TypeCode::ExternRef: case ir::TypeCode::ExnRef:
      dst[0] = reinterpret_cast<uintptr_t>(v.raw.ref);
      break;
    default:
      dst[0] = v.raw.i64;
      break;
  }
}

runtime::Value slotsToValue(ir::ValType t, const Slot* src) {
  switch (t.code) {
    case ir::TypeCode::I32: case ir::TypeCode::F32: {
      runtime::Value v = runtime::Value::i32(static_cast<uint32_t>(src[0]));
      v.type = t;
      return v;
    }
    case ir::TypeCode::V128:
      return runtime::Value::v128(readV128(src, 0));
    case ir::TypeCode::FuncRef: case ir::TypeCode::ExternRef: case ir::TypeCode::ExnRef:
      return runtime::Value::ref(t, reinterpret_cast<runtime::Ref>(src[0]));
    default: {
      runtime::Value v = runtime::Value::i64(src[0]);
      v.type = t;
      return v;
    }
  }
}

std::optional<runtime::Trap> callHost(runtime::Store& store, runtime::FuncInst& func, runtime::Instance* caller,
                                      Slot* args) {
  std::vector<runtime::Value> in, out;
  in.reserve(func.type.params.size());
  const Slot* p = args;
  for (ir::ValType t : func.type.params) {
    in.push_back(slotsToValue(t, p));
    p += t.slots();
  }
  out.reserve(func.type.results.size());
  for (ir::ValType t : func.type.results) out.push_back(runtime::Value::zero(t));
  if (func.nativeCode) {  // another tier's code: through the store's executor
    if (auto trap = store.executor().call(store, func, in, out)) return trap;
  } else {
    runtime::HostCallContext hctx{store, caller};
    if (auto trap = func.host(hctx, in, out)) return trap;
  }
  Slot* q = args;
  for (const runtime::Value& v : out) {
    valueToSlots(v, q);
    q += v.type.slots();
  }
  return std::nullopt;
}

}  // namespace wasmcap::interp
