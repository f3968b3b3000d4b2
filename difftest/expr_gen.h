// Random well-typed expressions of a requested type in a requested context (docs/language.md
// section 4), as fully parenthesised source text. Lets, functions and tables are created on
// demand by the expressions that use them, so none is ever unused; their declarations collect in
// decls(). Valid by construction where the checker proves things:
// - Rate() is provably within [0, 1] (literals, clamps `min(1, max(0, x))`, products and min/max
//   of rates, branches of rates) and Ratio() provably >= 1, as the interval check needs;
// - Cond() always reads a field, total or output directly, so no match arm folds to a constant
//   (a constant-true arm would shadow the arms after it); arms never repeat a condition;
// - schedule bounds are strictly ascending literals; no `match` inside function bodies (their
//   constant arguments fold conditions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "difftest/model.h"
#include "difftest/rng.h"

namespace collat::difftest {

enum class Ctx : std::uint8_t {
  Const,      // a function body: its parameters and constants only
  Position,   // rules, components, tiers `when`/`group by`, limit `by`/`where`
  Account,    // outputs (with totals), limit amounts and bases (without)
  Aggregate,  // inside sum/count/min/max: position scope plus the per-position results
};

struct Var {
  std::string ref;  // how an expression names it
  Ty ty = Ty::Number;
};

struct Scope {
  Ctx ctx = Ctx::Position;
  bool totals = false;      // Account: totals, aggregates, earlier outputs, breached()
  std::size_t outputs = 0;  // Account with totals: how many outputs are visible
  const std::vector<Var>* params = nullptr;  // Const: the function's parameters
};

// `text` with every numeric literal (`_` separators, fraction, exponent, `%`, a money code) as
// the value it denotes: how a match compares its arms' conditions, so that no arm repeats an
// earlier one in another spelling (`mta == 0` and `mta == 0 USD`; `q != 1` and `q != 100%`).
std::string CanonicalNumbers(const std::string& text);

class ExprGen {
 public:
  ExprGen(Rng& rng, Model& model) : rng_(rng), model_(model) {}

  std::string Gen(Ty ty, const Scope& scope, int depth);
  std::string Cond(const Scope& scope, int depth);
  std::string Rate(const Scope& scope, int depth);
  std::string Ratio(const Scope& scope, int depth);
  // A group key for tiers and limits: a field or a small expression of any type.
  std::string Key(const Scope& scope);

  void AddOutput(std::string name, Ty ty) { outputs_.push_back({std::move(name), ty}); }
  void AddLimit(std::string id) { limits_.push_back(std::move(id)); }
  const std::vector<std::string>& decls() const { return decls_; }

 private:
  struct LetSpec {
    std::string name;
    Ty ty;
    bool position;  // reads position fields: usable per position and inside aggregates only
    int kind;       // 0 plain, 1 rate, 2 ratio
  };
  struct FnSpec {
    std::string name;
    std::vector<Var> params;
    Ty result;
    bool rate;
  };
  struct TableSpec {
    std::string name;
    Ty key;
    Ty value;
    bool rate;
  };

  std::vector<Var> VarsOf(const Scope& scope, Ty ty) const;
  std::string VarRef(const Scope& scope, Ty ty);  // "" when no variable of ty is in scope
  std::string Literal(Ty ty);
  std::string Leaf(Ty ty, const Scope& scope);
  std::string Numeric(Ty ty, const Scope& scope, int depth);
  std::string MoneyExpr(const Scope& scope, int depth);
  std::string Other(Ty ty, const Scope& scope, int depth);
  std::string Branching(Ty ty, const Scope& scope, int depth, int kind);
  std::string Match(Ty ty, const Scope& scope, int depth, int kind);
  std::string Schedule(Ty ty, const Scope& scope, int depth, int kind);
  std::string Valued(Ty ty, const Scope& scope, int depth, int kind);
  std::string Aggregate(Ty ty, const Scope& scope, int depth);
  std::string LetRef(Ty ty, const Scope& scope, int kind);
  std::string FnCall(Ty ty, const Scope& scope, int depth, bool rate);
  std::string TableLookup(Ty ty, const Scope& scope, int depth, bool rate);
  std::string SetOf(Ty ty);
  Ty OrderedType(const Scope& scope);

  Rng& rng_;
  Model& model_;
  std::vector<Var> outputs_;
  std::vector<std::string> limits_;
  std::vector<LetSpec> lets_;
  std::vector<FnSpec> fns_;
  std::vector<TableSpec> tables_;
  std::vector<std::string> decls_;
  int arm_counter_ = 0;
  int fn_counter_ = 0;
  int let_counter_ = 0;  // names functions as they are started (a body may create others)
  int fn_depth_ = 0;     // functions created while creating a function (bounded)
  int let_depth_ = 0;    // lets created while creating a let (bounded)
};

}  // namespace collat::difftest
