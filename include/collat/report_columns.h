// The storage of a Report (collat/report.h): the result of an evaluation as typed columns, one
// entry per position in input order, plus a small record per account. This is the layout the C ABI
// and the Python bindings hand out as arrays; C++ embedders usually read it through Report's views.
//
// Strings are held once and referred to by index: rule ids, component ids, policy reasons and arm
// labels in the small tables below (copied from the policy when the report is made), position ids
// and rejection reasons in the evaluated input, which `input_owner` keeps alive. Only UNKNOWN
// positions carry a reason and missing fields of their own (AccountRecord::unknowns).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "collat/values.h"

namespace collat {

enum class Status : std::uint8_t { Eligible, Ineligible, Unknown, Rejected };

// "eligible", "ineligible", "unknown" or "rejected".
const char* StatusName(Status status);

enum class ComponentKind : std::uint8_t { Haircut, Margin };

// A position's entry for one component slot (ReportColumns::component_ids).
enum class ComponentState : std::uint8_t {
  Absent,   // the position has no such component (not eligible, or not a member of the tiers)
  Unknown,  // the component is unknown (null in JSON)
  Known,    // component_value holds the rate or ratio
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

// Why one UNKNOWN position is unknown.
struct UnknownDetail {
  std::uint32_t position = 0;        // report position index
  std::string reason;                // "unknown: rating (haircut asset)"
  std::vector<std::string> missing;  // fields whose absence made the status unknown, sorted
};

struct AccountRecord {
  std::string id;
  std::string rejection;             // non-empty: the account itself was rejected, naming the field
  std::uint32_t first_position = 0;  // its positions: [first_position, first + position_count)
  std::uint32_t position_count = 0;
  Totals totals;
  std::vector<OutputResult> outputs;
  std::vector<LimitResult> limits;
  std::vector<UnknownDetail> unknowns;  // one per UNKNOWN position, by position
};

// ReportColumns::reason codes beyond the `reasons` table.
inline constexpr std::uint32_t kReasonPositionRejection = 0xFFFFFFFDu;  // position_rejections[p]
inline constexpr std::uint32_t kReasonAccountRejection = 0xFFFFFFFEu;   // its account's rejection
inline constexpr std::uint32_t kReasonUnknownDetail = 0xFFFFFFFFu;      // its UnknownDetail

struct ReportColumns {
  // Header.
  std::string policy_name;
  std::string policy_version;
  std::string policy_sha256;
  std::string currency;  // the base currency of every money figure
  int precision = 2;     // decimal places every money figure is exact to
  Date valuation_date;
  std::vector<std::string> warnings;

  // Small string tables, referred to by index from the columns.
  std::vector<std::string> rule_ids;           // the policy's rules, written order
  std::vector<std::string> reasons;            // reasons[0] is ""
  std::vector<std::string> component_ids;      // one per component slot
  std::vector<ComponentKind> component_kinds;  // one per component slot
  std::vector<std::string> arms;  // match arm labels ("a/b" when nested); arms[0] is ""

  // Owned by the evaluated input (kept alive by input_owner): one per position.
  std::shared_ptr<const void> input_owner;
  std::span<const std::string> position_ids;
  std::span<const std::string> position_rejections;  // "" unless the loader rejected it

  // Per position.
  std::vector<Status> status;
  // Deciding rules: bit r of word p * rule_words + r / 64 is set when rule_ids[r] decided p.
  std::size_t rule_words = 0;
  std::vector<std::uint64_t> rule_bits;
  std::vector<std::uint32_t> reason;  // index into reasons, or one of the kReason codes above
  std::vector<double> market_value;
  std::vector<double> adjusted_value;
  std::vector<double> excess;
  std::vector<double> counted_value;

  // Per position and component slot, position-major: entry p * component_ids.size() + s. A
  // position's components are its slots that are not Absent, in slot order (the components in
  // force in written order, then the tiers in force).
  std::vector<ComponentState> component_state;
  std::vector<double> component_value;       // rate (haircut, tiers) or ratio (margin)
  std::vector<std::uint32_t> component_arm;  // index into arms; 0 when no match arm chose it

  std::vector<AccountRecord> accounts;  // input order; their positions are contiguous
};

}  // namespace collat
