// Expression checking: names, types, contexts, inlining of user functions, constant folding.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/edit_distance.h"
#include "compiler/checker.h"
#include "grammar/format.h"

namespace collat::check_internal {
namespace {

using ir::Op;
using ir::Type;
using ir::TypeKind;

ir::ExprPtr ErrorExpr(SourceRange range) {
  return Make(Op::Const, Type{}, range);
}

bool IsError(const ir::Expr& e) {
  return e.type.kind == TypeKind::Error;
}

bool IsZeroLiteral(const ir::Expr& e) {
  return e.op == Op::Const && e.constant.known && e.type.kind == TypeKind::Number &&
         e.constant.number == 0 && !e.type.is_set;
}

std::string DidYouMean(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = EditDistance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best.empty() ? std::string() : fmt::format("; did you mean `{}`?", best);
}

}  // namespace

// Folds arithmetic on two known numeric constants with the interpreter's plain binary64 ops.
ir::ExprPtr Fold(ir::ExprPtr e) {
  const auto known_number = [](const ir::Expr& x) {
    return x.op == Op::Const && x.constant.known && !x.type.is_set &&
           (x.type.kind == TypeKind::Number || x.type.kind == TypeKind::Percent ||
            x.type.kind == TypeKind::Money);
  };
  if (e->op == Op::Neg && known_number(*e->args[0])) {
    auto c = Make(Op::Const, e->type, e->range);
    c->constant = ir::Value::Number(-e->args[0]->constant.number);
    return c;
  }
  if ((e->op == Op::Add || e->op == Op::Sub || e->op == Op::Mul || e->op == Op::Div) &&
      known_number(*e->args[0]) && known_number(*e->args[1])) {
    const double a = e->args[0]->constant.number;
    const double b = e->args[1]->constant.number;
    double r = 0;
    switch (e->op) {
      case Op::Add:
        r = a + b;
        break;
      case Op::Sub:
        r = a - b;
        break;
      case Op::Mul:
        r = a * b;
        break;
      case Op::Div:
        if (b == 0) return e;  // unknown at run time; leave it to the evaluator
        r = a / b;
        break;
      default:
        return e;
    }
    if (!std::isfinite(r)) return e;
    auto c = Make(Op::Const, e->type, e->range);
    c->constant = ir::Value::Number(r);
    return c;
  }
  return e;
}

std::string SuggestName(const std::string& name, const std::vector<std::string>& candidates) {
  return DidYouMean(name, candidates);
}

std::string Checker::TypeName(const Type& t) const {
  std::string base;
  switch (t.kind) {
    case TypeKind::Number:
      base = "number";
      break;
    case TypeKind::Percent:
      base = "percent";
      break;
    case TypeKind::Money:
      base = "money";
      break;
    case TypeKind::Bool:
      base = "bool";
      break;
    case TypeKind::Text:
      base = "text";
      break;
    case TypeKind::Enum:
      base = t.enum_id >= 0 ? policy_.enums[static_cast<std::size_t>(t.enum_id)].name : "enum";
      break;
    case TypeKind::Date:
      base = "date";
      break;
    case TypeKind::Duration:
      base = "duration";
      break;
    case TypeKind::Error:
      base = "<error>";
      break;
  }
  if (t.is_set) return "set of " + base;
  return t.optional ? base + "?" : base;
}

// The common type of two branches: numbers and percents mix (percent wins), the literal 0 stands
// for money, optionality spreads. nullopt when they do not mix.
std::optional<Type> Checker::Unify(const Type& a, const Type& b) {
  if (a.kind == TypeKind::Error || b.kind == TypeKind::Error) return Type{};
  if (a.is_set != b.is_set) return std::nullopt;
  Type out = a;
  out.optional = a.optional || b.optional;
  if (a.kind == b.kind && a.enum_id == b.enum_id) return out;
  const auto numeric = [](TypeKind k) { return k == TypeKind::Number || k == TypeKind::Percent; };
  if (numeric(a.kind) && numeric(b.kind)) {
    out.kind = TypeKind::Percent;
    return out;
  }
  return std::nullopt;
}

// Converts the literal 0 to money where money is expected; otherwise returns e unchanged.
ir::ExprPtr Checker::Coerce(ir::ExprPtr e, const Type& to) {
  if (to.kind == TypeKind::Money && IsZeroLiteral(*e)) e->type = Type::Of(TypeKind::Money);
  return e;
}

bool Checker::ExpectBool(const ir::Expr& e, SourceRange range, const char* what) {
  if (IsError(e) || (e.type.kind == TypeKind::Bool && !e.type.is_set)) return true;
  Error(DiagnosticKind::type_mismatch, range,
        fmt::format("{} must be a `bool`, not `{}`", what, TypeName(e.type)));
  return false;
}

ir::ExprPtr Checker::Literal(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Number: {
      auto c = Make(Op::Const, Type::Of(TypeKind::Number), e.range);
      c->constant = ir::Value::Number(e.number);
      return c;
    }
    case ast::ExprKind::Percent: {
      auto c = Make(Op::Const, Type::Of(TypeKind::Percent), e.range);
      c->constant = ir::Value::Number(e.number);
      return c;
    }
    case ast::ExprKind::Money: {
      if (!policy_.header.currency.empty() && e.currency != policy_.header.currency) {
        Error(DiagnosticKind::currency_mismatch, e.range,
              fmt::format("money literal in `{}`, but the policy's base currency is `{}`",
                          e.currency, policy_.header.currency));
        return ErrorExpr(e.range);
      }
      auto c = Make(Op::Const, Type::Of(TypeKind::Money), e.range);
      c->constant = ir::Value::Number(e.number);
      return c;
    }
    case ast::ExprKind::Date: {
      auto c = Make(Op::Const, Type::Of(TypeKind::Date), e.range);
      c->constant = ir::Value::Integer(ir::DaysFromCivil(e.date.year, e.date.month, e.date.day));
      return c;
    }
    case ast::ExprKind::Duration: {
      auto c = Make(Op::Const, Type::Of(TypeKind::Duration), e.range);
      const auto n = static_cast<std::int32_t>(e.number);
      ir::Duration d;
      switch (e.unit) {
        case ast::DurationUnit::Days:
          d.days = n;
          break;
        case ast::DurationUnit::Weeks:
          d.days = 7 * n;
          break;
        case ast::DurationUnit::Months:
          d.months = n;
          break;
        case ast::DurationUnit::Years:
          d.months = 12 * n;
          break;
      }
      c->constant = ir::Value::OfDuration(d);
      return c;
    }
    case ast::ExprKind::String: {
      auto c = Make(Op::Const, Type::Of(TypeKind::Text), e.range);
      c->constant.known = true;
      c->text = e.text;
      return c;
    }
    case ast::ExprKind::Bool: {
      auto c = Make(Op::Const, Type::Of(TypeKind::Bool), e.range);
      c->constant = ir::Value::Bool(e.boolean);
      return c;
    }
    case ast::ExprKind::Name:
    case ast::ExprKind::Set:
    case ast::ExprKind::Unary:
    case ast::ExprKind::Binary:
    case ast::ExprKind::Call:
    case ast::ExprKind::Index:
    case ast::ExprKind::If:
    case ast::ExprKind::Match:
    case ast::ExprKind::Schedule:
    case ast::ExprKind::Paren:
      break;
  }
  return nullptr;
}

