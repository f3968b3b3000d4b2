// The result of an evaluation as plain values, field for field the report of the JSON contract
// (docs/language.md 15.7). Money is in the policy's base currency. ToJson() and ToText() render the
// report exactly as `collat eval --format json` and `collat eval` print it, byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collat/values.h"

namespace collat {

enum class Status { Eligible, Ineligible, Unknown, Rejected };

// "eligible", "ineligible", "unknown" or "rejected".
const char* StatusName(Status status);

enum class ComponentKind { Haircut, Margin };

struct ComponentResult {
  std::string id;  // the haircut, margin or tiers declaration's id
  ComponentKind kind = ComponentKind::Haircut;
  bool known = false;
  double value = 0;  // rate (haircut, tiers) or ratio (margin)
  std::string rule;  // the match arm that chose it, when a match did
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
  double eligible_market_value = 0;  // JSON totals.by_status.eligible
  double ineligible_value = 0;       // by_status.ineligible, and so on
  double unknown_value = 0;
  double rejected_value = 0;
};

struct LimitResult {
  std::string id;
  std::string group;  // the group key as text; "" for a limit without `by`
  bool is_max = true;
  std::string on = "value";  // what `used` measures: "value", "market_value" or "quantity"
  double cap = 0;
  double used = 0;
  double excess = 0;     // max limits: removed from counted value
  double shortfall = 0;  // min limits: how far below the floor
  bool breached = false;
};

struct OutputResult {
  std::string name;
  ValueType type = ValueType::Number;
  bool optional = false;
  bool known = false;      // false: the output is unknown (null in JSON)
  double number = 0;       // Number, Percent (a fraction), Money
  bool boolean = false;    // Bool
  Date date;               // Date
  Duration duration;       // Duration
  std::string text;        // Text and Enum
  std::string value_text;  // the value as the JSON contract spells it; "unknown" when unknown
};

struct AccountResult {
  std::string id;
  std::string rejection;  // non-empty: the account itself was rejected, naming the field
  Totals totals;
  std::vector<OutputResult> outputs;
  std::vector<LimitResult> limits;
  std::vector<PositionResult> positions;
};

struct Report {
  std::string policy_name;
  std::string policy_version;
  std::string policy_sha256;
  std::string currency;  // the base currency of every money figure
  int precision = 2;     // decimal places every money figure is exact to
  Date valuation_date;
  std::vector<std::string> warnings;
  std::vector<AccountResult> accounts;

  // Pretty-printed JSON ending in a newline: the stable contract, byte-identical for equal reports.
  // Like the standard containers, these two may throw std::bad_alloc, and nothing else.
  std::string ToJson() const;
  // The aligned text report of `collat eval`. For people, not for tools.
  std::string ToText() const;
};

}  // namespace collat
