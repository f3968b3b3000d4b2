// The parts of the expression generator that name things: conditions on variables, provable rates
// and ratios, group keys, aggregates, and the lets, functions and tables created on demand.
#include <algorithm>
#include <array>
#include <string_view>

#include "difftest/expr_gen.h"
#include "difftest/literals.h"

namespace collat::difftest {
namespace {

constexpr std::array<Ty, 9> kAllTypes = {Ty::Number, Ty::Percent, Ty::Money, Ty::Bool,    Ty::Text,
                                         Ty::Cls,    Ty::Rating,  Ty::Date,  Ty::Duration};

bool Ordered(Ty ty) {
  return ty == Ty::Number || ty == Ty::Percent || ty == Ty::Money || ty == Ty::Date ||
         ty == Ty::Rating;
}

}  // namespace

std::string ExprGen::SetOf(Ty ty) {
  std::string out = "{";
  const int n = rng_.Int(0, 3);
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    out += ty == Ty::Text ? "\"" + TextConstant(rng_, model_) + "\"" : Literal(ty);
  }
  return out + (n > 0 && rng_.Chance(20) ? ",}" : "}");
}

std::string ExprGen::Cond(const Scope& scope, int depth) {
  if (depth > 0 && rng_.Chance(30)) {
    switch (rng_.Int(0, 2)) {
      case 0:
        return "(not " + Cond(scope, depth - 1) + ")";
      case 1:
        return "(" + Cond(scope, depth - 1) + " and " + Cond(scope, depth - 1) + ")";
      default:
        return "(" + Cond(scope, depth - 1) + " or " + Cond(scope, depth - 1) + ")";
    }
  }
  Ty ty = kAllTypes[static_cast<std::size_t>(rng_.Below(kAllTypes.size()))];
  std::string var = VarRef(scope, ty);
  for (int tries = 0; var.empty() && tries < 8; ++tries) {
    ty = kAllTypes[static_cast<std::size_t>(rng_.Below(kAllTypes.size()))];
    var = VarRef(scope, ty);
  }
  if (var.empty()) {  // a function without parameters: a constant comparison is fine there
    return "(" + Literal(Ty::Number) + " < " + Literal(Ty::Number) + ")";
  }
  const int d = std::max(0, depth - 1);
  const int form = rng_.Int(0, 9);
  if (form == 0) {
    static constexpr std::array<std::string_view, 4> kKnown = {" is known", " is unknown",
                                                               " is not known", " is not unknown"};
    return "(" + var + std::string(kKnown[static_cast<std::size_t>(rng_.Below(kKnown.size()))]) +
           ")";
  }
  if (form == 1 && (ty == Ty::Text || ty == Ty::Cls || ty == Ty::Rating || ty == Ty::Number)) {
    return "(" + var + (rng_.Chance(70) ? " in " : " not in ") + SetOf(ty) + ")";
  }
  if (form == 2 && ty == Ty::Bool) return var;
  if (form == 3 && ty == Ty::Date && scope.ctx != Ctx::Const) {
    return "(years_between(valuation_date, " + var + ") " + (rng_.Chance(50) ? "<" : ">=") + " " +
           std::to_string(rng_.Int(1, 10)) + (rng_.Chance(50) ? "y" : "m") + ")";
  }
  if ((ty == Ty::Number || ty == Ty::Percent) && rng_.Chance(30)) {
    var = "(" + var + " + " + Literal(Ty::Number) + ")";
  }
  static constexpr std::array<std::string_view, 6> kOps = {"==", "!=", "<", "<=", ">", ">="};
  const std::string_view op =
      kOps[static_cast<std::size_t>(rng_.Below(Ordered(ty) ? kOps.size() : 2))];
  // Never generate and then drop an expression: a let it created would go unused.
  const std::string rhs = ty == Ty::Money && rng_.Chance(20) ? "0" : Gen(ty, scope, d);
  return "(" + var + " " + std::string(op) + " " + rhs + ")";
}