ir::ExprPtr Checker::LabelOf(const std::string& name, SourceRange range, const Context& ctx) {
  const auto it = labels_.find(name);
  if (it == labels_.end()) return nullptr;
  const std::pair<std::int32_t, std::size_t>* pick = nullptr;
  for (const auto& candidate : it->second) {
    if (ctx.expected_enum && candidate.first == *ctx.expected_enum) pick = &candidate;
  }
  if (!pick && it->second.size() == 1) pick = &it->second.front();
  if (!pick) {
    std::string enums;
    for (const auto& c : it->second) {
      enums += (enums.empty() ? "`" : ", `") +
               policy_.enums[static_cast<std::size_t>(c.first)].name + "`";
    }
    Error(DiagnosticKind::unknown_name, range,
          fmt::format("`{}` is a label of several enums ({}): write `Enum.{}`", name, enums, name));
    return ErrorExpr(range);
  }
  const ir::EnumInfo& info = policy_.enums[static_cast<std::size_t>(pick->first)];
  auto c = Make(Op::Const, Type::EnumOf(pick->first), range);
  c->constant = ir::Value::Integer(info.Rank(pick->second));
  c->text = name;
  return c;
}

ir::ExprPtr Checker::Name(const ast::Expr& e, const Context& ctx, Usage& usage) {
  std::string name = e.text;
  // An import alias qualifies names of the imported file; all names share one scope.
  if (const auto dot = name.find('.'); dot != std::string::npos) {
    const std::string head = name.substr(0, dot);
    const std::string rest = name.substr(dot + 1);
    if (aliases_.count(head) != 0) {
      name = rest;
    } else if (head == "position" || head == "account" || head == "market") {
      const auto& fields = head == "position"  ? policy_.position_fields
                           : head == "account" ? policy_.account_fields
                                               : policy_.market_fields;
      const auto index = head == "position"  ? policy_.FindPositionField(rest)
                         : head == "account" ? policy_.FindAccountField(rest)
                                             : policy_.FindMarketField(rest);
      if (index < 0) {
        std::vector<std::string> names;
        for (const auto& f : fields)
          names.push_back(f.name);
        Error(
            DiagnosticKind::unknown_name, e.range,
            fmt::format("the {} schema has no field `{}`{}", head, rest, DidYouMean(rest, names)));
        return ErrorExpr(e.range);
      }
      if (head == "position") {
        if (!ctx.position) {
          Error(DiagnosticKind::wrong_context, e.range,
                fmt::format("`{}` is a position field: read it per position, or inside an "
                            "aggregate such as `sum(...)`",
                            rest));
          return ErrorExpr(e.range);
        }
        usage.position = true;
      }
      const Op op = head == "position"  ? Op::PositionField
                    : head == "account" ? Op::AccountField
                                        : Op::MarketField;
      auto f = Make(op, fields[static_cast<std::size_t>(index)].type, e.range);
      f->index = index;
      f->text = rest;
      return f;
    } else if (const auto en = enum_ids_.find(head); en != enum_ids_.end()) {
      const ir::EnumInfo& info = policy_.enums[static_cast<std::size_t>(en->second)];
      const auto label = std::find(info.labels.begin(), info.labels.end(), rest);
      if (label == info.labels.end()) {
        Error(DiagnosticKind::unknown_name, e.range,
              fmt::format("enum `{}` has no label `{}`{}", head, rest,
                          DidYouMean(rest, info.labels)));
        return ErrorExpr(e.range);
      }
      auto c = Make(Op::Const, Type::EnumOf(en->second), e.range);
      c->constant =
          ir::Value::Integer(info.Rank(static_cast<std::size_t>(label - info.labels.begin())));
      c->text = rest;
      return c;
    }
  }
  if (ctx.params) {
    if (const auto p = ctx.params->find(name); p != ctx.params->end()) return CloneExpr(*p->second);
  }
  if (lets_.count(name) != 0) {
    Usage let_usage;
    const std::int32_t index = LetIndex(name, e.range, let_usage);
    if (index < 0) return ErrorExpr(e.range);
    if (let_usage.position && !ctx.position) {
      Error(DiagnosticKind::wrong_context, e.range,
            fmt::format("`{}` is computed per position: use it in a per-position rule, or inside "
                        "an aggregate such as `sum(...)`",
                        name));
      return ErrorExpr(e.range);
    }
    if (let_usage.account_only && !ctx.account) {
      Error(DiagnosticKind::wrong_context, e.range,
            fmt::format("`{}` reads account totals or outputs, which are not known per position",
                        name));
      return ErrorExpr(e.range);
    }
    usage.position = usage.position || let_usage.position;
    usage.account_only = usage.account_only || let_usage.account_only;
    const ir::Let& let = policy_.lets[static_cast<std::size_t>(index)];
    if (let.value && let.value->op == Op::Const) return CloneExpr(*let.value);  // constants inline
    auto ref = Make(Op::Let, let.type, e.range);
    ref->index = index;
    ref->text = name;
    return ref;
  }
  if (const auto index = policy_.FindPositionField(name); index >= 0) {
    if (!ctx.position) {
      Error(DiagnosticKind::wrong_context, e.range,
            fmt::format("`{}` is a position field: read it per position, or inside an aggregate "
                        "such as `sum({} where ...)`",
                        name, name));
      return ErrorExpr(e.range);
    }
    usage.position = true;
    auto f = Make(Op::PositionField, policy_.position_fields[static_cast<std::size_t>(index)].type,
                  e.range);
    f->index = index;
    f->text = name;
    return f;
  }
  if (const auto index = policy_.FindAccountField(name); index >= 0) {
    auto f = Make(Op::AccountField, policy_.account_fields[static_cast<std::size_t>(index)].type,
                  e.range);
    f->index = index;
    f->text = name;
    return f;
  }
  if (const auto index = policy_.FindMarketField(name); index >= 0) {
    auto f =
        Make(Op::MarketField, policy_.market_fields[static_cast<std::size_t>(index)].type, e.range);
    f->index = index;
    f->text = name;
    return f;
  }
  if (name == "valuation_date") return Make(Op::ValuationDate, Type::Of(TypeKind::Date), e.range);
  if (name == "base_currency") {
    auto c = Make(Op::Const, Type::Of(TypeKind::Text), e.range);
    c->constant.known = true;
    c->text = policy_.header.currency;
    return c;
  }
  static const std::map<std::string, ir::Total> kTotals = {
      {"gross_value", ir::Total::GrossValue},
      {"eligible_value", ir::Total::EligibleValue},
      {"haircut_value", ir::Total::HaircutValue},
      {"concentration_excess", ir::Total::ConcentrationExcess},
      {"collateral_value", ir::Total::CollateralValue}};
  if (const auto t = kTotals.find(name); t != kTotals.end()) {
    if (!ctx.account) {
      Error(DiagnosticKind::wrong_context, e.range,
            fmt::format("`{}` is an account total: use it in an output or a limit base, not per "
                        "position",
                        name));
      return ErrorExpr(e.range);
    }
    usage.account_only = true;
    auto total = Make(Op::Total, Type::Of(TypeKind::Money), e.range);
    total->total = t->second;
    total->text = name;
    return total;
  }
  static const std::map<std::string, ir::Measure> kMeasures = {
      {"eligible", ir::Measure::Eligible},
      {"adjusted_value", ir::Measure::AdjustedValue},
      {"excess", ir::Measure::Excess},
      {"counted_value", ir::Measure::CountedValue}};
  if (const auto m = kMeasures.find(name); m != kMeasures.end()) {
    if (!ctx.in_aggregate) {
      Error(DiagnosticKind::wrong_context, e.range,
            fmt::format("`{}` is a result per position: use it inside an aggregate such as "
                        "`sum(...)`",
                        name));
      return ErrorExpr(e.range);
    }
    usage.position = true;
    auto measure = Make(
        Op::PositionMeasure,
        Type::Of(m->second == ir::Measure::Eligible ? TypeKind::Bool : TypeKind::Money), e.range);
    measure->measure = m->second;
    measure->text = name;
    return measure;
  }
  if (const auto o = outputs_.find(name); o != outputs_.end()) {
    if (!ctx.account || o->second >= ctx.outputs_visible) {
      Error(DiagnosticKind::wrong_context, e.range,
            !ctx.account
                ? fmt::format("output `{}` is an account result, not known per position", name)
                : fmt::format("output `{}` is declared later: outputs are computed in "
                              "written order and may read only earlier ones",
                              name));
      return ErrorExpr(e.range);
    }
    usage.account_only = true;
    const ir::Output& out = policy_.outputs[static_cast<std::size_t>(o->second)];
    auto ref = Make(Op::Output, out.type, e.range);
    ref->index = o->second;
    ref->text = name;
    return ref;
  }
  if (auto label = LabelOf(name, e.range, ctx)) return label;
  Error(DiagnosticKind::unknown_name, e.range,
        fmt::format("unknown name `{}`{}", name, DidYouMean(name, VisibleNames(ctx))));
  return ErrorExpr(e.range);
}

