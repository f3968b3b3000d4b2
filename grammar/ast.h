// The abstract syntax tree of one collat file, as written: nothing is resolved or typed here (the
// checker does that). Every node carries the byte range it was parsed from. Strings hold decoded
// text; numeric literals keep their spelling so the formatter prints them as the author wrote them.
// Closed sets are enum classes, switched without `default:` everywhere.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source_file.h"

namespace collat::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Identifier {
  std::string name;
  SourceRange range;
};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

enum class DurationUnit { Days, Weeks, Months, Years };

enum class ExprKind {
  Number,    // number, text = spelling
  Percent,   // number = fraction (15% -> 0.15), text = spelling without `%`
  Money,     // number = amount, text = spelling of the amount, currency = ISO code
  Date,      // date
  Duration,  // number = count, unit
  String,    // text = decoded value
  Bool,      // boolean
  Name,      // text = dotted name
  Set,       // operands = elements
  Unary,     // unary_op, operands[0]
  Binary,    // binary_op, operands[0], operands[1]
  Call,      // text = callee, args, filter (the `where` of an aggregate; may be null)
  Index,     // text = table name, operands[0] = key
  If,        // operands = condition, then, else
  Match,     // arms
  Schedule,  // operands[0] = subject, bands
  Paren,     // operands[0]
};

// Neg is `-x`, Not is `not x`; IsKnown/IsUnknown are `x is known` / `x is unknown`.
enum class UnaryOp { Neg, Not, IsKnown, IsUnknown };

enum class BinaryOp { Or, And, Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Default, Add, Sub, Mul, Div };

// A schedule or tier band: `< bound: value`, `<= bound: value` or `else: value`.
enum class BandOp { Lt, Le, Else };

struct CallArg {
  std::optional<Identifier> name;  // `gate: mta` has a name; positional arguments do not
  ExprPtr value;
};

struct MatchArm {
  std::optional<Identifier> label;  // the arm's rule id in reports
  ExprPtr condition;                // null for `else`
  ExprPtr value;
  SourceRange range;
};

struct Band {
  BandOp op = BandOp::Else;
  ExprPtr bound;      // null for `else`
  bool keep = false;  // tiers only: `keep 98%` states the ratio kept instead of the haircut
  ExprPtr value;
  SourceRange range;
};

struct Expr {
  ExprKind kind = ExprKind::Number;
  SourceRange range;
  std::string text;
  std::string currency;
  double number = 0;
  Date date;
  DurationUnit unit = DurationUnit::Days;
  bool boolean = false;
  UnaryOp unary_op = UnaryOp::Neg;
  BinaryOp binary_op = BinaryOp::Add;
  std::vector<ExprPtr> operands;
  std::vector<CallArg> args;
  ExprPtr filter;
  std::vector<MatchArm> arms;
  std::vector<Band> bands;
};

struct TypeRef {
  std::string name;
  bool optional = false;
  SourceRange range;
};

// ---- declarations --------------------------------------------------------------------------

enum class HeaderItemKind { Version, Effective, Currency, Owner, Source, Precision };

struct HeaderItem {
  HeaderItemKind kind = HeaderItemKind::Version;
  std::string text;  // version, owner, source: the string; currency: the code
  Date date;         // effective
  SourceRange range;
};

struct PolicyDecl {
  Identifier name;
  std::optional<std::string> title;
  std::vector<HeaderItem> items;
};

struct ImportDecl {
  std::string path;
  SourceRange path_range;
  std::optional<Identifier> alias;
};

struct EnumDecl {
  Identifier name;
  bool ordered = false;
  std::vector<Identifier> labels;  // for an ordered enum, highest first
};

enum class SchemaKind { Position, Account, Market };

struct FieldDecl {
  Identifier name;
  TypeRef type;
  ExprPtr default_value;  // may be null
  std::optional<std::string> description;
  SourceRange range;
};

struct SchemaDecl {
  SchemaKind kind = SchemaKind::Position;
  std::vector<FieldDecl> fields;
};

struct LetDecl {
  Identifier name;
  std::optional<TypeRef> type;
  ExprPtr value;
};