std::string ExprGen::Rate(const Scope& scope, int depth) {
  if (depth <= 0) return RateLiteral(rng_);
  const int d = depth - 1;
  switch (rng_.Int(0, 10)) {
    case 0:
    case 1:
      return Branching(Ty::Percent, scope, depth, 1);
    case 2:
      return "min(1, max(0, " + Gen(rng_.Chance(50) ? Ty::Number : Ty::Percent, scope, d) + "))";
    case 3:
      return "(" + Rate(scope, d) + " * " + Rate(scope, d) + ")";
    case 4:
      return std::string(rng_.Chance(50) ? "min(" : "max(") + Rate(scope, d) + ", " +
             Rate(scope, d) + ")";
    case 5:
      return "(" + Rate(scope, d) + " ?? " + Rate(scope, d) + ")";
    case 6:
      if (scope.ctx != Ctx::Const) return LetRef(Ty::Percent, scope, 1);
      return RateLiteral(rng_);
    case 7:
      if (fn_depth_ < 2) return FnCall(Ty::Percent, scope, depth, true);
      return RateLiteral(rng_);
    case 8:
      return TableLookup(Ty::Percent, scope, depth, true);
    default:
      return RateLiteral(rng_);
  }
}

std::string ExprGen::Ratio(const Scope& scope, int depth) {
  if (depth <= 0) return std::to_string(rng_.Int(100, 250)) + "%";
  const int d = depth - 1;
  switch (rng_.Int(0, 5)) {
    case 0:
      return "(1 + " + Rate(scope, d) + ")";
    case 1:
      return "max(1, " + Gen(Ty::Number, scope, d) + ")";
    case 2:
      return Branching(Ty::Percent, scope, depth, 2);
    case 3:
      return "(" + Ratio(scope, d) + " ?? " + Ratio(scope, d) + ")";
    case 4:
      if (scope.ctx != Ctx::Const) return LetRef(Ty::Percent, scope, 2);
      return "150%";
    default:
      return std::to_string(rng_.Int(100, 250)) + "%";
  }
}

std::string ExprGen::Key(const Scope& scope) {
  const Ty ty = kAllTypes[static_cast<std::size_t>(rng_.Below(kAllTypes.size()))];
  if (rng_.Chance(70)) {
    std::string var = VarRef(scope, ty);
    if (!var.empty()) return var;
  }
  if (rng_.Chance(50)) return "(issuer ?? \"none\")";
  return Gen(ty, scope, 1);
}

std::string ExprGen::Aggregate(Ty ty, const Scope& scope, int depth) {
  (void)scope;
  const Scope inner{Ctx::Aggregate};
  const int d = std::max(0, depth - 1);
  const std::string where = rng_.Chance(60) ? " where " + Cond(inner, d) : "";
  // Aggregates take numbers, percents and money only (the checker's rule; the reference also
  // names dates and ordered labels for min/max).
  if (rng_.Chance(70)) return "sum(" + Gen(ty, inner, d) + where + ")";
  return std::string(rng_.Chance(50) ? "min(" : "max(") + Gen(ty, inner, d) + where + ")";
}

std::string ExprGen::LetRef(Ty ty, const Scope& scope, int kind) {
  const bool per_position = scope.ctx == Ctx::Position || scope.ctx == Ctx::Aggregate;
  std::vector<const LetSpec*> fits;
  for (const LetSpec& l : lets_) {
    if (l.ty == ty && l.kind == kind && (per_position || !l.position)) fits.push_back(&l);
  }
  if (!fits.empty() && (rng_.Chance(50) || let_depth_ >= 2)) {
    return fits[static_cast<std::size_t>(rng_.Below(fits.size()))]->name;
  }
  if (let_depth_ >= 2) return kind == 1 ? RateLiteral(rng_) : kind == 2 ? "100%" : Literal(ty);
  const bool position = per_position && rng_.Chance(70);
  const std::string name = "l" + std::to_string(++let_counter_);
  ++let_depth_;
  const Scope body_scope{position ? Ctx::Position : Ctx::Account};
  const std::string body = Valued(ty, body_scope, 2, kind);
  --let_depth_;
  lets_.push_back({name, ty, position, kind});  // after its body: a let never reads itself
  const bool typed = kind == 0 && !(ty == Ty::Number || ty == Ty::Percent) && rng_.Chance(50);
  decls_.push_back("let " + name + (typed ? ": " + std::string(TypeName(ty)) : "") + " = " + body);
  return name;
}