ir::ExprPtr Checker::Unary(const ast::Expr& e, const Context& ctx, Usage& usage) {
  ir::ExprPtr operand = Expr(*e.operands[0], ctx, usage);
  if (IsError(*operand)) return ErrorExpr(e.range);
  const Type t = operand->type;
  switch (e.unary_op) {
    case ast::UnaryOp::Neg: {
      if (!t.IsNumeric()) {
        Error(DiagnosticKind::type_mismatch, e.range,
              fmt::format("`-` needs a number, percent or money, not `{}`", TypeName(t)));
        return ErrorExpr(e.range);
      }
      auto out = Make(Op::Neg, t, e.range);
      out->args.push_back(std::move(operand));
      return Fold(std::move(out));
    }
    case ast::UnaryOp::Not: {
      if (!ExpectBool(*operand, e.operands[0]->range, "the operand of `not`")) {
        return ErrorExpr(e.range);
      }
      auto out = Make(Op::Not, t, e.range);
      out->args.push_back(std::move(operand));
      return out;
    }
    case ast::UnaryOp::IsKnown:
    case ast::UnaryOp::IsUnknown: {
      auto out = Make(e.unary_op == ast::UnaryOp::IsKnown ? Op::IsKnown : Op::IsUnknown,
                      Type::Of(TypeKind::Bool), e.range);
      out->args.push_back(std::move(operand));
      return out;
    }
  }
  return ErrorExpr(e.range);
}

