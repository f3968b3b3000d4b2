// A compiled policy's input schema: the fields every position, account and market record has,
// with their types, as an embedder needs them to build inputs (InputBuilder) or to map its own
// data model onto the policy.
#pragma once

#include <string>
#include <vector>

#include "collat/values.h"

namespace collat {

struct FieldInfo {
  std::string name;
  ValueType type = ValueType::Number;
  bool optional = false;                 // `T?`: may be unknown
  bool has_default = false;              // `= value`: an absent value takes it
  std::string enum_name;                 // ValueType::Enum: the enum's name
  std::vector<std::string> enum_labels;  // ValueType::Enum: labels as declared
  std::string description;
};

struct Schema {
  std::string base_currency;  // ISO code; money in reports is in this currency
  std::vector<FieldInfo> position_fields;
  std::vector<FieldInfo> account_fields;
  std::vector<FieldInfo> market_fields;
};

}  // namespace collat
