// A Module: decoded, validated and compiled code, ready to be instantiated
// any number of times, in any store of its engine, on any thread. Immutable;
// copies share it.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasmcap/engine.hpp"
#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"

namespace wasmcap {

class WASMCAP_API Module {
 public:
  // From the binary format. Errors: Malformed (with the section and byte
  // offset), Invalid (validation), Unsupported.
  static Result<Module> fromBytes(const Engine& engine, std::span<const uint8_t> wasm);
  // From the text format (WAT). Malformed errors carry line:column.
  static Result<Module> fromWat(const Engine& engine, std::string_view wat);
  // From a file: binary when it starts with "\0asm" or is named *.wasm, else
  // text. Io when it cannot be read.
  static Result<Module> fromFile(const Engine& engine, const std::string& path);

  // Decode and validate without compiling (what `wasmcap validate` does),
  // accepting what `features` allow beyond 2.0.
  static Result<void> validate(std::span<const uint8_t> wasm, const Features& features = Features());

  // A byte form of the module that deserialize() turns back into a Module of
  // an engine with the same configuration. The format is wasmcap's own and
  // may change between versions: deserialize() refuses bytes of another
  // version or configuration (Malformed), and validates the module again, so
  // corrupted bytes are an error, never a crash.
  Result<std::vector<uint8_t>> serialize() const;
  static Result<Module> deserialize(const Engine& engine, std::span<const uint8_t> bytes);

  // The module's name from its name section (empty when it has none).
  std::string name() const;
  // Imports and exports in the order the module declares them.
  std::vector<ImportType> imports() const;
  std::vector<ExportType> exports() const;
  // Every memory and table in index order (imported ones first), exported
  // or not: what instantiating the module may allocate.
  std::vector<MemoryType> memories() const;
  std::vector<TableType> tables() const;
  Engine engine() const;

  friend bool operator==(const Module& a, const Module& b) { return a.impl_ == b.impl_; }

  struct Impl;

 private:
  friend struct ApiAccess;
  explicit Module(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// WAT text to the binary format.
WASMCAP_API Result<std::vector<uint8_t>> watToWasm(std::string_view wat);

// A module file as binary: a file starting with "\0asm" or named *.wasm as
// it is, anything else parsed as WAT and encoded. Io names the path when it
// cannot be read.
WASMCAP_API Result<std::vector<uint8_t>> readModuleFile(const std::string& path);

}  // namespace wasmcap