ir::ExprPtr Checker::Membership(const ast::Expr& e, const Context& ctx, Usage& usage) {
  ir::ExprPtr lhs = Expr(*e.operands[0], ctx, usage);
  if (IsError(*lhs)) return ErrorExpr(e.range);
  Context set_ctx = ctx;
  if (lhs->type.kind == TypeKind::Enum) set_ctx.expected_enum = lhs->type.enum_id;
  ir::ExprPtr rhs = Expr(*e.operands[1], set_ctx, usage);
  if (IsError(*rhs)) return ErrorExpr(e.range);
  if (!rhs->type.is_set) {
    Error(DiagnosticKind::type_mismatch, e.operands[1]->range,
          fmt::format("the right side of `in` must be a set such as `{{a, b}}`, not `{}`",
                      TypeName(rhs->type)));
    return ErrorExpr(e.range);
  }
  Type element = rhs->type;
  element.is_set = false;
  element.optional = false;
  const bool empty_set = rhs->set.empty() && rhs->set_text.empty();
  if (!empty_set && !Unify(lhs->type.Required(), element)) {
    Error(DiagnosticKind::type_mismatch, e.range,
          fmt::format("`in` compares a `{}` with a set of `{}`", TypeName(lhs->type),
                      TypeName(element)));
    return ErrorExpr(e.range);
  }
  auto out = Make(e.binary_op == ast::BinaryOp::In ? Op::InSet : Op::NotInSet,
                  Type::Of(TypeKind::Bool, lhs->type.optional), e.range);
  out->set = rhs->set;
  out->set_text = rhs->set_text;
  out->args.push_back(std::move(lhs));
  return out;
}

