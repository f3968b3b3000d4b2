// Random well-typed expressions: leaves, arithmetic, builtins, branching, lookups, aggregates.
#include "difftest/expr_gen.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "difftest/literals.h"

namespace collat::difftest {
namespace {

bool IsNumeric(Ty ty) {
  return ty == Ty::Number || ty == Ty::Percent;
}

std::string Paren(const std::string& a, std::string_view op, const std::string& b) {
  return "(" + a + " " + std::string(op) + " " + b + ")";
}

std::string Call(std::string_view f, const std::string& a, const std::string& b = "") {
  return std::string(f) + "(" + a + (b.empty() ? "" : ", " + b) + ")";
}

}  // namespace

std::vector<Var> ExprGen::VarsOf(const Scope& scope, Ty ty) const {
  std::vector<Var> out;
  const auto take = [&](const Var& v) {
    if (v.ty == ty || (IsNumeric(ty) && IsNumeric(v.ty))) out.push_back(v);
  };
  if (scope.ctx == Ctx::Const) {
    if (scope.params)
      for (const Var& v : *scope.params)
        take(v);
    return out;
  }
  const bool position = scope.ctx == Ctx::Position || scope.ctx == Ctx::Aggregate;
  if (position) {
    for (const FieldSpec& f : model_.position)
      take({f.name, f.ty});
  }
  for (const FieldSpec& f : model_.account) {
    // A bare name resolves to a position field first, in every context.
    const bool clash = std::any_of(model_.position.begin(), model_.position.end(),
                                   [&](const FieldSpec& p) { return p.name == f.name; });
    take({clash ? "account." + f.name : f.name, f.ty});
  }
  for (const FieldSpec& f : model_.market)
    take({"market." + f.name, f.ty});
  take({"valuation_date", Ty::Date});
  if (scope.ctx == Ctx::Aggregate) {
    take({"eligible", Ty::Bool});
    for (const char* m : {"adjusted_value", "excess", "counted_value"})
      take({m, Ty::Money});
  }
  if (scope.ctx == Ctx::Account && scope.totals) {
    for (const char* t : {"gross_value", "eligible_value", "haircut_value", "concentration_excess",
                          "collateral_value"})
      take({t, Ty::Money});
    for (std::size_t i = 0; i < scope.outputs && i < outputs_.size(); ++i)
      take(outputs_[i]);
  }
  return out;
}

std::string ExprGen::VarRef(const Scope& scope, Ty ty) {
  const std::vector<Var> vars = VarsOf(scope, ty);
  if (vars.empty()) return "";
  return vars[static_cast<std::size_t>(rng_.Below(vars.size()))].ref;
}

std::string ExprGen::Literal(Ty ty) {
  switch (ty) {
    case Ty::Number:
      return NumberLiteral(rng_, model_);
    case Ty::Percent:
      return RateLiteral(rng_);
    case Ty::Money:
      return MoneyLiteral(rng_, model_);
    case Ty::Bool:
      return rng_.Chance(50) ? "true" : "false";
    case Ty::Text:
      return rng_.Chance(10) ? "base_currency" : "\"" + TextConstant(rng_, model_) + "\"";
    case Ty::Cls: {
      const std::string label(kClsLabels[static_cast<std::size_t>(rng_.Below(kClsLabels.size()))]);
      return rng_.Chance(30) ? "Cls." + label : label;
    }
    case Ty::Rating: {
      const std::string label(kRtLabels[static_cast<std::size_t>(rng_.Below(kRtLabels.size()))]);
      return rng_.Chance(30) ? "Rt." + label : label;
    }
    case Ty::Date:
      return DateLiteral(rng_, model_);
    case Ty::Duration:
      return DurationLiteral(rng_);
  }
  return "0";
}

std::string ExprGen::Leaf(Ty ty, const Scope& scope) {
  if (rng_.Chance(55)) {
    std::string v = VarRef(scope, ty);
    if (!v.empty()) return v;
  }
  if (ty == Ty::Date && scope.ctx != Ctx::Const && rng_.Chance(30)) return "valuation_date";
  return Literal(ty);
}

std::string ExprGen::Gen(Ty ty, const Scope& scope, int depth) {
  if (depth <= 0 || rng_.Chance(25)) return Leaf(ty, scope);
  const int pick = rng_.Int(0, 99);
  if (pick < 22) return Branching(ty, scope, depth, 0);
  if (pick < 30 && scope.ctx != Ctx::Const) return LetRef(ty, scope, 0);
  if (pick < 36 && fn_depth_ < 2) return FnCall(ty, scope, depth, false);
  if (pick < 42 && ty != Ty::Duration) return TableLookup(ty, scope, depth, false);
  if (pick < 52 && scope.ctx == Ctx::Account && scope.totals && (IsNumeric(ty) || ty == Ty::Money))
    return Aggregate(ty, scope, depth);
  if (IsNumeric(ty)) return Numeric(ty, scope, depth);
  if (ty == Ty::Money) return MoneyExpr(scope, depth);
  return Other(ty, scope, depth);
}

std::string ExprGen::Numeric(Ty ty, const Scope& scope, int depth) {
  const int d = depth - 1;
  switch (rng_.Int(0, 13)) {
    case 0:
      return Paren(Gen(ty, scope, d), "+", Gen(Ty::Number, scope, d));
    case 1:
      return Paren(Gen(ty, scope, d), "-", Gen(Ty::Percent, scope, d));
    case 2:
      return Paren(Gen(ty, scope, d), "*", Gen(Ty::Number, scope, d));
    case 3:
      return Paren(Gen(ty, scope, d), "/", Gen(Ty::Number, scope, d));
    case 4:
      return "(-" + Gen(ty, scope, d) + ")";
    case 5:
      return Call(rng_.Chance(50) ? "min" : "max", Gen(ty, scope, d), Gen(ty, scope, d));
    case 6: {
      static constexpr std::array<std::string_view, 4> kOne = {"abs", "floor", "ceil", "sqrt"};
      return Call(kOne[static_cast<std::size_t>(rng_.Below(kOne.size()))], Gen(ty, scope, d));
    }
    case 7: {
      static constexpr std::array<std::string_view, 3> kRound = {"round", "round_up", "round_down"};
      std::string inc = rng_.Chance(70) ? Literal(Ty::Number) : Gen(Ty::Number, scope, d);
      return Call(kRound[static_cast<std::size_t>(rng_.Below(kRound.size()))], Gen(ty, scope, d),
                  inc);
    }
    case 8:
    case 9: {
      if (scope.ctx == Ctx::Const && VarsOf(scope, Ty::Date).empty()) return Leaf(ty, scope);
      const char* f = rng_.Chance(50) ? "years_between" : "days_between";
      return Call(f, Gen(Ty::Date, scope, d), Gen(Ty::Date, scope, d));
    }
    case 10:
      return Paren(MoneyExpr(scope, d), "/", MoneyExpr(scope, d));
    case 11:
      return Paren(Gen(ty, scope, d), "??", Gen(ty, scope, d));
    case 12:
      if (scope.ctx == Ctx::Account && scope.totals) {
        return rng_.Chance(50) ? "count()" : "count(where " + Cond({Ctx::Aggregate}, d) + ")";
      }
      return Leaf(ty, scope);
    default:
      return Leaf(ty, scope);
  }
}

std::string ExprGen::MoneyExpr(const Scope& scope, int depth) {
  if (depth <= 0) return Leaf(Ty::Money, scope);
  const int d = depth - 1;
  switch (rng_.Int(0, 11)) {
    case 0:
      return Paren(Gen(Ty::Money, scope, d), "+", Gen(Ty::Money, scope, d));
    case 1:
      return Paren(Gen(Ty::Money, scope, d), "-", Gen(Ty::Money, scope, d));
    case 2:
      return Paren(Gen(Ty::Money, scope, d), "*", Gen(Ty::Percent, scope, d));
    case 3:
      return Paren(Gen(Ty::Number, scope, d), "*", Gen(Ty::Money, scope, d));
    case 4:
      return Paren(Gen(Ty::Money, scope, d), "/", Gen(Ty::Number, scope, d));
    case 5:
      return "(-" + Gen(Ty::Money, scope, d) + ")";
    case 6:
      return Call(rng_.Chance(50) ? "min" : "max", rng_.Chance(20) ? "0" : Gen(Ty::Money, scope, d),
                  Gen(Ty::Money, scope, d));
    case 7:
      return Call("abs", Gen(Ty::Money, scope, d));
    case 8: {
      static constexpr std::array<std::string_view, 3> kRound = {"round", "round_up", "round_down"};
      return Call(kRound[static_cast<std::size_t>(rng_.Below(kRound.size()))],
                  Gen(Ty::Money, scope, d), rng_.Chance(80) ? Literal(Ty::Money) : "(-1 USD)");
    }
    case 9:
      if (scope.ctx == Ctx::Account) {
        return "transfer(" + Gen(Ty::Money, scope, d) + ", gate: " + Gen(Ty::Money, scope, d) +
               (rng_.Chance(50) ? ", round_up: " : ", round_down: ") + Literal(Ty::Money) + ")";
      }
      return Leaf(Ty::Money, scope);
    case 10:
      return Paren(Gen(Ty::Money, scope, d), "??", Gen(Ty::Money, scope, d));
    default:
      return Leaf(Ty::Money, scope);
  }
}

std::string ExprGen::Other(Ty ty, const Scope& scope, int depth) {
  const int d = depth - 1;
  switch (ty) {
    case Ty::Bool:
      if (rng_.Chance(70) && !VarsOf(scope, Ty::Bool).empty()) return Cond(scope, depth);
      switch (rng_.Int(0, 3)) {
        case 0:
          return "(not " + Gen(Ty::Bool, scope, d) + ")";
        case 1:
          return Paren(Gen(Ty::Bool, scope, d), "and", Gen(Ty::Bool, scope, d));
        case 2:
          return Paren(Gen(Ty::Bool, scope, d), "or", Gen(Ty::Bool, scope, d));
        default:
          return Paren(Gen(Ty::Number, scope, d), "<", Gen(Ty::Number, scope, d));
      }
    case Ty::Rating:
      if (rng_.Chance(40)) {
        return Call(rng_.Chance(50) ? "min" : "max", Gen(ty, scope, d), Gen(ty, scope, d));
      }
      return Paren(Gen(ty, scope, d), "??", Gen(ty, scope, d));
    case Ty::Date:
      switch (rng_.Int(0, 3)) {
        case 0:
          return Paren(Gen(Ty::Date, scope, d), "+", Gen(Ty::Duration, scope, d));
        case 1:
          return Paren(Gen(Ty::Date, scope, d), "-", Gen(Ty::Duration, scope, d));
        case 2:
          return Paren(Gen(Ty::Duration, scope, d), "+", Gen(Ty::Date, scope, d));
        default:
          return Call(rng_.Chance(50) ? "min" : "max", Gen(ty, scope, d), Gen(ty, scope, d));
      }
    case Ty::Duration:
      return Paren(Gen(Ty::Duration, scope, d), rng_.Chance(50) ? "+" : "-",
                   Gen(Ty::Duration, scope, d));
    case Ty::Text:
    case Ty::Cls:
      return Paren(Gen(ty, scope, d), "??", Gen(ty, scope, d));
    case Ty::Number:
    case Ty::Percent:
    case Ty::Money:
      break;
  }
  return Leaf(ty, scope);
}

std::string ExprGen::Valued(Ty ty, const Scope& scope, int depth, int kind) {
  if (kind == 1) return Rate(scope, depth);
  if (kind == 2) return Ratio(scope, depth);
  return Gen(ty, scope, depth);
}

std::string ExprGen::Branching(Ty ty, const Scope& scope, int depth, int kind) {
  const int d = depth - 1;
  const int pick = rng_.Int(0, 2);
  if (pick == 0 && scope.ctx != Ctx::Const) return Match(ty, scope, depth, kind);
  if (pick == 1 &&
      (ty == Ty::Number || ty == Ty::Percent || ty == Ty::Money || kind != 0 || rng_.Chance(30)))
    return Schedule(ty, scope, depth, kind);
  const std::string cond = scope.ctx == Ctx::Const ? Gen(Ty::Bool, scope, d) : Cond(scope, d);
  return "(if " + cond + " then " + Valued(ty, scope, d, kind) + " else " +
         Valued(ty, scope, d, kind) + ")";
}

namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool IsDigitChar(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

// Every numeric literal as the binary64 the checker makes of it: `1_000.50` and `1000.5`, `100%`
// and `1`, `0 USD` and `0` all read `1000.5`, `1`, `0`. Currency codes are dropped, so two
// conditions that differ only in a code count as one (an arm fewer, never an unreachable arm).
std::string CanonicalNumbers(const std::string& text) {
  std::string out;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const bool starts =
        IsDigitChar(text[i]) && (i == 0 || (!IsWordChar(text[i - 1]) && text[i - 1] != '.'));
    if (!starts) {
      out += text[i++];
      continue;
    }
    std::string mantissa;
    std::size_t j = i;
    while (j < n && (IsDigitChar(text[j]) || text[j] == '_')) {
      if (text[j] != '_') mantissa += text[j];
      ++j;
    }
    if (j + 1 < n && text[j] == '.' && IsDigitChar(text[j + 1])) {
      mantissa += text[j++];
      while (j < n && IsDigitChar(text[j]))
        mantissa += text[j++];
    }
    long exponent = 0;
    if (j < n && (text[j] == 'e' || text[j] == 'E')) {
      std::size_t k = j + 1;
      if (k < n && (text[k] == '+' || text[k] == '-')) ++k;
      if (k < n && IsDigitChar(text[k])) {
        std::size_t end = k;
        while (end < n && IsDigitChar(text[end]))
          ++end;
        exponent = std::strtol(text.substr(j + 1, end - j - 1).c_str(), nullptr, 10);
        j = end;
      }
    }
    if (j < n && text[j] == '%') {
      exponent -= 2;  // exact in decimal, as the checker reads `55.3%`
      ++j;
    } else if (j + 4 <= n && text[j] == ' ' &&
               std::isupper(static_cast<unsigned char>(text[j + 1])) != 0 &&
               std::isupper(static_cast<unsigned char>(text[j + 2])) != 0 &&
               std::isupper(static_cast<unsigned char>(text[j + 3])) != 0 &&
               (j + 4 == n || !IsWordChar(text[j + 4]))) {
      j += 4;  // a money literal's code
    }
    const double value = std::strtod((mantissa + "e" + std::to_string(exponent)).c_str(), nullptr);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    out += buffer;
    i = j;
  }
  return out;
}

std::string ExprGen::Match(Ty ty, const Scope& scope, int depth, int kind) {
  const int d = depth - 1;
  const int arms = rng_.Int(1, 4);
  std::vector<std::string> seen;
  std::string out = "match { ";
  for (int i = 0; i < arms; ++i) {
    std::string cond = Cond(scope, d);
    // `is not known` is `is unknown` in the IR, `Cls.c_eq` is `c_eq`, `1_000.50` is `1000.5`:
    // compare conditions in one spelling.
    std::string key = cond;
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{" is not known", " is unknown"},
          {" is not unknown", " is known"},
          {"Cls.", ""},
          {"Rt.", ""},
          {"base_currency", "\"USD\""}}) {
      for (std::size_t at; (at = key.find(from)) != std::string::npos;)
        key.replace(at, from.size(), to);
    }
    key = CanonicalNumbers(key);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    if (rng_.Chance(75)) out += "a" + std::to_string(++arm_counter_) + ": ";
    out += cond + " => " + Valued(ty, scope, d, kind) + ", ";
  }
  if (rng_.Chance(60)) {
    if (rng_.Chance(75)) out += "a" + std::to_string(++arm_counter_) + ": ";
    out += "else => " + Valued(ty, scope, d, kind) + ", ";
  }
  return out + "}";
}

