// An evaluation input bound to a policy's schema: market data, accounts and their positions, held
// column by column. Immutable and thread-safe; cheap to copy (copies share the data). Made by an
// InputBuilder or LoadInputFile (input_builder.h). Any policy with the same schema can evaluate it,
// so inputs survive a hot reload that changes rules but not fields.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

#include "collat/values.h"

namespace collat {

class Input {
 public:
  Date valuation_date() const;
  std::size_t account_count() const;
  std::size_t position_count() const;
  // Positions the loader rejected (each has a reason naming the field in the report).
  std::size_t rejected_position_count() const;

  struct State;

 private:
  friend struct InputAccess;
  explicit Input(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace collat