ir::ExprPtr Checker::Binary(const ast::Expr& e, const Context& ctx, Usage& usage) {
  if (e.binary_op == ast::BinaryOp::In || e.binary_op == ast::BinaryOp::NotIn) {
    return Membership(e, ctx, usage);
  }
  ir::ExprPtr lhs = Expr(*e.operands[0], ctx, usage);
  Context rhs_ctx = ctx;
  if (lhs->type.kind == TypeKind::Enum) rhs_ctx.expected_enum = lhs->type.enum_id;
  ir::ExprPtr rhs = Expr(*e.operands[1], rhs_ctx, usage);
  if (rhs->type.kind == TypeKind::Enum && lhs->type.kind == TypeKind::Error &&
      e.operands[0]->kind == ast::ExprKind::Name && !diagnostics_.empty() &&
      diagnostics_.back().kind == DiagnosticKind::unknown_name &&
      diagnostics_.back().range == e.operands[0]->range) {
    // `cash == asset_class`: the label on the left resolves against the right side's enum.
    Context lhs_ctx = ctx;
    lhs_ctx.expected_enum = rhs->type.enum_id;
    diagnostics_.pop_back();
    lhs = Expr(*e.operands[0], lhs_ctx, usage);
  }
  if (IsError(*lhs) || IsError(*rhs)) return ErrorExpr(e.range);
  const Type a = lhs->type;
  const Type b = rhs->type;
  const bool optional = a.optional || b.optional;
  const auto mismatch = [&](const char* op) {
    Error(DiagnosticKind::type_mismatch, e.range,
          fmt::format("`{}` cannot combine `{}` and `{}`", op, TypeName(a), TypeName(b)));
    return ErrorExpr(e.range);
  };
  const auto make = [&](Op op, Type type) {
    auto out = Make(op, type, e.range);
    out->args.push_back(std::move(lhs));
    out->args.push_back(std::move(rhs));
    return Fold(std::move(out));
  };
  const auto dimension = [](const Type& t) { return t.kind == TypeKind::Money ? 1 : 0; };
  const auto numeric = [](const Type& t) { return t.IsNumeric(); };
  const char* spelling = ast::Spelling(e.binary_op);
  switch (e.binary_op) {
    case ast::BinaryOp::Or:
    case ast::BinaryOp::And: {
      const bool ok = ExpectBool(*lhs, e.operands[0]->range, "an operand of `and`/`or`") &&
                      ExpectBool(*rhs, e.operands[1]->range, "an operand of `and`/`or`");
      if (!ok) return ErrorExpr(e.range);
      return make(e.binary_op == ast::BinaryOp::Or ? Op::Or : Op::And,
                  Type::Of(TypeKind::Bool, optional));
    }
    case ast::BinaryOp::Default: {
      rhs = Coerce(std::move(rhs), a);
      auto unified = Unify(a.Required(), rhs->type);
      if (!unified) return mismatch(spelling);
      unified->optional = rhs->type.optional;
      return make(Op::Default, *unified);
    }
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub: {
      if (a.kind == TypeKind::Date && b.kind == TypeKind::Duration && !a.is_set && !b.is_set) {
        return make(e.binary_op == ast::BinaryOp::Add ? Op::Add : Op::Sub,
                    Type::Of(TypeKind::Date, optional));
      }
      if (a.kind == TypeKind::Duration && b.kind == TypeKind::Date &&
          e.binary_op == ast::BinaryOp::Add) {
        std::swap(lhs, rhs);
        return make(Op::Add, Type::Of(TypeKind::Date, optional));
      }
      if (a.kind == TypeKind::Duration && b.kind == TypeKind::Duration) {
        return make(e.binary_op == ast::BinaryOp::Add ? Op::Add : Op::Sub,
                    Type::Of(TypeKind::Duration, optional));
      }
      if (!numeric(a) || !numeric(b)) return mismatch(spelling);
      lhs = Coerce(std::move(lhs), b);
      rhs = Coerce(std::move(rhs), a);
      if (dimension(lhs->type) != dimension(rhs->type)) return mismatch(spelling);
      const TypeKind kind = dimension(lhs->type) == 1 ? TypeKind::Money
                            : (a.kind == TypeKind::Percent || b.kind == TypeKind::Percent)
                                ? TypeKind::Percent
                                : TypeKind::Number;
      return make(e.binary_op == ast::BinaryOp::Add ? Op::Add : Op::Sub, Type::Of(kind, optional));
    }
    case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div: {
      if (!numeric(a) || !numeric(b)) return mismatch(spelling);
      const bool mul = e.binary_op == ast::BinaryOp::Mul;
      const int dim = mul ? dimension(a) + dimension(b) : dimension(a) - dimension(b);
      if (dim < 0 || dim > 1) return mismatch(spelling);
      TypeKind kind = TypeKind::Number;
      if (dim == 1) {
        kind = TypeKind::Money;
      } else if (mul ? (a.kind == TypeKind::Percent || b.kind == TypeKind::Percent)
                     : (a.kind == TypeKind::Percent && b.kind == TypeKind::Number)) {
        kind = TypeKind::Percent;
      }
      return make(mul ? Op::Mul : Op::Div, Type::Of(kind, optional));
    }
    case ast::BinaryOp::Eq:
    case ast::BinaryOp::Ne:
    case ast::BinaryOp::Lt:
    case ast::BinaryOp::Le:
    case ast::BinaryOp::Gt:
    case ast::BinaryOp::Ge: {
      const bool ordering = e.binary_op != ast::BinaryOp::Eq && e.binary_op != ast::BinaryOp::Ne;
      lhs = Coerce(std::move(lhs), b);
      rhs = Coerce(std::move(rhs), a);
      // A number of years compared with a year or month literal: `residual < 1y` reads 1y as 1.
      for (ir::ExprPtr* side : {&lhs, &rhs}) {
        ir::ExprPtr& other = side == &lhs ? rhs : lhs;
        if ((*side)->op == Op::Const && (*side)->type.kind == TypeKind::Duration &&
            (*side)->constant.duration.days == 0 && numeric(other->type) &&
            other->type.kind != TypeKind::Money) {
          const double years = static_cast<double>((*side)->constant.duration.months) / 12.0;
          (*side)->type = Type::Of(TypeKind::Number);
          (*side)->constant = ir::Value::Number(years);
        }
      }
      const Type& x = lhs->type;
      const Type& y = rhs->type;
      const auto unified = Unify(x.Required(), y.Required());
      if (!unified || unified->is_set ||
          (numeric(x) && numeric(y) && dimension(x) != dimension(y))) {
        return mismatch(spelling);
      }
      if (ordering) {
        if (unified->kind == TypeKind::Enum &&
            !policy_.enums[static_cast<std::size_t>(unified->enum_id)].ordered) {
          Error(DiagnosticKind::unordered_comparison, e.range,
                fmt::format("`{}` needs an ordered enum, but `{}` is not ordered (declare it "
                            "`enum {} ordered {{ ... }}`)",
                            spelling, TypeName(*unified), TypeName(*unified)));
          return ErrorExpr(e.range);
        }
        if (unified->kind == TypeKind::Text || unified->kind == TypeKind::Bool ||
            unified->kind == TypeKind::Duration) {
          Error(DiagnosticKind::type_mismatch, e.range,
                fmt::format("`{}` cannot order `{}` values", spelling, TypeName(*unified)));
          return ErrorExpr(e.range);
        }
      }
      const Op op = e.binary_op == ast::BinaryOp::Eq   ? Op::Eq
                    : e.binary_op == ast::BinaryOp::Ne ? Op::Ne
                    : e.binary_op == ast::BinaryOp::Lt ? Op::Lt
                    : e.binary_op == ast::BinaryOp::Le ? Op::Le
                    : e.binary_op == ast::BinaryOp::Gt ? Op::Gt
                                                       : Op::Ge;
      return make(op, Type::Of(TypeKind::Bool, optional));
    }
    case ast::BinaryOp::In:
    case ast::BinaryOp::NotIn:
      break;
  }
  return ErrorExpr(e.range);
}