struct Param {
  Identifier name;
  TypeRef type;
};

struct FnDecl {
  Identifier name;
  std::vector<Param> params;
  std::optional<TypeRef> result;
  ExprPtr body;
};

enum class TableKeyKind { String, Label, Else };

struct TableRow {
  TableKeyKind key_kind = TableKeyKind::String;
  std::string key;
  SourceRange key_range;
  ExprPtr value;
  SourceRange range;
};

struct TableDecl {
  Identifier name;
  std::optional<Date> effective;
  TypeRef key_type;
  TypeRef value_type;
  std::optional<std::string> data_file;  // `from "file"`; rows are empty then
  SourceRange data_file_range;
  std::vector<TableRow> rows;
};

enum class RuleVerb { Accept, Reject };

struct EligibilityRule {
  RuleVerb verb = RuleVerb::Accept;
  Identifier id;
  std::optional<Date> effective;
  ExprPtr condition;
  std::optional<std::string> reason;
  SourceRange range;
};

struct EligibilityDecl {
  std::vector<EligibilityRule> rules;
};

enum class ComponentKind { Haircut, Margin };

struct HaircutDecl {
  ComponentKind kind = ComponentKind::Haircut;
  Identifier name;
  std::optional<Date> effective;
  ExprPtr value;
  std::optional<std::string> reason;
};

enum class TiersItemKind { When, GroupBy, On, Mode, Band };

struct TiersItem {
  TiersItemKind kind = TiersItemKind::When;
  ExprPtr expr;     // When, GroupBy
  Identifier word;  // On: quantity|value; Mode: progressive|whole
  Band band;        // Band
  SourceRange range;
};

struct TiersDecl {
  Identifier name;
  std::optional<Date> effective;
  std::optional<std::string> title;
  std::vector<TiersItem> items;  // in written order
};

enum class LimitDirection { Max, Min };

struct LimitDecl {
  Identifier name;
  std::optional<Date> effective;
  ExprPtr by;     // may be null: one group for the whole account
  ExprPtr where;  // may be null: every position
  std::optional<Identifier> on;
  LimitDirection direction = LimitDirection::Max;
  ExprPtr amount;
  ExprPtr base;  // `of base`; may be null
  std::optional<std::string> reason;
};

struct OutputDecl {
  Identifier name;
  std::optional<TypeRef> type;
  ExprPtr value;
  std::optional<std::string> reason;
};

enum class RebalanceItemKind {
  Target,
  TopUp,
  Substitute,
  Release,
  Liquidate,
  Cost,
  Lot,
  MinMove,
  MaxMoves
};

enum class OrderDirection { None, Asc, Desc };

struct OrderKey {
  ExprPtr key;
  OrderDirection direction = OrderDirection::None;
};

struct RebalanceItem {
  RebalanceItemKind kind = RebalanceItemKind::Target;
  ExprPtr expr;                   // Target, Release (may be null), Cost, Lot, MinMove, MaxMoves
  std::vector<Identifier> names;  // TopUp: the inventory; Substitute: what to substitute
  std::vector<OrderKey> order;    // Liquidate
  SourceRange range;
};

struct RebalanceDecl {
  Identifier name;
  ExprPtr trigger;
  std::vector<RebalanceItem> items;  // in written order
};

using DeclBody =
    std::variant<PolicyDecl, ImportDecl, EnumDecl, SchemaDecl, LetDecl, FnDecl, TableDecl,
                 EligibilityDecl, HaircutDecl, TiersDecl, LimitDecl, OutputDecl, RebalanceDecl>;

struct Decl {
  SourceRange range;
  DeclBody body;
};

struct File {
  std::vector<Decl> decls;
};

// Spellings used by the dump and the formatter.
const char* Spelling(BinaryOp op);
const char* Spelling(BandOp op);
const char* Spelling(DurationUnit unit);
const char* Spelling(HeaderItemKind kind);
const char* Spelling(SchemaKind kind);
const char* Spelling(RebalanceItemKind kind);
// Binding strength of a binary operator: higher binds tighter.
int Precedence(BinaryOp op);

}  // namespace collat::ast
