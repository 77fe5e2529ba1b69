#include "script/script_runner.h"

#include <exception>
#include <map>
#include <memory>
#include <optional>

#include "binary/decoder.h"
#include "runtime/linker.h"
#include "script/extern_refs.h"
#include "text/module_file.h"
#include "script/spectest.h"
#include "script/value_match.h"
#include "text/wat.h"
#include "validate/validator.h"

namespace wasmcap::script {
namespace {

using text::ScriptCommand;
using Kind = ScriptCommand::Kind;

// Failure reasons stay one readable line.
std::string clip(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  constexpr size_t kMax = 300;
  if (s.size() > kMax) s = s.substr(0, kMax) + "...";
  return s;
}

// Everything one script run owns: the store, the spectest module, the
// instances by id and the current module.
class Session {
 public:
  Session(runtime::Executor& executor, const RunnerOptions& options, ScriptReport& report)
      : executor_(executor), options_(options), store_(executor, options.limits), report_(report) {}

  bool setUp() {
    // Code compiled with fuel checks runs with a tank that never empties: the
    // scripts then test that the checks change nothing else.
    if (executor_.options().consumeFuel) store_.fuel = UINT64_MAX;
    auto r = defineSpectest(store_, linker_);
    if (!r.ok()) {
      fail(0, "cannot create the spectest module: " + r.error().describe());
      return false;
    }
    return true;
  }

  void execute(const ScriptCommand& cmd) {
    try {
      dispatch(cmd);
    } catch (const std::exception& e) {
      fail(cmd.line, std::string("internal error: exception: ") + e.what());
    }
  }

 private:
  // A module slot: null when the module failed to load or instantiate.
  using Slot = runtime::Instance*;

  struct ActionResult {
    std::optional<std::string> error;  // the action could not be performed at all
    std::optional<runtime::Trap> trap;
    std::vector<runtime::Value> values;
  };

  void pass(uint32_t line) { report_.outcomes.push_back({line, true, {}}); }
  void fail(uint32_t line, std::string reason) { report_.outcomes.push_back({line, false, clip(std::move(reason))}); }
  void check(uint32_t line, const std::optional<std::string>& failure) {
    if (failure) {
      fail(line, *failure);
    } else {
      pass(line);
    }
  }

  void dispatch(const ScriptCommand& cmd) {
    switch (cmd.kind) {
      case Kind::Module: return check(cmd.line, defineModule(cmd.module));
      case Kind::Register: return check(cmd.line, registerModule(cmd));
      case Kind::Action: return check(cmd.line, bareAction(cmd.action));
      case Kind::AssertReturn: return check(cmd.line, assertReturn(cmd));
      case Kind::AssertTrap:
        return check(cmd.line, cmd.hasModule ? assertModuleTrap(cmd) : assertActionTrap(cmd, "trap"));
      case Kind::AssertExhaustion: return check(cmd.line, assertActionTrap(cmd, "exhaustion"));
      case Kind::AssertException: return check(cmd.line, assertException(cmd));
      case Kind::AssertMalformed: return check(cmd.line, assertMalformed(cmd));
      case Kind::AssertInvalid: return check(cmd.line, assertInvalid(cmd));
      case Kind::AssertUnlinkable: return check(cmd.line, assertInstantiationFails(cmd, ErrorCode::Unlinkable));
      case Kind::AssertUninstantiable:
        return check(cmd.line, assertInstantiationFails(cmd, ErrorCode::Uninstantiable));
    }
    fail(cmd.line, "unknown command kind");
  }

  // The binary of a script module (quoted text is parsed here).
  Result<std::vector<uint8_t>> bytesOf(const text::ScriptModule& m) {
    if (m.textError) return *m.textError;
    if (m.form == text::ScriptModule::Form::Quote) return text::watToBinary(m.quote);
    return m.bytes;
  }