ir::ExprPtr Checker::Conditional(const ast::Expr& e, const Context& ctx, Usage& usage) {
  if (e.kind == ast::ExprKind::If) {
    ir::ExprPtr cond = Expr(*e.operands[0], ctx, usage);
    ir::ExprPtr then = Expr(*e.operands[1], ctx, usage);
    ir::ExprPtr otherwise = Expr(*e.operands[2], ctx, usage);
    if (IsError(*cond) || IsError(*then) || IsError(*otherwise)) return ErrorExpr(e.range);
    if (!ExpectBool(*cond, e.operands[0]->range, "the condition of `if`")) {
      return ErrorExpr(e.range);
    }
    then = Coerce(std::move(then), otherwise->type);
    otherwise = Coerce(std::move(otherwise), then->type);
    auto type = Unify(then->type, otherwise->type);
    if (!type) {
      Error(DiagnosticKind::type_mismatch, e.range,
            fmt::format("the branches of `if` have different types: `{}` and `{}`",
                        TypeName(then->type), TypeName(otherwise->type)));
      return ErrorExpr(e.range);
    }
    type->optional = type->optional || cond->type.optional;
    auto out = Make(ir::Op::If, *type, e.range);
    out->args.push_back(std::move(cond));
    out->args.push_back(std::move(then));
    out->args.push_back(std::move(otherwise));
    return out;
  }
  const bool is_match = e.kind == ast::ExprKind::Match;
  auto out = Make(is_match ? Op::Match : Op::Schedule, Type{}, e.range);
  ir::ExprPtr subject;
  if (!is_match) {
    subject = Expr(*e.operands[0], ctx, usage);
    if (IsError(*subject)) return ErrorExpr(e.range);
  }
  std::optional<Type> type;
  bool has_else = false;
  bool failed = false;
  const auto add_value = [&](ir::ExprPtr& value, SourceRange range) {
    if (IsError(*value)) {
      failed = true;
      return;
    }
    if (!type) {
      type = value->type;
      return;
    }
    value = Coerce(std::move(value), *type);
    auto unified = Unify(*type, value->type);
    if (!unified) {
      Error(DiagnosticKind::type_mismatch, range,
            fmt::format("this value is a `{}`, but earlier ones are `{}`", TypeName(value->type),
                        TypeName(*type)));
      failed = true;
      return;
    }
    type = unified;
  };
  if (is_match) {
    for (const ast::MatchArm& arm : e.arms) {
      ir::MatchArm out_arm;
      out_arm.label = arm.label ? arm.label->name : std::string();
      if (arm.condition) {
        out_arm.condition = Expr(*arm.condition, ctx, usage);
        if (IsError(*out_arm.condition) ||
            !ExpectBool(*out_arm.condition, arm.condition->range, "a match arm's condition")) {
          failed = true;
        }
      } else {
        has_else = true;
      }
      out_arm.value = Expr(*arm.value, ctx, usage);
      add_value(out_arm.value, arm.value->range);
      out->arms.push_back(std::move(out_arm));
    }
  } else {
    Context bound_ctx = ctx;
    for (const ast::Band& band : e.bands) {
      ir::Band out_band;
      out_band.op = band.op == ast::BandOp::Lt   ? ir::BandOp::Lt
                    : band.op == ast::BandOp::Le ? ir::BandOp::Le
                                                 : ir::BandOp::Else;
      if (band.bound) {
        // A bound may read the account, the market and `valuation_date` (`< valuation_date +
        // 1y`), which are the same for every position of an evaluation, but not the position.
        Usage bound_usage;
        ir::ExprPtr bound = Expr(*band.bound, bound_ctx, bound_usage);
        usage.account_only = usage.account_only || bound_usage.account_only;
        if (!IsError(*bound) && bound_usage.position) {
          Error(DiagnosticKind::not_constant, band.bound->range,
                "a schedule bound must be the same for every position: it may read account and "
                "market fields and `valuation_date`, not the position");
          bound = ErrorExpr(band.bound->range);
        }
        if (!IsError(*bound)) {
          if (bound->op == Op::Const && bound->type.kind == TypeKind::Duration &&
              bound->constant.duration.days == 0 && subject->type.IsNumeric() &&
              subject->type.kind != TypeKind::Money) {
            // `schedule residual_years { < 1y: ... }`: a year or month literal counts in years.
            bound->type = Type::Of(TypeKind::Number);
            bound->constant =
                ir::Value::Number(static_cast<double>(bound->constant.duration.months) / 12.0);
          }
          bound = Coerce(std::move(bound), subject->type);
          const auto unified = Unify(subject->type.Required(), bound->type.Required());
          const bool orderable =
              unified && !unified->is_set &&
              (unified->IsNumeric() || unified->kind == TypeKind::Date ||
               (unified->kind == TypeKind::Enum &&
                policy_.enums[static_cast<std::size_t>(unified->enum_id)].ordered));
          if (!orderable ||
              (subject->type.kind == TypeKind::Money) != (bound->type.kind == TypeKind::Money)) {
            Error(DiagnosticKind::type_mismatch, band.bound->range,
                  fmt::format("a band bound of type `{}` cannot bound a `{}` subject",
                              TypeName(bound->type), TypeName(subject->type)));
            failed = true;
          }
        } else {
          failed = true;
        }
        out_band.bound = std::move(bound);
      } else {
        has_else = true;
      }
      out_band.value = Expr(*band.value, ctx, usage);
      add_value(out_band.value, band.value->range);
      out->bands.push_back(std::move(out_band));
    }
  }
  if (failed || !type) return ErrorExpr(e.range);
  type->optional = type->optional || !has_else || (subject && subject->type.optional);
  out->type = *type;
  if (subject) out->args.push_back(std::move(subject));
  if (is_match) {
    CheckArms(*out, e);
  } else {
    CheckSchedule(*out, e);
  }
  return out;
}

