// The types of WebAssembly values and of the objects a module imports and
// exports, as the embedder sees them (Module::imports()/exports(), Func::type(),
// and the arguments of Func/Memory/Table/Global::create).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wasmcap/export.hpp"

namespace wasmcap {

enum class ValKind : uint8_t { I32, I64, F32, F64, V128, FuncRef, ExternRef };

// A value type. A class rather than the bare kind so that typed references
// (WebAssembly 3.0) can add their heap type without changing signatures.
class WASMCAP_API ValType {
 public:
  constexpr ValType(ValKind kind = ValKind::I32) : kind_(kind) {}
  static constexpr ValType i32() { return ValKind::I32; }
  static constexpr ValType i64() { return ValKind::I64; }
  static constexpr ValType f32() { return ValKind::F32; }
  static constexpr ValType f64() { return ValKind::F64; }
  static constexpr ValType v128() { return ValKind::V128; }
  static constexpr ValType funcref() { return ValKind::FuncRef; }
  static constexpr ValType externref() { return ValKind::ExternRef; }

  constexpr ValKind kind() const { return kind_; }
  constexpr bool isNum() const { return kind_ <= ValKind::F64; }
  constexpr bool isRef() const { return kind_ == ValKind::FuncRef || kind_ == ValKind::ExternRef; }
  // "i32", "funcref", ... (the text format's names)
  const char* name() const;

  friend constexpr bool operator==(ValType a, ValType b) { return a.kind_ == b.kind_; }

 private:
  ValKind kind_;
};

struct WASMCAP_API FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  friend bool operator==(const FuncType&, const FuncType&) = default;
  // "(i32, i64) -> (f32)"
  std::string toString() const;
};

// Sizes of memories (in 64 KiB pages) and tables (in elements).
struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  friend bool operator==(const Limits&, const Limits&) = default;
};

struct MemoryType {
  Limits limits;        // in pages of 64 KiB
  bool shared = false;  // a shared memory (threads)
  bool is64 = false;    // addressed with i64 (memory64)
  friend bool operator==(const MemoryType&, const MemoryType&) = default;
};
inline constexpr uint64_t kWasmPageSize = 65536;

struct TableType {
  ValType element = ValType::funcref();
  Limits limits;
  friend bool operator==(const TableType&, const TableType&) = default;
};

struct GlobalType {
  ValType type;
  bool isMutable = false;
  friend bool operator==(const GlobalType&, const GlobalType&) = default;
};

enum class ExternKind : uint8_t { Func, Table, Memory, Global, Tag };

// "func", "table", "memory", "global", "tag"
WASMCAP_API const char* externKindName(ExternKind kind);

// The type of an import or export: one of the four object types. (Tags, from
// exception handling, report ExternKind::Tag with their function type.)
class WASMCAP_API ExternType {
 public:
  ExternType(FuncType t) : kind_(ExternKind::Func), type_(std::move(t)) {}
  ExternType(TableType t) : kind_(ExternKind::Table), type_(t) {}
  ExternType(MemoryType t) : kind_(ExternKind::Memory), type_(t) {}
  ExternType(GlobalType t) : kind_(ExternKind::Global), type_(t) {}
  static ExternType tag(FuncType t) { ExternType e(std::move(t)); e.kind_ = ExternKind::Tag; return e; }

  ExternKind kind() const { return kind_; }
  // The type for its kind, or null.
  const FuncType* func() const { return kind_ == ExternKind::Func ? std::get_if<FuncType>(&type_) : nullptr; }
  const TableType* table() const { return std::get_if<TableType>(&type_); }
  const MemoryType* memory() const { return std::get_if<MemoryType>(&type_); }
  const GlobalType* global() const { return std::get_if<GlobalType>(&type_); }
  const FuncType* tag() const { return kind_ == ExternKind::Tag ? std::get_if<FuncType>(&type_) : nullptr; }

  friend bool operator==(const ExternType&, const ExternType&) = default;

 private:
  ExternKind kind_;
  std::variant<FuncType, TableType, MemoryType, GlobalType> type_;
};

struct ImportType {
  std::string module;
  std::string name;
  ExternType type;
};

struct ExportType {
  std::string name;
  ExternType type;
};

}  // namespace wasmcap
