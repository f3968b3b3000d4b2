// Internal to the checker: the Checker class shared by check_*.cpp. Not part of any API.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/check.h"
#include "compiler/ir.h"

namespace collat::check_internal {

// A new IR node with no operands yet.
inline ir::ExprPtr Make(ir::Op op, ir::Type type, SourceRange range) {
  auto e = std::make_unique<ir::Expr>();
  e->op = op;
  e->type = type;
  e->range = range;
  return e;
}

// Where an expression is checked, and what it may read.
struct Context {
  bool position = false;             // position fields, position-level lets
  bool account = false;              // totals, outputs, aggregates
  bool in_aggregate = false;         // per-position measures (eligible, adjusted_value, ...)
  std::int32_t outputs_visible = 0;  // outputs with a smaller index may be read
  // The parameters of the function body being checked: name -> its Param node (cloned at each use).
  const std::map<std::string, const ir::Expr*>* params = nullptr;
  std::optional<std::int32_t> expected_enum;  // resolves bare labels
};

// What an expression read, to infer a `let`'s level and to police contexts.
struct Usage {
  bool position = false;
  bool account_only = false;
};

class Checker {
 public:
  Checker(const std::vector<ParsedFile>& files, const DataTables& data,
          const CheckerOptions& options)
      : files_(files), data_(data), options_(options) {}
  CheckResult Run();

  // ---- shared by the expression checker ----
  ir::ExprPtr Expr(const ast::Expr& e, const Context& ctx, Usage& usage);
  void Error(DiagnosticKind kind, SourceRange range, std::string message);
  const SourceFilePtr& file() const { return current_->source; }

 private:
  struct LetState {
    const ast::LetDecl* decl = nullptr;
    const ParsedFile* file = nullptr;
    std::int32_t index = -1;
    bool in_progress = false;
    bool used = false;
    Usage usage;
  };
  struct FnState {
    const ast::FnDecl* decl = nullptr;
    const ParsedFile* file = nullptr;
    bool in_progress = false;
  };
  // A function body checked for one key (function, argument types, context): its index in
  // policy_.functions (-1: the body has errors, already reported) and what it reads.
  struct Instance {
    std::int32_t function = -1;
    Usage usage;
  };
  struct DeclaredName {
    std::string kind;  // "enum", "let", "table", ... for messages
    SourceRange range;
    const ParsedFile* file = nullptr;
  };

  // declarations
  void Collect();
  void CheckHeader();
  void CheckEnums();
  void CheckSchemas();
  void CheckTables();
  void CheckRules();
  void CheckComponents();
  void CheckTiers();
  void CheckLimits();
  void CheckOutputs();
  void CheckRebalances();
  void AddRebalanceOutputs();  // CheckerOptions::rebalance_outputs
  void ReportUnusedLets();
  void CheckCost();  // the static estimate against options_.max_cost (check_cost.cpp)
  void Declare(const std::string& name, const std::string& kind, SourceRange range);

  // names
  std::optional<ir::Type> ResolveType(const ast::TypeRef& t);
  std::int32_t LetIndex(const std::string& name, SourceRange at, Usage& usage);
  std::optional<std::int64_t> Effective(const std::optional<ast::Date>& d) const;
  std::vector<std::string> VisibleNames(const Context& ctx) const;

  // expressions (check_expr.cpp)
  ir::ExprPtr Name(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr Call(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr UserCall(const ast::Expr& e, const FnState& fn, const Context& ctx, Usage& usage);
  Instance CheckBody(const FnState& fn, const std::vector<ir::ExprPtr>& args, const Context& ctx);
  // The constant a call of constant arguments folds to, or null (memoised per function and
  // arguments, so a chain of calls folds in linear time).
  ir::ExprPtr FoldFnCall(const ir::Expr& call);
  ir::ExprPtr FoldBody(const ir::Expr& e, const std::vector<const ir::Expr*>& params);
  void PruneFunctions();  // drops the bodies no declaration calls, renumbering FnCall nodes
  ir::ExprPtr Binary(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr Unary(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr Conditional(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr Literal(const ast::Expr& e);
  ir::ExprPtr Index(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr Membership(const ast::Expr& e, const Context& ctx, Usage& usage);
  ir::ExprPtr LabelOf(const std::string& name, SourceRange range, const Context& ctx);
  std::optional<ir::Type> Unify(const ir::Type& a, const ir::Type& b);
  ir::ExprPtr Coerce(ir::ExprPtr e, const ir::Type& to);
  bool ExpectBool(const ir::Expr& e, SourceRange range, const char* what);
  void CheckSchedule(const ir::Expr& e, const ast::Expr& src);
  void CheckArms(const ir::Expr& e, const ast::Expr& src);
  std::string TypeName(const ir::Type& t) const;

  // Rows of a data-file table as constants of the table's types (check_data_table.cpp).
  bool DataRows(const ast::TableDecl& t, ir::Table& table, std::set<std::string>& keys);
  ir::ExprPtr DataValue(const std::string& text, const ir::Type& type, std::string& why);

  const std::vector<ParsedFile>& files_;
  const DataTables& data_;  // the data files of tables, parsed
  CheckerOptions options_;
  std::string data_sources_;  // data files' bytes, appended to the canonical source
  const ParsedFile* current_ = nullptr;
  ir::Policy policy_;
  std::vector<Diagnostic> diagnostics_;

  std::map<std::string, std::int32_t> enum_ids_;
  std::map<std::string, std::vector<std::pair<std::int32_t, std::size_t>>> labels_;
  std::map<std::string, LetState> lets_;
  std::map<std::string, FnState> fns_;
  std::map<std::string, Instance> instances_;        // key: function, argument types, context
  std::map<std::string, ir::ExprPtr> folded_calls_;  // FoldFnCall's answers (null: no constant)
  std::map<std::string, std::int32_t> tables_;
  std::map<std::string, std::int32_t> limits_;
  std::map<std::string, std::int32_t> outputs_;
  std::map<std::string, DeclaredName> declared_;
  std::set<std::string> aliases_;
  const ast::PolicyDecl* header_ = nullptr;
};

// Arithmetic on known numeric constants folded as the interpreter computes it (check_expr.cpp).
ir::ExprPtr Fold(ir::ExprPtr e);

// Interval analysis for the [0, 1] haircut check (check_ranges.cpp).
struct Interval {
  double lo;
  double hi;
};
Interval RangeOf(const ir::Expr& e, const ir::Policy& policy);

// Structural text of an IR expression, for duplicate-arm detection and dumps.
std::string ExprText(const ir::Expr& e, const ir::Policy& policy);

ir::ExprPtr CloneExpr(const ir::Expr& e);

// X of a rebalance condition target `collateral_value >= X` (or `>`, or the other way round);
// null for any other condition.
const ir::Expr* CollateralBound(const ir::Expr& target);

// "; did you mean `x`?" for the candidate closest to `name` by edit distance, or "" when none is
// close enough.
std::string SuggestName(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace collat::check_internal