ir::ExprPtr Checker::Index(const ast::Expr& e, const Context& ctx, Usage& usage) {
  std::string name = e.text;
  if (const auto dot = name.find('.');
      dot != std::string::npos && aliases_.count(name.substr(0, dot)) != 0) {
    name = name.substr(dot + 1);
  }
  const auto it = tables_.find(name);
  if (it == tables_.end()) {
    std::vector<std::string> names;
    for (const auto& t : tables_)
      names.push_back(t.first);
    Error(DiagnosticKind::unknown_name, e.range,
          fmt::format("unknown table `{}`{}", name, DidYouMean(name, names)));
    return ErrorExpr(e.range);
  }
  const ir::Table& table = policy_.tables[static_cast<std::size_t>(it->second)];
  Context key_ctx = ctx;
  if (table.key_type.kind == TypeKind::Enum) key_ctx.expected_enum = table.key_type.enum_id;
  ir::ExprPtr key = Expr(*e.operands[0], key_ctx, usage);
  if (IsError(*key)) return ErrorExpr(e.range);
  if (!Unify(key->type.Required(), table.key_type) || key->type.is_set) {
    Error(DiagnosticKind::type_mismatch, e.operands[0]->range,
          fmt::format("table `{}` is keyed by `{}`, not `{}`", name, TypeName(table.key_type),
                      TypeName(key->type)));
    return ErrorExpr(e.range);
  }
  Type type = table.value_type;
  type.optional = type.optional || key->type.optional || !table.fallback;
  auto out = Make(Op::TableLookup, type, e.range);
  out->index = it->second;
  out->text = name;
  out->args.push_back(std::move(key));
  return out;
}

