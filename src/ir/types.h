// Value, function, table, memory and global types of the module IR.
// Shaped for Wasm 3.0: ValType carries a heap type so typed references and GC
// types fit; Limits are 64-bit with a shared flag; memories and tables know
// their address type.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmcap::ir {

// Binary encodings of the value/heap type constructors (one byte, negative SLEB).
enum class TypeCode : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
  ExnRef = 0x69,     // exception handling: (ref null exn)
  // 3.0 reference type constructors in the binary format, each followed by
  // a heap type (s33: a type index, or an abstract heap type's code above).
  // GC adds AnyRef = 0x6E, EqRef = 0x6D, ...
  RefNull = 0x63,
  Ref = 0x64,
  Func = 0x60,       // function type in the type section
  EmptyBlock = 0x40, // block type with no results
};

// A value type. Numeric/vector types use `code` alone. A reference type's
// `code` is its abstract heap type (FuncRef, ExternRef, ExnRef) or, for a
// concrete heap type (typed function references), FuncRef with the type
// index in `heapIndex`; `nullable` tells (ref null ht) from (ref ht).
struct ValType {
  TypeCode code = TypeCode::I32;
  bool nullable = true;      // reference types only
  uint32_t heapIndex = ~0u;  // concrete type index for typed refs (3.0), else ~0u

  constexpr ValType() = default;
  constexpr ValType(TypeCode c) : code(c) {}

  static constexpr ValType i32() { return TypeCode::I32; }
  static constexpr ValType i64() { return TypeCode::I64; }
  static constexpr ValType f32() { return TypeCode::F32; }
  static constexpr ValType f64() { return TypeCode::F64; }
  static constexpr ValType v128() { return TypeCode::V128; }
  static constexpr ValType funcref() { return TypeCode::FuncRef; }
  static constexpr ValType externref() { return TypeCode::ExternRef; }

  static constexpr ValType exnref() { return TypeCode::ExnRef; }
  // (ref null? ht) with an abstract heap type `c`, or the concrete type `index`.
  static constexpr ValType ref(TypeCode c, bool nullable) {
    ValType t(c);
    t.nullable = nullable;
    return t;
  }
  static constexpr ValType typedRef(uint32_t index, bool nullable) {
    ValType t(TypeCode::FuncRef);
    t.nullable = nullable;
    t.heapIndex = index;
    return t;
  }

  constexpr bool isRef() const {
    return code == TypeCode::FuncRef || code == TypeCode::ExternRef || code == TypeCode::ExnRef;
  }
  constexpr bool isConcrete() const { return heapIndex != ~0u; }
  // A local of this type starts as its default value (non-null references have none).
  constexpr bool defaultable() const { return !isRef() || nullable; }
  // The nullable form of a reference type (the type itself otherwise).
  constexpr ValType asNullable(bool n = true) const {
    ValType t = *this;
    t.nullable = n;
    return t;
  }
  constexpr bool isNum() const {
    return code == TypeCode::I32 || code == TypeCode::I64 || code == TypeCode::F32 || code == TypeCode::F64;
  }
  constexpr bool isVec() const { return code == TypeCode::V128; }
  // Size of a value of this type in the interpreter's 8-byte slots.
  constexpr unsigned slots() const { return code == TypeCode::V128 ? 2 : 1; }

  friend constexpr bool operator==(const ValType& a, const ValType& b) {
    return a.code == b.code && a.nullable == b.nullable && a.heapIndex == b.heapIndex;
  }
};

// "i32", "funcref", ... (the abstract name of a typed reference)
const char* valTypeName(ValType t);
// The full name: "i32", "funcref", "(ref 3)", "(ref null func)".
std::string valTypeString(ValType t);

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  friend bool operator==(const FuncType&, const FuncType&) = default;
};
std::string funcTypeToString(const FuncType& t);  // "(i32, i64) -> (f32)"

// A subtype in a recursive group. 2.0 modules have one final func type per group.
struct SubType {
  bool final = true;
  std::vector<uint32_t> supertypes;
  FuncType func;  // 3.0: a variant of func/struct/array
};
struct RecGroup {
  uint32_t firstTypeIndex = 0;
  uint32_t count = 1;
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  bool shared = false;  // threads
  bool is64 = false;    // memory64 / table64 address type
};

struct MemoryType {
  Limits limits;  // in 64 KiB pages
};

struct TableType {
  ValType elem = ValType::funcref();
  Limits limits;
};

struct GlobalType {
  ValType type;
  bool mut = false;
};

struct TagType {  // exception tags (3.0)
  uint32_t typeIndex = 0;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };
const char* externKindName(ExternKind k);

constexpr uint32_t kPageSize = 65536;
constexpr uint64_t kMaxPages32 = 65536;  // 4 GiB

}  // namespace wasmcap::ir
