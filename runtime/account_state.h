// The state of one account while it is evaluated: the report entry being built plus what later
// steps read back (output values, limit breaches). Expressions read it through a Scope; what they
// may read depends on the phase, so that a value is only ever read once it is final.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"
#include "runtime/report.h"

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
  std::uint32_t first_position = 0;  // Input::positions index of result.positions[0]
  Phase phase = Phase::Positions;
  AccountResult result;             // positions in input order, totals, limits, outputs
  std::vector<ir::Value> outputs;   // values of the outputs computed so far, written order
  std::vector<ir::Value> breached;  // per Policy::limits index; false unless applied
};

// Where an expression is evaluated: an account, and a position of it or none (account context).
struct Scope {
  const AccountState* account = nullptr;  // never null
  std::int64_t position = -1;             // Input::positions index, -1 in account context
};

}  // namespace collat::runtime