std::string ExprGen::FnCall(Ty ty, const Scope& scope, int depth, bool rate) {
  std::vector<const FnSpec*> fits;
  for (const FnSpec& f : fns_) {
    if (f.result == ty && f.rate == rate) fits.push_back(&f);
  }
  const FnSpec* fn = nullptr;
  if (!fits.empty() && rng_.Chance(50)) {
    fn = fits[static_cast<std::size_t>(rng_.Below(fits.size()))];
  } else {
    static constexpr std::array<Ty, 7> kParamTypes = {Ty::Number, Ty::Percent, Ty::Money, Ty::Date,
                                                      Ty::Rating, Ty::Bool,    Ty::Text};
    FnSpec spec{"f" + std::to_string(++fn_counter_), {}, ty, rate};
    const int params = rng_.Int(1, 2);
    for (int i = 0; i < params; ++i) {
      spec.params.push_back(
          {"x" + std::to_string(i + 1),
           kParamTypes[static_cast<std::size_t>(rng_.Below(kParamTypes.size()))]});
    }
    ++fn_depth_;
    const Scope body_scope{Ctx::Const, false, 0, &spec.params};
    const std::string body =
        rate ? "min(1, max(0, " + Gen(Ty::Number, body_scope, 2) + "))" : Gen(ty, body_scope, 2);
    --fn_depth_;
    std::string decl = "fn " + spec.name + "(";
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
      decl += (i > 0 ? ", " : "") + spec.params[i].ref + ": " +
              std::string(TypeName(spec.params[i].ty));
    }
    decl += ")";
    if (rate) {
      decl += ": percent";
    } else if (!(ty == Ty::Number || ty == Ty::Percent)) {
      decl += ": " + std::string(TypeName(ty));
    }
    decls_.push_back(decl + " = " + body);
    fns_.push_back(std::move(spec));
    fn = &fns_.back();
  }
  std::string call = fn->name + "(";
  const std::vector<Var> params = fn->params;  // Gen may add functions (and move fns_)
  const std::string name = fn->name;
  call = name + "(";
  for (std::size_t i = 0; i < params.size(); ++i) {
    call += (i > 0 ? ", " : "") + Gen(params[i].ty, scope, std::max(0, depth - 1));
  }
  return call + ")";
}

std::string ExprGen::TableLookup(Ty ty, const Scope& scope, int depth, bool rate) {
  std::vector<const TableSpec*> fits;
  for (const TableSpec& t : tables_) {
    if (t.value == ty && t.rate == rate) fits.push_back(&t);
  }
  std::string name;
  Ty key_ty;
  if (!fits.empty() && rng_.Chance(50)) {
    const TableSpec* t = fits[static_cast<std::size_t>(rng_.Below(fits.size()))];
    name = t->name;
    key_ty = t->key;
  } else {
    static constexpr std::array<Ty, 3> kKeys = {Ty::Text, Ty::Cls, Ty::Rating};
    key_ty = kKeys[static_cast<std::size_t>(rng_.Below(kKeys.size()))];
    name = "t" + std::to_string(tables_.size() + 1);
    tables_.push_back({name, key_ty, ty, rate});
    const int versions = rng_.Chance(30) ? 2 : 1;
    // Versions need distinct dates: the second is later than the first (which may have none).
    const std::int64_t first = model_.valuation_date + rng_.Int(-500, 300);
    const bool first_dated = rng_.Chance(60);
    const std::int64_t second = first + rng_.Int(1, 600);
    for (int v = 0; v < versions; ++v) {
      std::string decl = "table " + name;
      if (versions > 1 && (v > 0 || first_dated)) {
        decl += " effective " + DateText(v == 0 ? first : second);
      }
      decl += ": " + std::string(TypeName(key_ty)) + " -> " + std::string(TypeName(ty)) + " {\n";
      std::vector<std::string> keys;
      const int rows = rng_.Int(0, 4);
      for (int r = 0; r < rows; ++r) {
        std::string key;
        if (key_ty == Ty::Text) {
          key = "\"" + TextConstant(rng_, model_) + "\"";
        } else if (key_ty == Ty::Cls) {
          key = std::string(kClsLabels[static_cast<std::size_t>(rng_.Below(kClsLabels.size()))]);
        } else {
          key = std::string(kRtLabels[static_cast<std::size_t>(rng_.Below(kRtLabels.size()))]);
        }
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        keys.push_back(key);
        const std::string value = rate             ? RateLiteral(rng_)
                                  : ty == Ty::Text ? "\"" + TextConstant(rng_, model_) + "\""
                                                   : Literal(ty);
        decl += "  " + key + ": " + value + "\n";
      }
      if (rows == 0 || rng_.Chance(50)) {
        decl += "  else: " +
                (rate             ? RateLiteral(rng_)
                 : ty == Ty::Text ? "\"" + TextConstant(rng_, model_) + "\""
                                  : Literal(ty)) +
                "\n";
      }
      decls_.push_back(decl + "}");
    }
  }
  std::string key = rng_.Chance(60) ? VarRef(scope, key_ty) : "";
  if (key.empty()) key = Gen(key_ty, scope, std::max(0, depth - 1));
  return name + "[" + key + "]";
}

}  // namespace collat::difftest
