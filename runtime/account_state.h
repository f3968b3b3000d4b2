// The state of one account while it is evaluated: the report entry being built plus what later
// steps read back (output values, limit breaches). Expressions read it through a Scope; what they
// may read depends on the phase, so that a value is only ever read once it is final.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"
#include "runtime/report_build.h"

namespace collat::runtime {

// The steps of docs/language.md 15.2, as far as expressions care.
enum class Phase : std::uint8_t {
  Positions,  // step 2: eligibility, components, tiers and limit keys. No totals, no measures.
  Limits,     // step 4: gross/eligible/haircut totals and the eligible, market_value and
              // adjusted_value measures are final; excess and counted values are not.
  Outputs,    // step 5: everything is final; outputs before the current one are known.
};

struct AccountState {
  std::uint32_t account = 0;         // index into Input::accounts
  std::uint32_t first_position = 0;  // Input::positions index of the account's first position
  std::uint32_t position_count = 0;
  Phase phase = Phase::Positions;
  // The report being built: the account's record (totals, limits, outputs) and its positions'
  // entries in the columns (Row).
  const ReportFrame* frame = nullptr;
  AccountRecord* record = nullptr;
  ArmTable* arms = nullptr;
  std::vector<ir::Value> outputs;   // values of the outputs computed so far, written order
  std::vector<ir::Value> breached;  // per Policy::limits index; false unless applied

  std::size_t size() const { return position_count; }
  // The column index of the account's position `local`.
  std::size_t Index(std::size_t local) const { return first_position - frame->base + local; }
  ReportColumns& columns() const { return *frame->columns; }
  PositionRow Row(std::size_t local) const {
    return PositionRow(*frame->columns, *record, *arms, Index(local));
  }
  AccountPositions positions() const {
    return AccountPositions(*frame->columns, Index(0), position_count);
  }
  Status status(std::size_t local) const { return frame->columns->status[Index(local)]; }
  double market_value(std::size_t local) const {
    return frame->columns->market_value[Index(local)];
  }
  double adjusted_value(std::size_t local) const {
    return frame->columns->adjusted_value[Index(local)];
  }
  double excess(std::size_t local) const { return frame->columns->excess[Index(local)]; }
  double counted_value(std::size_t local) const {
    return frame->columns->counted_value[Index(local)];
  }
};

// Where an expression is evaluated: an account, and a position of it or none (account context).
struct Scope {
  const AccountState* account = nullptr;  // never null
  std::int64_t position = -1;             // Input::positions index, -1 in account context
};

}  // namespace collat::runtime
