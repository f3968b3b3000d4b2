// The typed intermediate representation a checked policy compiles to: names resolved, types known,
// literals folded. A user function's body is checked once (per argument types and context) into
// Policy::functions and shared by every call (Op::FnCall), so the IR is linear in the policy's
// text (docs/language.md 16.5). The interpreter (runtime/) is its executable
// specification and the JIT lowers it; `collat dump ir` prints it (ir_dump.h).
//
// Contract: a Policy is immutable after Check() returns it and is safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/source_file.h"
#include "compiler/types.h"
#include "compiler/value.h"

namespace collat::ir {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class Op : std::uint8_t {
  Const,          // constant; Text constants carry `text` (codes are bound per input)
  PositionField,  // index: Policy::position_fields
  AccountField,   // index: Policy::account_fields
  MarketField,    // index: Policy::market_fields
  ValuationDate,  // the market data's valuation date
  Let,            // index: Policy::lets
  Neg,            // args[0]
  Not,            // args[0], Kleene
  IsKnown,        // args[0]; never unknown
  IsUnknown,      // args[0]; never unknown
  Add,
  Sub,
  Mul,
  Div,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  InSet,  // args[0] in `set` (constants); NotInSet likewise
  NotInSet,
  And,
  Or,               // Kleene
  Default,          // args[0] ?? args[1]
  If,               // args: condition, then, else (unknown condition: unknown)
  Match,            // arms, first whose condition is true; unknown condition before: unknown
  Schedule,         // args[0] subject; bands in order; first band whose bound holds
  Call,             // builtin, args
  TableLookup,      // index: Policy::tables; args[0] key
  Aggregate,        // aggregate over the account's positions; args[0] (absent for count); filter
  Total,            // total: an account total
  PositionMeasure,  // measure: a per-position result (eligible, adjusted value, ...)
  Output,           // index: Policy::outputs (an earlier output)
  Breached,         // index: Policy::limits; true when the limit is breached
  FnCall,           // index: Policy::functions; args: the arguments, evaluated by need
  Param,            // index: the parameter's position in the innermost enclosing function
};

enum class Builtin : std::uint8_t {
  Min,
  Max,
  Abs,
  Floor,
  Ceil,
  Sqrt,
  Round,         // round(x, increment): half away from zero
  RoundUp,       // round_up(x, increment): towards +infinity
  RoundDown,     // round_down(x, increment): towards -infinity
  YearsBetween,  // years_between(from, to): whole months / 12 plus remaining days / 365
  DaysBetween,   // days_between(from, to)
  TransferUp,    // transfer(amount, gate: g, round_up: r)
  TransferDown,  // transfer(amount, gate: g, round_down: r)
};

enum class AggregateKind : std::uint8_t { Sum, Count, Min, Max };

// Account totals, in the base currency.
enum class Total : std::uint8_t {
  GrossValue,           // market value of every position, rejected ones included
  EligibleValue,        // adjusted value of eligible positions, before limits
  HaircutValue,         // market value minus adjusted value, over eligible positions
  ConcentrationExcess,  // value removed by limits
  CollateralValue,      // counted value after every limit
};

// Per-position results, usable inside aggregates.
enum class Measure : std::uint8_t {
  Eligible,       // bool: status is eligible
  MarketValue,    // money: market value in the base currency
  AdjustedValue,  // money: after haircuts and tiers (0 unless eligible)
  Excess,         // money: removed by limits
  CountedValue,   // money: adjusted value minus excess
};

struct MatchArm {
  std::string label;  // the arm's rule id in reports ("<component>#<n>" when unlabelled)
  ExprPtr condition;  // null for `else`
  ExprPtr value;
};

enum class BandOp : std::uint8_t { Lt, Le, Else };

struct Band {
  BandOp op = BandOp::Else;
  ExprPtr bound;  // null for Else
  ExprPtr value;
};

struct Expr {
  Op op = Op::Const;
  Type type;
  SourceRange range;
  std::shared_ptr<const SourceFile> file;  // where `range` points (imports have their own file)
  Value constant;                          // Const
  std::string text;                        // Const of Text type; Call/Let/field names for dumps
  // Field, let, table, output or limit index; for a Const of Text type, its slot in
  // Policy::text_constants; for InSet / NotInSet with text members, the slot of set_text[0] (the
  // members take consecutive slots). -1: no slot (an IR built outside Check()).
  std::int32_t index = -1;
  Builtin builtin = Builtin::Min;
  AggregateKind aggregate = AggregateKind::Sum;
  Total total = Total::GrossValue;
  Measure measure = Measure::Eligible;
  std::vector<ExprPtr> args;
  ExprPtr filter;                     // Aggregate
  std::vector<Value> set;             // InSet / NotInSet: constant members (non-text)
  std::vector<std::string> set_text;  // InSet / NotInSet: text members
  std::vector<MatchArm> arms;         // Match
  std::vector<Band> bands;            // Schedule
};

// ---- declarations --------------------------------------------------------------------------

struct EnumInfo {
  std::string name;
  bool ordered = false;
  // Labels as declared. A value's integer is its rank: for an ordered enum the LAST label is 0 and
  // the first (highest) is size-1, so `rating >= BBB` compares ranks; unordered enums use the
  // declaration index.
  std::vector<std::string> labels;
  std::int64_t Rank(std::size_t label_index) const {
    return ordered ? static_cast<std::int64_t>(labels.size() - 1 - label_index)
                   : static_cast<std::int64_t>(label_index);
  }
};

struct Field {
  std::string name;
  Type type;  // optional fields have type.optional
  std::optional<Value> default_value;
  std::string default_text;  // Text default (interned per input)
  std::string description;
  SourceRange range;
};

enum class Level : std::uint8_t { Account, Position };

struct Let {
  std::string name;
  Type type;
  Level level = Level::Account;  // Position when it reads position fields
  ExprPtr value;
};

struct TableRow {
  Value key;             // Enum rank, or unused for text keys
  std::string key_text;  // text keys
  ExprPtr value;         // constant
};

struct Table {
  std::string name;
  std::optional<std::int64_t> effective;  // days; null: always
  Type key_type;
  Type value_type;
  std::vector<TableRow> rows;
  ExprPtr fallback;  // `else` row; null: a missing key is unknown
};

enum class Verb : std::uint8_t { Accept, Reject };

struct Rule {
  std::string id;
  Verb verb = Verb::Accept;
  std::optional<std::int64_t> effective;
  ExprPtr condition;
  std::string reason;
  std::string source;  // the condition as the formatter writes it, for explanations
};

enum class ComponentKind : std::uint8_t { Haircut, Margin };

struct Component {
  std::string id;
  ComponentKind kind = ComponentKind::Haircut;
  std::optional<std::int64_t> effective;
  ExprPtr value;  // a rate in [0, 1] (haircut) or a ratio >= 1 (margin); per position
  std::string reason;
  std::string source;  // the value as the formatter writes it, for explanations
};

enum class TierMeasure : std::uint8_t { Quantity, Value };
enum class TierMode : std::uint8_t { Progressive, Whole };

struct TierBand {
  BandOp op = BandOp::Else;
  double bound = 0;   // in the measure's unit (quantity, or money in the base currency)
  double rate = 0;    // as written: the haircut rate, or with `keep` the ratio kept
  bool keep = false;  // `keep 98%`: rate is the ratio KEPT (0.98), so a slice keeps slice * rate
                      // exactly as venues publish it; without keep a slice keeps
                      // slice - slice * rate
};

struct Tiers {
  std::string id;
  std::string title;
  std::optional<std::int64_t> effective;
  ExprPtr when;      // filter, per position; null: every position
  ExprPtr group_by;  // key, per position; null: one group per account
  TierMeasure measure = TierMeasure::Quantity;
  TierMode mode = TierMode::Progressive;
  std::vector<TierBand> bands;  // ascending bounds, last is Else
};

enum class LimitOn : std::uint8_t { Value, Quantity, MarketValue };
enum class LimitBase : std::uint8_t { None, Expression, EligibleValue, CollateralValue };

struct Limit {
  std::string id;
  std::optional<std::int64_t> effective;
  ExprPtr by;     // group key per position; null: one group
  ExprPtr where;  // filter per position; null: every position
  LimitOn on = LimitOn::Value;
  bool is_max = true;
  ExprPtr amount;  // money (absolute cap), percent (with a base) or number (quantity cap)
  LimitBase base = LimitBase::None;
  ExprPtr base_expr;  // LimitBase::Expression: account level
  std::string reason;
};

struct Output {
  std::string name;
  Type type;
  ExprPtr value;  // account level
  std::string reason;
};

// A `rebalance` block (docs/language.md 12), checked: every expression typed in its context.
// Items the block does not give are null / empty. The engine that runs it is rebalance/.
enum class RebalanceItem : std::uint8_t {
  Target,
  TopUp,
  Substitute,
  Release,
  Liquidate,
  Cost,
  Lot,
  MinMove,
  MaxMoves,
};
const char* Spelling(RebalanceItem item);

struct LiquidateKey {
  ExprPtr key;  // per position; a number, money, percent, date, duration or ordered enum
  bool descending = false;
};

struct Rebalance {
  std::string name;
  std::shared_ptr<const SourceFile> file;  // where the block and its items are written
  SourceRange range;                       // the block's name
  ExprPtr trigger;                         // account level, bool
  ExprPtr target;  // account level: money (a collateral value) or bool (a condition)
  bool target_is_condition = false;
  std::string top_up;  // the inventory `top_up from` names; "" when not given
  bool substitute_ineligible = false;
  bool substitute_over_limit = false;
  bool release = false;                 // `release` given
  ExprPtr release_above;                // account level, money; null: down to the target
  std::vector<LiquidateKey> liquidate;  // in written order; empty when not given
  ExprPtr cost;       // position level, number or percent; null: every move costs 0
  ExprPtr lot;        // position level, number; null: any quantity
  ExprPtr min_move;   // account level, money; null: none
  ExprPtr max_moves;  // account level, number; null: none
  // Every item given, in written order, with where it is written (for "not supported" errors
  // naming file:line).
  struct Given {
    RebalanceItem item = RebalanceItem::Target;
    SourceRange range;
  };
  std::vector<Given> items;
  // Hidden outputs (Policy::outputs indexes; -1: none) that a policy checked with
  // CheckerOptions::rebalance_outputs appends after its own outputs, so that whatever engine
  // evaluates the policy also computes the block's account-level items on every account.
  std::int32_t trigger_output = -1;
  std::int32_t target_output = -1;
  // A condition target `collateral_value >= X` (or `>`, or written the other way round): X.
  std::int32_t target_amount_output = -1;
  std::int32_t release_output = -1;
  std::int32_t min_move_output = -1;
  std::int32_t max_moves_output = -1;
};

struct Header {
  std::string name;
  std::string title;
  std::string version;
  std::optional<std::int64_t> effective;
  std::string currency;   // base currency, ISO code
  money::Scale money{2};  // the precision of money figures (docs/language.md 15.4)
  std::string owner;
  std::vector<std::string> sources;
};

// A user function's body, checked for one set of argument types and one context. Its Param nodes
// stand for the arguments of the call being evaluated: an argument is evaluated only when (and
// each time) its parameter is read, exactly as if the call were replaced by the body with the
// arguments substituted; engines may evaluate it once per call and replay it (values, unknown
// causes and match picks are the same), docs/language.md 3.7.
struct Function {
  std::string name;                 // as declared
  std::vector<std::string> params;  // parameter names, in order
  std::vector<Type> param_types;    // the types of the arguments this body was checked for
  Type type;                        // the result
  ExprPtr body;
};

struct Policy {
  Header header;
  std::string canonical_source;  // the formatted source of every file, for the policy hash
  // Lower-case hex SHA-256 of canonical_source (compiler/policy_hash.h), computed once by the
  // checker: the policy's identity in reports. Empty only for a Policy built outside Check().
  std::string sha256;
  std::vector<EnumInfo> enums;
  std::vector<Field> position_fields;
  std::vector<Field> account_fields;
  std::vector<Field> market_fields;
  std::vector<Let> lets;
  std::vector<Function> functions;  // only those some declaration calls (directly or not)
  std::vector<Table> tables;
  std::vector<Rule> rules;            // in written order; versions share an id
  std::vector<Component> components;  // in written order; versions share an id
  std::vector<Tiers> tiers;
  std::vector<Limit> limits;
  std::vector<Output> outputs;        // in written order
  std::vector<Rebalance> rebalances;  // in written order (the first whose trigger holds runs)
  // With CheckerOptions::rebalance_outputs: per Policy::limits index, the hidden outputs holding
  // the limit's amount and its expression base (-1: none). Empty otherwise.
  std::vector<std::int32_t> limit_amount_outputs;
  std::vector<std::int32_t> limit_base_outputs;
  // The number of outputs the policy declares; hidden outputs come after them.
  std::int32_t declared_outputs = 0;
  // Every text constant of the expressions above by slot (Expr::index), one slot per occurrence
  // (compiler/number_texts.h): an evaluator binds them to an input's codes once, not at every
  // reference.
  std::vector<std::string> text_constants;

  std::int32_t FindPositionField(std::string_view name) const;
  std::int32_t FindAccountField(std::string_view name) const;
  std::int32_t FindMarketField(std::string_view name) const;
};

}  // namespace collat::ir