ir::ExprPtr Checker::Expr(const ast::Expr& e, const Context& ctx, Usage& usage) {
  if (ir::ExprPtr lit = Literal(e)) {
    lit->file = file();
    return lit;
  }
  ir::ExprPtr out;
  switch (e.kind) {
    case ast::ExprKind::Name:
      out = Name(e, ctx, usage);
      break;
    case ast::ExprKind::Paren:
      out = Expr(*e.operands[0], ctx, usage);
      break;
    case ast::ExprKind::Set: {
      out = Make(Op::Const, Type{}, e.range);
      out->type.is_set = true;
      std::optional<Type> element;
      for (const auto& item : e.operands) {
        ir::ExprPtr v = Expr(*item, ctx, usage);
        if (IsError(*v)) return ErrorExpr(e.range);
        if (v->op != Op::Const || v->type.is_set) {
          Error(DiagnosticKind::not_constant, item->range,
                "a set lists constant values (labels, strings, numbers, dates)");
          return ErrorExpr(e.range);
        }
        if (element && !Unify(*element, v->type)) {
          Error(DiagnosticKind::type_mismatch, item->range,
                fmt::format("a set of `{}` cannot hold a `{}`", TypeName(*element),
                            TypeName(v->type)));
          return ErrorExpr(e.range);
        }
        if (!element) {
          element = v->type;
          // Later bare labels resolve against the first element's enum.
        }
        if (v->type.kind == TypeKind::Text) {
          out->set_text.push_back(v->text);
        } else {
          out->set.push_back(v->constant);
        }
      }
      if (element) {
        out->type.kind = element->kind;
        out->type.enum_id = element->enum_id;
      } else {
        out->type.kind = TypeKind::Number;  // the empty set: matches nothing, unifies with any
      }
      out->constant.known = true;
      break;
    }
    case ast::ExprKind::Unary:
      out = Unary(e, ctx, usage);
      break;
    case ast::ExprKind::Binary:
      out = Binary(e, ctx, usage);
      break;
    case ast::ExprKind::Call:
      out = Call(e, ctx, usage);
      break;
    case ast::ExprKind::Index:
      out = Index(e, ctx, usage);
      break;
    case ast::ExprKind::If:
    case ast::ExprKind::Match:
    case ast::ExprKind::Schedule:
      out = Conditional(e, ctx, usage);
      break;
    case ast::ExprKind::Number:
    case ast::ExprKind::Percent:
    case ast::ExprKind::Money:
    case ast::ExprKind::Date:
    case ast::ExprKind::Duration:
    case ast::ExprKind::String:
    case ast::ExprKind::Bool:
      out = ErrorExpr(e.range);  // handled by Literal()
      break;
  }
  if (!out->file) out->file = file();
  return out;
}

}  // namespace collat::check_internal
