// What an InputBuilder holds before Build(): the values as given, positions column by column.
// Internal to api/ (input_builder.cpp sets it, input_build.cpp turns it into a runtime::Input).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "collat/input_builder.h"
#include "compiler/ir.h"

namespace collat {

// One position field's values. `kind` may be shorter than the positions: the rest are missing.
// `numbers` and `texts` are sized on first use, up to the last index of their kind.
struct BuilderColumn {
  std::vector<std::uint8_t> kind;  // FieldValue::Kind
  std::vector<double> numbers;
  std::vector<std::string> texts;
};

// An account or the market: field values by name, in the order first set (a later set of the
// same name replaces the value).
struct BuilderRecord {
  std::string id;
  std::vector<std::pair<std::string, FieldValue>> fields;
};

struct InputBuilder::State {
  State(Policy p, const ir::Policy& compiled)
      : policy(std::move(p)), ir(&compiled), columns(compiled.position_fields.size()) {}

  Policy policy;  // keeps the compiled policy alive
  const ir::Policy* ir;
  std::optional<Date> valuation_date;
  std::vector<std::pair<std::string, double>> fx;
  BuilderRecord market;
  std::vector<BuilderRecord> accounts;
  std::vector<std::string> position_ids;
  std::vector<std::uint32_t> position_account;
  std::vector<BuilderColumn> columns;         // one per position field
  std::vector<std::string> position_problem;  // sized on first use: a field the schema lacks
  std::string failure;      // an exception a setter caught (out of memory), for Build()
  std::string usage_error;  // the first out-of-range index, for Build()
};

// The checks and conversion of Build().
Expected<Input> BuildInput(const InputBuilder::State& state);

}  // namespace collat
