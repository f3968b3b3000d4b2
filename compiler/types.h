// The checker's types. A type is a kind, the enum it belongs to (for enum kinds), whether the value
// may be unknown (`T?`), and whether it is a set of such values (only constant sets exist).
#pragma once

#include <cstdint>
#include <string>

namespace collat::ir {

enum class TypeKind : std::uint8_t {
  Number,   // binary64
  Percent,  // binary64, a fraction (15% is 0.15), shown as a percent
  Money,    // binary64, an amount in the policy's base currency
  Bool,
  Text,      // interned; equality and `in` only
  Enum,      // enum_id names the enum; ordered enums compare
  Date,      // days since 1970-01-01
  Duration,  // months and days
  Error,     // the type of an expression that already has a diagnostic
};

struct Type {
  TypeKind kind = TypeKind::Error;
  std::int32_t enum_id = -1;
  bool optional = false;
  bool is_set = false;

  friend bool operator==(const Type&, const Type&) = default;

  static Type Of(TypeKind kind, bool optional = false) { return {kind, -1, optional, false}; }
  static Type EnumOf(std::int32_t id, bool optional = false) {
    return {TypeKind::Enum, id, optional, false};
  }
  Type Required() const {
    Type t = *this;
    t.optional = false;
    return t;
  }
  Type Optional() const {
    Type t = *this;
    t.optional = true;
    return t;
  }
  bool IsNumeric() const {
    return !is_set &&
           (kind == TypeKind::Number || kind == TypeKind::Percent || kind == TypeKind::Money);
  }
};

}  // namespace collat::ir