  Result<std::shared_ptr<const runtime::CompiledModule>> compile(const text::ScriptModule& m) {
    WASMCAP_TRY_ASSIGN(std::vector<uint8_t> bytes, bytesOf(m));
    return runtime::loadModule(executor_, std::move(bytes));
  }

  Result<runtime::Instance*> instantiate(const text::ScriptModule& m) {
    WASMCAP_TRY_ASSIGN(auto compiled, compile(m));
    std::string name = m.id ? *m.id : std::string();
    if (!name.empty() && name[0] == '$') name.erase(0, 1);
    return linker_.instantiate(store_, std::move(compiled), name);
  }

  std::optional<std::string> defineModule(const text::ScriptModule& m) {
    if (m.definitionOnly) {
      auto compiled = compile(m);
      if (!compiled.ok()) return "module definition failed: " + compiled.error().describe();
      return std::nullopt;
    }
    auto instance = instantiate(m);
    Slot slot = instance.ok() ? *instance : nullptr;
    current_ = slot;
    if (m.id) byId_[*m.id] = slot;
    if (!instance.ok()) return "module failed: " + instance.error().describe();
    return std::nullopt;
  }

  // The instance an action or register names; an error text when there is none.
  Result<runtime::Instance*> target(const std::optional<std::string>& id) {
    std::optional<Slot> slot;
    if (id) {
      auto it = byId_.find(*id);
      if (it == byId_.end()) return Error(ErrorCode::Usage, "unknown module " + *id);
      slot = it->second;
    } else {
      if (!current_) return Error(ErrorCode::Usage, "no module defined before this command");
      slot = current_;
    }
    if (*slot == nullptr) return Error(ErrorCode::Usage, "the module " + (id ? *id + " " : std::string()) + "failed to load");
    return *slot;
  }

  std::optional<std::string> registerModule(const ScriptCommand& cmd) {
    auto instance = target(cmd.action.moduleId);
    if (!instance.ok()) return "register \"" + cmd.registerName + "\": " + instance.error().message;
    linker_.defineInstance(cmd.registerName, **instance);
    return std::nullopt;
  }

  runtime::Value toValue(const text::ScriptConst& c) {
    using runtime::Value;
    switch (c.type.code) {
      case ir::TypeCode::I32: return Value::i32(static_cast<uint32_t>(c.bits));
      case ir::TypeCode::I64: return Value::i64(c.bits);
      case ir::TypeCode::F32: return Value::f32Bits(static_cast<uint32_t>(c.bits));
      case ir::TypeCode::F64: return Value::f64Bits(c.bits);
      case ir::TypeCode::V128: {
        runtime::V128 v;
        std::copy(std::begin(c.v128), std::end(c.v128), v.bytes);
        return Value::v128(v);
      }
      case ir::TypeCode::ExternRef:
        return Value::ref(c.type, c.refNull ? nullptr : externs_.refFor(c.externIndex));
      default:
        return Value::ref(c.type, nullptr);
    }
  }

  ActionResult perform(const text::ScriptAction& action) {
    ActionResult out;
    auto instance = target(action.moduleId);
    if (!instance.ok()) {
      out.error = instance.error().message;
      return out;
    }
    const runtime::Extern* ext = (*instance)->findExport(action.field);
    if (!ext) {
      out.error = "no export \"" + action.field + "\"";
      return out;
    }
    if (action.kind == text::ScriptAction::Kind::Get) {
      runtime::Global* global = ext->asGlobal();
      if (!global) {
        out.error = "export \"" + action.field + "\" is not a global";
      } else {
        out.values.push_back(global->get());
      }
      return out;
    }
    runtime::FuncInst* func = ext->asFunc();
    if (!func) {
      out.error = "export \"" + action.field + "\" is not a function";
      return out;
    }
    const auto& params = func->type.params;
    bool argsFit = params.size() == action.args.size();
    for (size_t i = 0; argsFit && i < params.size(); ++i) argsFit = params[i].code == action.args[i].type.code;
    if (!argsFit) {
      out.error = "arguments do not match \"" + action.field + "\" " + ir::funcTypeToString(func->type);
      return out;
    }
    std::vector<runtime::Value> args;
    args.reserve(action.args.size());
    for (const auto& a : action.args) args.push_back(toValue(a));
    for (const auto& t : func->type.results) out.values.push_back(runtime::Value::zero(t));
    out.trap = runtime::invoke(store_, *func, args, out.values);
    return out;
  }

