// Module: loading, validation, serialization and reflection.
#include <cstring>

#include "api/impl.h"
#include "binary/decoder.h"
#include "text/module_file.h"
#include "text/wat.h"
#include "validate/validator.h"

namespace wasmcap {

namespace {

Result<Module> compile(const Engine& engine, std::vector<uint8_t> bytes) {
  WASMCAP_TRY_ASSIGN(auto compiled, runtime::loadModule(executorOf(engine), std::move(bytes)));
  auto impl = std::make_shared<Module::Impl>();
  impl->engine = engine;
  impl->compiled = std::move(compiled);
  return ApiAccess::makeModule(std::move(impl));
}

// Serialized form: magic, the library version, the engine settings that
// change compiled code, then the module's binary.
constexpr char kMagic[8] = {'W', 'C', 'A', 'P', 'M', 'O', 'D', '1'};

uint8_t settingsByte(const EngineConfig& c) {
  return static_cast<uint8_t>((c.consumeFuel ? 1 : 0) | (c.interruptible ? 2 : 0) |
                              (static_cast<uint8_t>(c.tier) << 2));
}

ExternType importType(const ir::Module& m, const ir::Import& imp) {
  switch (imp.kind) {
    case ir::ExternKind::Func: return fromRuntime(m.types[imp.typeIndex].func);
    case ir::ExternKind::Table: return fromRuntime(imp.table);
    case ir::ExternKind::Memory: return fromRuntime(imp.memory);
    case ir::ExternKind::Global: return fromRuntime(imp.global);
    case ir::ExternKind::Tag: break;
  }
  return ExternType::tag(fromRuntime(m.types[imp.typeIndex].func));
}

ExternType exportType(const ir::Module& m, const ir::Export& e) {
  switch (e.kind) {
    case ir::ExternKind::Func: return fromRuntime(m.funcType(e.index));
    case ir::ExternKind::Table: return fromRuntime(m.tables[e.index]);
    case ir::ExternKind::Memory: return fromRuntime(m.memories[e.index]);
    case ir::ExternKind::Global: return fromRuntime(m.globalTypes[e.index]);
    case ir::ExternKind::Tag: break;
  }
  return ExternType::tag(fromRuntime(m.types[m.tags[e.index].typeIndex].func));
}

}  // namespace

Result<Module> Module::fromBytes(const Engine& engine, std::span<const uint8_t> wasm) {
  return compile(engine, std::vector<uint8_t>(wasm.begin(), wasm.end()));
}

Result<Module> Module::fromWat(const Engine& engine, std::string_view wat) {
  WASMCAP_TRY_ASSIGN(std::vector<uint8_t> bytes, text::watToBinary(wat));
  return compile(engine, std::move(bytes));
}

Result<Module> Module::fromFile(const Engine& engine, const std::string& path) {
  WASMCAP_TRY_ASSIGN(std::vector<uint8_t> bytes, text::loadModuleFile(path));
  return compile(engine, std::move(bytes));
}

Result<void> Module::validate(std::span<const uint8_t> wasm, const Features& features) {
  WASMCAP_TRY_ASSIGN(ir::Module module,
                     binary::decodeModule(std::vector<uint8_t>(wasm.begin(), wasm.end()), features));
  return validate::validateModule(module, features);
}

Result<std::vector<uint8_t>> Module::serialize() const {
  const std::vector<uint8_t>& wasm = impl_->compiled->module.bytes;
  const std::string_view ver = wasmcap::version();
  std::vector<uint8_t> out(kMagic, kMagic + sizeof kMagic);
  out.push_back(static_cast<uint8_t>(ver.size()));
  out.insert(out.end(), ver.begin(), ver.end());
  out.push_back(settingsByte(impl_->engine.config()));
  out.insert(out.end(), wasm.begin(), wasm.end());
  return out;
}

Result<Module> Module::deserialize(const Engine& engine, std::span<const uint8_t> bytes) {
  auto refuse = [](const std::string& why) { return Error(ErrorCode::Malformed, "not a serialized module: " + why); };
  if (bytes.size() < sizeof kMagic + 2 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return refuse("it does not start with the wasmcap module header");
  size_t at = sizeof kMagic;
  const size_t verLen = bytes[at++];
  if (bytes.size() < at + verLen + 1) return refuse("the header is truncated");
  std::string_view ver(reinterpret_cast<const char*>(bytes.data() + at), verLen);
  if (ver != wasmcap::version())
    return refuse("it was made by wasmcap " + std::string(ver) + ", this is " + wasmcap::version());
  at += verLen;
  if (bytes[at++] != settingsByte(engine.config()))
    return refuse("it was compiled with other engine settings (fuel, interruption or tier)");
  // The module is validated again: cheap, and corrupted bytes are then an
  // error rather than undefined behaviour.
  return compile(engine, std::vector<uint8_t>(bytes.begin() + static_cast<ptrdiff_t>(at), bytes.end()));
}

std::string Module::name() const { return impl_->compiled->module.names.module.value_or(""); }

std::vector<ImportType> Module::imports() const {
  const ir::Module& m = impl_->compiled->module;
  std::vector<ImportType> out;
  out.reserve(m.imports.size());
  for (const ir::Import& imp : m.imports) out.push_back({imp.module, imp.name, importType(m, imp)});
  return out;
}

std::vector<ExportType> Module::exports() const {
  const ir::Module& m = impl_->compiled->module;
  std::vector<ExportType> out;
  out.reserve(m.exports.size());
  for (const ir::Export& e : m.exports) out.push_back({e.name, exportType(m, e)});
  return out;
}

std::vector<MemoryType> Module::memories() const {
  std::vector<MemoryType> out;
  for (const ir::MemoryType& t : impl_->compiled->module.memories) out.push_back(fromRuntime(t));
  return out;
}

std::vector<TableType> Module::tables() const {
  std::vector<TableType> out;
  for (const ir::TableType& t : impl_->compiled->module.tables) out.push_back(fromRuntime(t));
  return out;
}

Engine Module::engine() const { return impl_->engine; }

Result<std::vector<uint8_t>> watToWasm(std::string_view wat) { return text::watToBinary(wat); }

Result<std::vector<uint8_t>> readModuleFile(const std::string& path) { return text::loadModuleFile(path); }

}  // namespace wasmcap
