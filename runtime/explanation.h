// Explanations as values (`collat explain`): how one position was decided, or how one account's
// outputs and limit excesses follow from its totals. Built by Explain*() (explain.h) from the same
// evaluator as the report, rendered as text (explain_text.h) or JSON (explain_json.h); nothing here
// prints. docs/language.md 18.3 documents both renderings.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir.h"
#include "runtime/report_build.h"

namespace collat::runtime {

// A value as an explanation shows it. `shown` follows 18.3: a literal as written in the policy
// (`2%`, `0.02`); computed rates as percents with up to four decimals; money as the text report
// shows it; numbers in the shortest form that reads back; "unknown" when unknown. `text` is the
// plain text of a text, enum, date or duration value (for JSON); empty otherwise.
struct Shown {
  ir::Type type;
  ir::Value value;
  std::string shown;
  std::string text;
};

// A named value an expression read while it was evaluated.
enum class ReadKind : std::uint8_t {
  Let,
  PositionField,
  AccountField,
  MarketField,
  ValuationDate,
  Total,
  Output,
  Aggregate,  // name: the aggregate's source text
  Breached,   // name: the limit id
};

struct Read {
  ReadKind kind = ReadKind::Let;
  std::string name;
  Shown value;
};

// One decision or calculation step taken while evaluating, in evaluation order.
enum class StepKind : std::uint8_t { Match, Schedule, If, Table, Transfer, Round };

struct Step {
  StepKind kind = StepKind::Match;
  // Match: the arm whose condition was unknown ("" when none); Schedule: the subject as written;
  // If: the condition as written; Table: the table name; Transfer: "transfer";
  // Round: "round", "round_up" or "round_down".
  std::string subject;
  Shown subject_value;  // Schedule: the subject; If: the condition; Table: the key
  // Match: the arm label taken ("" when none); Schedule: the band taken as written (`<= 5y`,
  // `else`, "" when none); If: "then" or "else" ("" when the condition is unknown); Table: the
  // row's key ("else" for the fallback, "" when none); Transfer: "round_up" or "round_down".
  std::string taken;
  // Transfer and Round: the arguments by name (amount, gate, increment / value, increment) and
  // the result.
  std::vector<Read> arguments;
  Shown result;
  std::string note;  // Transfer and Round: which rule gave the result, in words
};

// The evaluation of one expression, explained.
struct Traced {
  std::string source;  // the expression as written: the source range, original line breaks kept
  Shown value;
  std::vector<std::string> arms;  // match arms taken, outermost first (as the report's rules)
  std::vector<Read> reads;        // first read of each name, in evaluation order
  std::vector<Step> steps;
  std::vector<std::string> missing;  // when unknown: the missing fields it read
  std::string causes;                // when unknown: every cause as one text ("" if none)
};

struct RuleExplanation {
  std::string id;
  ir::Verb verb = ir::Verb::Accept;
  Traced condition;
};

struct ComponentExplanation {
  std::string id;
  ir::ComponentKind kind = ir::ComponentKind::Haircut;
  Traced value;
};

// A position's part in one `tiers` declaration: its filter, its group key, and whether it is a
// member. The rate the tiers give (section 9, over the whole group) is in the result.
struct TiersExplanation {
  std::string id;
  std::vector<Traced> when;      // empty when the tiers have no `when`
  std::vector<Traced> group_by;  // empty when the tiers have no `group by`
  bool member = false;
};

// A `let` and its value for one position.
struct LetValue {
  std::string name;
  std::string source;  // its expression as written
  Shown value;
};

// A market value converted to the base currency: amount (in `currency`) x rate = market_value.
struct FxNote {
  std::string currency;
  double rate = 1;
  double amount = 0;  // market_value / rate rounded to cents: the amount in `currency`
  double market_value = 0;
};

// How the position's status follows from its rules (18.3 wording in the renderers).
struct Decision {
  std::vector<std::string> held;     // rules in force whose condition is true, written order
  std::vector<std::string> failed;   // ... false
  std::vector<std::string> unknown;  // ... unknown
};

// The part of a position's excess that one limit group took.
struct LimitShare {
  std::string limit;
  std::string group;  // "" for a limit without `by`
  double excess = 0;
};

// One component of the explained position, as the report has it.
struct ReportedComponent {
  std::string id;
  ComponentKind kind = ComponentKind::Haircut;
  bool known = false;
  double value = 0;
  std::string rule;  // the match arm that chose it, "" when none
};

// The explained position as the report has it (a copy: an explanation outlives the report).
struct ReportedPosition {
  Status status = Status::Unknown;
  std::vector<std::string> rules;
  std::string reason;
  std::vector<std::string> missing;
  std::vector<ReportedComponent> components;
  double market_value = 0;
  double adjusted_value = 0;
  double excess = 0;
  double counted_value = 0;
};
ReportedPosition ReportedOf(const PositionView& p);

struct PositionExplanation {
  std::string policy_name;
  std::string policy_version;
  std::string currency;  // the base currency
  int places = 2;        // its money precision (docs/language.md 15.4)
  std::int64_t valuation_date = 0;
  std::string id;
  std::string account;
  std::string source;  // "file:line" of the record
  std::string account_rejection;
  std::string rejection;
  std::vector<Read> fields;
  std::vector<FxNote> fx;              // empty, or the market value's conversion
  std::vector<LetValue> lets;          // every let the rules and components read, first use first
  std::vector<RuleExplanation> rules;  // in force, written order (empty when rejected)
  std::vector<ComponentExplanation> components;  // in force, written order (empty when rejected)
  std::vector<TiersExplanation> tiers;           // in force, written order (empty when rejected)
  Decision decision;
  ReportedPosition result;  // as the report has it
  // Per result.components entry: the value as shown (a literal as written when the component's
  // value came from one), and whether the entry is a `tiers` declaration's rate.
  std::vector<std::string> result_shown;
  std::vector<bool> result_is_tiers;
  std::vector<LimitShare> excess_by_limit;  // the limits that took result.excess, written order
};

struct OutputExplanation {
  std::string name;
  std::string type;  // as declared: `money`, `bool`, an enum's name, ...
  std::string reason;
  Traced value;
};

// One position's share of a limit group's excess.
struct Attribution {
  std::string position;
  double share = 0;
};

struct LimitExplanation {
  LimitResult result;
  ir::LimitOn on = ir::LimitOn::Value;
  std::vector<Attribution> attributed;  // positions that lost counted value, input order
};

struct AccountExplanation {
  std::string policy_name;
  std::string policy_version;
  std::string currency;
  int places = 2;  // money precision (docs/language.md 15.4)
  std::int64_t valuation_date = 0;
  std::string id;
  std::string rejection;
  Totals totals;
  std::vector<LimitExplanation> limits;    // the report's limit entries, in its order
  std::vector<OutputExplanation> outputs;  // written order
};

}  // namespace collat::runtime