  std::optional<std::string> bareAction(const text::ScriptAction& action) {
    ActionResult r = perform(action);
    if (r.error) return *r.error;
    if (r.trap) return "\"" + action.field + "\" trapped: " + r.trap->message;
    return std::nullopt;
  }

  std::string describeResults(const std::vector<runtime::Value>& values,
                              const std::vector<text::ScriptExpected>& like) {
    std::string out = "(";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out += ", ";
      out += describeActual(values[i], externs_, i < like.size() ? &like[i] : nullptr);
    }
    return out + ")";
  }

  static std::string describeExpectedList(const std::vector<text::ScriptExpected>& expected) {
    std::string out = "(";
    for (size_t i = 0; i < expected.size(); ++i) {
      if (i) out += ", ";
      out += describeExpected(expected[i]);
    }
    return out + ")";
  }

  std::optional<std::string> assertReturn(const ScriptCommand& cmd) {
    ActionResult r = perform(cmd.action);
    if (r.error) return *r.error;
    if (r.trap) return "\"" + cmd.action.field + "\" trapped: " + r.trap->message;
    if (cmd.alternatives.empty()) {
      if (matchesResults(r.values, cmd.expected, externs_)) return std::nullopt;
      return "\"" + cmd.action.field + "\" returned " + describeResults(r.values, cmd.expected) + ", expected " +
             describeExpectedList(cmd.expected);
    }
    std::string wanted;
    for (const auto& alternative : cmd.alternatives) {
      if (matchesResults(r.values, alternative, externs_)) return std::nullopt;
      wanted += (wanted.empty() ? "" : " or ") + describeExpectedList(alternative);
    }
    return "\"" + cmd.action.field + "\" returned " + describeResults(r.values, cmd.alternatives.front()) +
           ", expected " + wanted;
  }

  std::optional<std::string> assertException(const ScriptCommand& cmd) {
    ActionResult r = perform(cmd.action);
    if (r.error) return *r.error;
    if (!r.trap) {
      return "\"" + cmd.action.field + "\" returned " + describeResults(r.values, {}) + ", expected an exception";
    }
    if (r.trap->kind != runtime::TrapKind::UncaughtException) {
      return "\"" + cmd.action.field + "\" trapped with \"" + r.trap->message + "\", expected an exception";
    }
    return std::nullopt;
  }

  std::optional<std::string> assertActionTrap(const ScriptCommand& cmd, const char* what) {
    ActionResult r = perform(cmd.action);
    if (r.error) return *r.error;
    if (!r.trap) {
      return "\"" + cmd.action.field + "\" returned " + describeResults(r.values, {}) + ", expected " + what +
             " \"" + cmd.message + "\"";
    }
    // As the reference interpreter does: the expected text is a prefix of the actual message.
    if (r.trap->message.compare(0, cmd.message.size(), cmd.message) != 0) {
      return "\"" + cmd.action.field + "\" trapped with \"" + r.trap->message + "\", expected \"" + cmd.message +
             "\"";
    }
    return std::nullopt;
  }

  std::optional<std::string> assertModuleTrap(const ScriptCommand& cmd) {
    auto instance = instantiate(cmd.module);
    if (instance.ok()) return "module instantiated, expected trap \"" + cmd.message + "\"";
    const Error& e = instance.error();
    if (e.code != ErrorCode::Uninstantiable && e.code != ErrorCode::Trap) {
      return "module failed with \"" + e.describe() + "\", expected trap \"" + cmd.message + "\"";
    }
    // The instantiation error may wrap the trap text ("start function: unreachable").
    if (e.message.find(cmd.message) == std::string::npos) {
      return "module trapped with \"" + e.message + "\", expected \"" + cmd.message + "\"";
    }
    return std::nullopt;
  }