Ty ExprGen::OrderedType(const Scope& scope) {
  static constexpr std::array<Ty, 5> kOrdered = {Ty::Number, Ty::Percent, Ty::Money, Ty::Date,
                                                 Ty::Rating};
  Ty ty = kOrdered[static_cast<std::size_t>(rng_.Below(kOrdered.size()))];
  if (VarsOf(scope, ty).empty()) ty = Ty::Number;
  return ty;
}

std::string ExprGen::Schedule(Ty ty, const Scope& scope, int depth, int kind) {
  const int d = depth - 1;
  const Ty subject_ty = OrderedType(scope);
  // Bounds in years and months (`< 18m`) on a number of years, now and then.
  const bool years = subject_ty == Ty::Number && rng_.Chance(25);
  std::string subject = rng_.Chance(60) ? VarRef(scope, subject_ty) : "";
  if (years && scope.ctx != Ctx::Const) {
    subject = "years_between(valuation_date, " + Gen(Ty::Date, scope, d) + ")";
  } else if (subject.empty()) {
    subject = Gen(subject_ty, scope, d);
  }
  const int bands = rng_.Int(1, 4);
  // Strictly ascending bound keys; each band's bound is spelled from its key.
  std::vector<std::int64_t> keys;
  std::int64_t key = subject_ty == Ty::Rating ? -1 : (subject_ty == Ty::Date ? -400 : -1);
  for (int i = 0; i < bands; ++i) {
    key += subject_ty == Ty::Rating ? 1 : rng_.Int(1, subject_ty == Ty::Date ? 700 : 40);
    if (subject_ty == Ty::Rating && key >= static_cast<std::int64_t>(kRtLabels.size())) break;
    keys.push_back(key);
  }
  const int decimals = rng_.Chance(50) ? 0 : 1;
  std::string out = "schedule " + subject + " { ";
  for (const std::int64_t k : keys) {
    out += rng_.Chance(50) ? "< " : "<= ";
    switch (subject_ty) {
      case Ty::Rating:  // ranks ascend from the lowest label
        out += std::string(kRtLabels[kRtLabels.size() - 1 - static_cast<std::size_t>(k)]);
        break;
      case Ty::Date: {
        model_.dates.push_back(model_.valuation_date + k);
        out += DateText(model_.valuation_date + k);
        break;
      }
      case Ty::Money: {
        const std::string n = Decimal(k * 1000, 0, true);
        model_.numbers.push_back(n);
        out += n + " USD";
        break;
      }
      case Ty::Percent:
        out += std::to_string(k) + "%";
        break;
      case Ty::Number:
      case Ty::Bool:
      case Ty::Text:
      case Ty::Cls:
      case Ty::Duration:
        if (years) {
          out += std::to_string(k) + "m";
        } else {
          const std::string n = Decimal(k, decimals);
          model_.numbers.push_back(n);
          out += n;
        }
        break;
    }
    out += ": " + Valued(ty, scope, d, kind) + ", ";
  }
  const bool has_else = keys.empty() || rng_.Chance(85);
  if (has_else) out += "else: " + Valued(ty, scope, d, kind) + " ";
  return out + "}";
}

}  // namespace collat::difftest
