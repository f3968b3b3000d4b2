// The result of an evaluation, as values. Rendered as the stable JSON contract (report_json.h) or
// as text (report_text.h). Money is in the policy's base currency.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace collat::runtime {

enum class Status : std::uint8_t { Eligible, Ineligible, Unknown, Rejected };

struct ComponentResult {
  std::string id;  // the haircut or margin (or tiers) declaration's id
  ir::ComponentKind kind = ir::ComponentKind::Haircut;
  bool known = false;
  double value = 0;  // rate (haircut, tiers) or ratio (margin)
  std::string rule;  // the match arm (label) that chose it, when a match did
};

struct PositionResult {
  std::string id;
  Status status = Status::Unknown;
  std::vector<std::string> rules;    // deciding rule ids
  std::string reason;                // rejection or rule reason text
  std::vector<std::string> missing;  // fields whose absence made the status unknown
  std::vector<ComponentResult> components;
  double market_value = 0;
  double adjusted_value = 0;
  double excess = 0;
  double counted_value = 0;
};

struct Totals {
  double gross_value = 0;
  double eligible_value = 0;
  double haircut_value = 0;
  double concentration_excess = 0;
  double collateral_value = 0;
  double ineligible_value = 0;       // market value of ineligible positions
  double unknown_value = 0;          // market value of unknown positions
  double rejected_value = 0;         // market value of rejected positions (0 when not parsable)
  double eligible_market_value = 0;  // market value of eligible positions
};

struct LimitResult {
  std::string id;
  std::string group;  // the group key as text ("" for a limit without `by`)
  bool is_max = true;
  double cap = 0;
  double used = 0;
  double excess = 0;     // max limits: removed from counted value
  double shortfall = 0;  // min limits: how far below the floor
  bool breached = false;
  ir::LimitOn on = ir::LimitOn::Value;  // what `used` measures: money unless quantity
};

struct OutputResult {
  std::string name;
  ir::Type type;
  ir::Value value;
  std::string text;  // Text and Enum outputs, as text
};

struct AccountResult {
  std::string id;
  std::string rejection;
  Totals totals;
  std::vector<OutputResult> outputs;
  std::vector<LimitResult> limits;
  std::vector<PositionResult> positions;
};

struct Report {
  std::string policy_name;
  std::string policy_version;
  std::string policy_sha256;
  std::string currency;  // the base currency: every money figure is in it
  int money_places = 2;  // decimal places of every money figure (docs/language.md 15.4)
  std::int64_t valuation_date = 0;
  std::vector<std::string> warnings;  // e.g. a valuation date before the policy's effective date
  std::vector<AccountResult> accounts;
};

}  // namespace collat::runtime