  // With checkMessages, the expected text must be a prefix of the error message.
  std::optional<std::string> expectMessage(const Error& e, const std::string& expected) {
    if (!options_.checkMessages || e.message.compare(0, expected.size(), expected) == 0) return std::nullopt;
    return "failed with \"" + e.message + "\", expected \"" + expected + "\"";
  }

  std::optional<std::string> assertMalformed(const ScriptCommand& cmd) {
    auto bytes = bytesOf(cmd.module);
    if (!bytes.ok()) return expectMessage(bytes.error(), cmd.message);
    auto module = binary::decodeModule(std::move(*bytes), executor_.features());
    if (!module.ok()) return expectMessage(module.error(), cmd.message);
    // Body encodings are checked while validating; those errors are still Malformed.
    auto valid = validate::validateModule(*module, executor_.features());
    if (!valid.ok() && valid.error().code == ErrorCode::Malformed) return expectMessage(valid.error(), cmd.message);
    if (!valid.ok()) return "module rejected as " + valid.error().describe() + ", expected malformed";
    return std::string("module accepted, expected malformed");
  }

  std::optional<std::string> assertInvalid(const ScriptCommand& cmd) {
    auto bytes = bytesOf(cmd.module);
    if (!bytes.ok()) return "module text did not parse: " + bytes.error().describe() + ", expected invalid";
    auto module = binary::decodeModule(std::move(*bytes), executor_.features());
    if (!module.ok()) return "module rejected as " + module.error().describe() + ", expected invalid";
    auto valid = validate::validateModule(*module, executor_.features());
    if (valid.ok()) return std::string("module validated, expected invalid");
    if (valid.error().code != ErrorCode::Invalid) {
      return "module rejected as " + valid.error().describe() + ", expected invalid";
    }
    return expectMessage(valid.error(), cmd.message);
  }

  std::optional<std::string> assertInstantiationFails(const ScriptCommand& cmd, ErrorCode expected) {
    auto instance = instantiate(cmd.module);
    const std::string name(errorCodeName(expected));
    if (instance.ok()) return "module instantiated, expected " + name + " \"" + cmd.message + "\"";
    const Error& e = instance.error();
    const bool ok = e.code == expected || (expected == ErrorCode::Uninstantiable && e.code == ErrorCode::Trap);
    if (!ok) return "module failed with \"" + e.describe() + "\", expected " + name + " \"" + cmd.message + "\"";
    return expectMessage(e, cmd.message);
  }

  runtime::Executor& executor_;
  const RunnerOptions& options_;
  runtime::Store store_;
  runtime::Linker linker_;
  ExternRefs externs_;
  ScriptReport& report_;
  std::map<std::string, Slot> byId_;
  std::optional<Slot> current_;
};

}  // namespace

ScriptReport ScriptRunner::run(const text::Script& script, std::string file) {
  ScriptReport report;
  report.file = std::move(file);
  Session session(executor_, options_, report);
  if (!session.setUp()) return report;
  for (const auto& cmd : script.commands) session.execute(cmd);
  return report;
}

ScriptReport ScriptRunner::runText(std::string_view text, std::string file) {
  auto script = text::parseWast(text);
  if (!script.ok()) {
    ScriptReport report;
    report.file = std::move(file);
    report.outcomes.push_back({script.error().line, false, clip("script does not parse: " + script.error().describe())});
    return report;
  }
  return run(*script, std::move(file));
}

ScriptReport ScriptRunner::runFile(const std::string& path) {
  auto text = text::readFileText(path);
  if (!text.ok()) {
    ScriptReport report;
    report.file = path;
    report.outcomes.push_back({0, false, text.error().message});
    return report;
  }
  return runText(*text, path);
}

}  // namespace wasmcap::script
