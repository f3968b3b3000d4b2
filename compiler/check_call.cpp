// Calls: builtin functions, aggregates over positions, `breached(limit)`, and user functions,
// whose body is checked once per function, argument types and context into
// ir::Policy::functions and shared by every call (docs/language.md 3.7, 16.5).
#include <cmath>

#include <fmt/format.h>

#include "compiler/checker.h"
#include "compiler/cost.h"

namespace collat::check_internal {
namespace {

using ir::Op;
using ir::Type;
using ir::TypeKind;

struct BuiltinInfo {
  const char* name;
  ir::Builtin builtin;
  std::size_t min_args;
  std::size_t max_args;
};

constexpr BuiltinInfo kBuiltins[] = {
    {"min", ir::Builtin::Min, 2, 16},
    {"max", ir::Builtin::Max, 2, 16},
    {"abs", ir::Builtin::Abs, 1, 1},
    {"floor", ir::Builtin::Floor, 1, 1},
    {"ceil", ir::Builtin::Ceil, 1, 1},
    {"sqrt", ir::Builtin::Sqrt, 1, 1},
    {"round", ir::Builtin::Round, 2, 2},
    {"round_up", ir::Builtin::RoundUp, 2, 2},
    {"round_down", ir::Builtin::RoundDown, 2, 2},
    {"years_between", ir::Builtin::YearsBetween, 2, 2},
    {"days_between", ir::Builtin::DaysBetween, 2, 2},
};

// Folds a numeric builtin over known constants with the same library calls the interpreter uses
// (std::sqrt is correctly rounded; the others are exact), so folding never changes a result.
ir::ExprPtr FoldCall(ir::ExprPtr e) {
  for (const auto& a : e->args) {
    if (a->op != Op::Const || !a->constant.known || !a->type.IsNumeric()) return e;
  }
  double r = e->args[0]->constant.number;
  switch (e->builtin) {
    case ir::Builtin::Min:
      for (const auto& a : e->args)
        r = a->constant.number < r ? a->constant.number : r;
      break;
    case ir::Builtin::Max:
      for (const auto& a : e->args)
        r = a->constant.number > r ? a->constant.number : r;
      break;
    case ir::Builtin::Abs:
      r = std::fabs(r);
      break;
    case ir::Builtin::Floor:
      r = std::floor(r);
      break;
    case ir::Builtin::Ceil:
      r = std::ceil(r);
      break;
    case ir::Builtin::Sqrt:
      if (r < 0) return e;
      r = std::sqrt(r);
      break;
    case ir::Builtin::Round:
    case ir::Builtin::RoundUp:
    case ir::Builtin::RoundDown:
    case ir::Builtin::YearsBetween:
    case ir::Builtin::DaysBetween:
    case ir::Builtin::TransferUp:
    case ir::Builtin::TransferDown:
      return e;
  }
  auto c = Make(Op::Const, e->type, e->range);
  c->constant = ir::Value::Number(r);
  c->file = e->file;
  return c;
}

}  // namespace

ir::ExprPtr Checker::Call(const ast::Expr& e, const Context& ctx, Usage& usage) {
  const std::string& name = e.text;
  const auto fail = [&](std::string message) {
    Error(DiagnosticKind::invalid_call, e.range, std::move(message));
    return Make(Op::Const, Type{}, e.range);
  };
  const std::size_t positional = e.args.size();
  for (const ast::CallArg& arg : e.args) {
    if (arg.name && name != "transfer") {
      return fail(fmt::format("`{}` takes no named arguments (`{}:`)", name, arg.name->name));
    }
  }
  // Aggregates: sum(x), count(), min(x), max(x), each with an optional `where` filter.
  const bool aggregate = name == "sum" || name == "count" ||
                         ((name == "min" || name == "max") && positional <= 1) ||
                         e.filter != nullptr;
  if (aggregate) {
    if (name != "sum" && name != "count" && name != "min" && name != "max") {
      return fail(
          fmt::format("`where` filters only an aggregate (`sum`, `count`, `min`, `max`), "
                      "not `{}`",
                      name));
    }
    if (!ctx.account || ctx.in_aggregate) {
      return fail(
          fmt::format("`{}` aggregates over an account's positions: use it in an output "
                      "or a limit amount, not per position",
                      name));
    }
    if (name == "count" ? positional != 0 : positional != 1) {
      return fail(name == "count" ? "`count` takes no argument: `count(where condition)`"
                                  : fmt::format("`{}` takes one argument: `{}(value where "
                                                "condition)`",
                                                name, name));
    }
    Context inner;
    inner.position = true;
    inner.in_aggregate = true;
    inner.params = ctx.params;
    Usage inner_usage;
    auto out = Make(Op::Aggregate, Type::Of(TypeKind::Number), e.range);
    out->aggregate = name == "sum"     ? ir::AggregateKind::Sum
                     : name == "count" ? ir::AggregateKind::Count
                     : name == "min"   ? ir::AggregateKind::Min
                                       : ir::AggregateKind::Max;
    out->text = name;
    bool optional = false;
    if (positional == 1) {
      ir::ExprPtr value = Expr(*e.args[0].value, inner, inner_usage);
      if (value->type.kind == TypeKind::Error) return Make(Op::Const, Type{}, e.range);
      const bool extreme = name == "min" || name == "max";
      const bool ordered_label =
          value->type.kind == TypeKind::Enum && !value->type.is_set &&
          policy_.enums[static_cast<std::size_t>(value->type.enum_id)].ordered;
      const bool comparable = value->type.IsNumeric() ||
                              (value->type.kind == TypeKind::Date && !value->type.is_set) ||
                              ordered_label;
      if (!extreme && !value->type.IsNumeric()) {
        return fail(fmt::format("`{}` adds up numbers, percents or money, not `{}`", name,
                                TypeName(value->type)));
      }
      if (extreme && !comparable) {
        return fail(
            fmt::format("`{}` compares numbers, percents, money, dates or ordered labels, "
                        "not `{}`",
                        name, TypeName(value->type)));
      }
      out->type = value->type.Required();
      optional = value->type.optional;
      out->args.push_back(std::move(value));
    }
    if (e.filter) {
      out->filter = Expr(*e.filter, inner, inner_usage);
      if (out->filter->type.kind == TypeKind::Error ||
          !ExpectBool(*out->filter, e.filter->range, "an aggregate's `where`")) {
        return Make(Op::Const, Type{}, e.range);
      }
      optional = optional || out->filter->type.optional;
    }
    // min/max over no positions are unknown.
    out->type.optional = optional || out->aggregate == ir::AggregateKind::Min ||
                         out->aggregate == ir::AggregateKind::Max;
    usage.account_only = true;
    return out;
  }
  if (name == "breached") {
    if (positional != 1 || e.args[0].value->kind != ast::ExprKind::Name) {
      return fail("`breached` takes the id of a limit: `breached(issuer_cap)`");
    }
    const auto it = limits_.find(e.args[0].value->text);
    if (it == limits_.end()) {
      return fail(fmt::format("`breached` needs a limit id; there is no limit `{}`",
                              e.args[0].value->text));
    }
    if (!ctx.account) return fail("`breached` is an account result, not known per position");
    usage.account_only = true;
    auto out = Make(Op::Breached, Type::Of(TypeKind::Bool), e.range);
    out->index = it->second;
    out->text = e.args[0].value->text;
    return out;
  }
  if (name == "transfer") {
    // transfer(amount, gate: g, round_up: r | round_down: r)
    if (positional < 1 || e.args[0].name) {
      return fail("`transfer` takes an amount, then `gate:` and `round_up:` or `round_down:`");
    }
    auto out = Make(Op::Call, Type::Of(TypeKind::Money), e.range);
    out->text = name;
    out->builtin = ir::Builtin::TransferUp;
    ir::ExprPtr amount = Expr(*e.args[0].value, ctx, usage);
    ir::ExprPtr gate;
    ir::ExprPtr increment;
    bool direction_given = false;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      const ast::CallArg& arg = e.args[i];
      if (!arg.name) return fail("`transfer`'s arguments after the amount are named");
      ir::ExprPtr v = Expr(*arg.value, ctx, usage);
      if (arg.name->name == "gate" && !gate) {
        gate = std::move(v);
      } else if ((arg.name->name == "round_up" || arg.name->name == "round_down") &&
                 !direction_given) {
        direction_given = true;
        out->builtin =
            arg.name->name == "round_up" ? ir::Builtin::TransferUp : ir::Builtin::TransferDown;
        increment = std::move(v);
      } else {
        return fail(
            fmt::format("`transfer` has no argument `{}:` here (it takes `gate:` and one "
                        "of `round_up:` / `round_down:`)",
                        arg.name->name));
      }
    }
    const auto zero = [&] {
      auto z = Make(Op::Const, Type::Of(TypeKind::Money), e.range);
      z->constant = ir::Value::Number(0);
      return z;
    };
    if (!gate) gate = zero();
    if (!increment) increment = zero();
    for (ir::ExprPtr* p : {&amount, &gate, &increment}) {
      *p = Coerce(std::move(*p), Type::Of(TypeKind::Money));
      if ((*p)->type.kind == TypeKind::Error) return Make(Op::Const, Type{}, e.range);
      if ((*p)->type.kind != TypeKind::Money || (*p)->type.is_set) {
        return fail(fmt::format("`transfer` works on money, not `{}`", TypeName((*p)->type)));
      }
      out->type.optional = out->type.optional || (*p)->type.optional;
    }
    out->args.push_back(std::move(amount));
    out->args.push_back(std::move(gate));
    out->args.push_back(std::move(increment));
    return out;
  }
  for (const BuiltinInfo& b : kBuiltins) {
    if (name != b.name) continue;
    if (positional < b.min_args || positional > b.max_args) {
      return fail(b.min_args == b.max_args
                      ? fmt::format("`{}` takes {} argument{}", name, b.min_args,
                                    b.min_args == 1 ? "" : "s")
                      : fmt::format("`{}` takes {} to {} arguments", name, b.min_args, b.max_args));
    }
    std::vector<ir::ExprPtr> args;
    bool optional = false;
    for (const ast::CallArg& arg : e.args) {
      args.push_back(Expr(*arg.value, ctx, usage));
      if (args.back()->type.kind == TypeKind::Error) return Make(Op::Const, Type{}, e.range);
      optional = optional || args.back()->type.optional;
    }
    Type result;
    switch (b.builtin) {
      case ir::Builtin::YearsBetween:
      case ir::Builtin::DaysBetween:
        for (const auto& a : args) {
          if (a->type.kind != TypeKind::Date || a->type.is_set) {
            return fail(fmt::format("`{}` takes two dates, not `{}`", name, TypeName(a->type)));
          }
        }
        result = Type::Of(TypeKind::Number);
        break;
      case ir::Builtin::Min:
      case ir::Builtin::Max: {
        // Numbers of one dimension (the literal 0 adapts to money), or labels of one ordered enum.
        Type t = args[0]->type;
        for (auto& a : args) {
          if (a->type.kind == TypeKind::Money) t = a->type;
        }
        for (auto& a : args) {
          a = Coerce(std::move(a), t);
          const auto unified = Unify(t.Required(), a->type.Required());
          const bool same_dimension =
              (t.kind == TypeKind::Money) == (a->type.kind == TypeKind::Money);
          const bool orderable =
              unified && !unified->is_set &&
              (unified->IsNumeric() || unified->kind == TypeKind::Date ||
               (unified->kind == TypeKind::Enum &&
                policy_.enums[static_cast<std::size_t>(unified->enum_id)].ordered));
          if (!orderable || !same_dimension) {
            return fail(
                fmt::format("`{}` compares values of one orderable type; got `{}` and "
                            "`{}`",
                            name, TypeName(t), TypeName(a->type)));
          }
          t = *unified;
        }
        result = t.Required();
        break;
      }
      case ir::Builtin::Abs:
      case ir::Builtin::Floor:
      case ir::Builtin::Ceil:
      case ir::Builtin::Sqrt:
        if (!args[0]->type.IsNumeric()) {
          return fail(fmt::format("`{}` takes a number, not `{}`", name, TypeName(args[0]->type)));
        }
        result = args[0]->type.Required();
        if (b.builtin == ir::Builtin::Sqrt) result = Type::Of(TypeKind::Number);
        break;
      case ir::Builtin::Round:
      case ir::Builtin::RoundUp:
      case ir::Builtin::RoundDown:
        args[1] = Coerce(std::move(args[1]), args[0]->type);
        if (!args[0]->type.IsNumeric() || !args[1]->type.IsNumeric() ||
            (args[0]->type.kind == TypeKind::Money) != (args[1]->type.kind == TypeKind::Money)) {
          return fail(
              fmt::format("`{}(x, increment)` takes a value and an increment of the same "
                          "kind, not `{}` and `{}`",
                          name, TypeName(args[0]->type), TypeName(args[1]->type)));
        }
        result = args[0]->type.Required();
        break;
      case ir::Builtin::TransferUp:
      case ir::Builtin::TransferDown:
        break;
    }
    result.optional = optional;
    auto out = Make(Op::Call, result, e.range);
    out->builtin = b.builtin;
    out->text = name;
    out->args = std::move(args);
    return FoldCall(std::move(out));
  }
  if (const auto fn = fns_.find(name); fn != fns_.end()) return UserCall(e, fn->second, ctx, usage);
  std::vector<std::string> names = {"sum",          "count",    "min",        "max",
                                    "abs",          "floor",    "ceil",       "sqrt",
                                    "round",        "round_up", "round_down", "years_between",
                                    "days_between", "transfer", "breached"};
  for (const auto& f : fns_)
    names.push_back(f.first);
  Error(DiagnosticKind::unknown_name, e.range,
        fmt::format("unknown function `{}`{}", name, SuggestName(name, names)));
  return Make(Op::Const, Type{}, e.range);
}

ir::ExprPtr Checker::UserCall(const ast::Expr& e, const FnState& fn, const Context& ctx,
                              Usage& usage) {
  const ast::FnDecl& decl = *fn.decl;
  if (e.args.size() != decl.params.size()) {
    Error(DiagnosticKind::invalid_call, e.range,
          fmt::format("`{}` takes {} argument{}, not {}", decl.name.name, decl.params.size(),
                      decl.params.size() == 1 ? "" : "s", e.args.size()));
    return Make(Op::Const, Type{}, e.range);
  }
  std::vector<ir::ExprPtr> args;
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    const ast::Param& param = decl.params[i];
    const auto want = ResolveType(param.type);
    ir::ExprPtr arg = Expr(*e.args[i].value, ctx, usage);
    if (!want || arg->type.kind == TypeKind::Error) return Make(Op::Const, Type{}, e.range);
    arg = Coerce(std::move(arg), *want);
    const auto unified = Unify(want->Required(), arg->type.Required());
    if (!unified || unified->kind != want->kind ||
        (want->kind == TypeKind::Enum && unified->enum_id != want->enum_id)) {
      // percent and number are interchangeable
      const bool numeric_ok =
          want->IsNumeric() && arg->type.IsNumeric() &&
          (want->kind == TypeKind::Money) == (arg->type.kind == TypeKind::Money);
      if (!numeric_ok) {
        Error(DiagnosticKind::type_mismatch, e.args[i].value->range,
              fmt::format("argument `{}` of `{}` is a `{}`, not `{}`", param.name.name,
                          decl.name.name, TypeName(*want), TypeName(arg->type)));
        return Make(Op::Const, Type{}, e.range);
      }
    }
    args.push_back(std::move(arg));
  }
  if (fn.in_progress) {
    Error(DiagnosticKind::recursive_function, e.range,
          fmt::format("`{}` calls itself (directly or through other functions); functions may not "
                      "recurse",
                      decl.name.name));
    return Make(Op::Const, Type{}, e.range);
  }
  // One body per function, argument types and context: the body's types (and so its diagnostics)
  // are those the arguments give it, exactly as if it were written at the call.
  std::string key = decl.name.name;
  for (const ir::ExprPtr& arg : args) {
    key += fmt::format("|{}:{}:{}:{}", static_cast<int>(arg->type.kind), arg->type.enum_id,
                       arg->type.optional, arg->type.is_set);
  }
  key += fmt::format("|{}{}{}:{}:{}", ctx.position, ctx.account, ctx.in_aggregate,
                     ctx.outputs_visible, ctx.expected_enum ? *ctx.expected_enum : -1);
  auto instance = instances_.find(key);
  if (instance == instances_.end()) {
    Instance checked = CheckBody(fn, args, ctx);
    instance = instances_.emplace(std::move(key), checked).first;
  }
  const Instance& body = instance->second;
  if (body.function < 0) return Make(Op::Const, Type{}, e.range);  // reported in the body
  usage.position = usage.position || body.usage.position;
  usage.account_only = usage.account_only || body.usage.account_only;
  auto call =
      Make(Op::FnCall, policy_.functions[static_cast<std::size_t>(body.function)].type, e.range);
  call->index = body.function;
  call->text = decl.name.name;
  call->args = std::move(args);
  // A call of constant arguments whose body folds to a constant is that constant, as if the body
  // were written at the call with the arguments in place (so `scaled(0.5%, 10)` is `0.5%`).
  if (ir::ExprPtr folded = FoldFnCall(*call)) return folded;
  return call;
}

Checker::Instance Checker::CheckBody(const FnState& fn, const std::vector<ir::ExprPtr>& args,
                                     const Context& ctx) {
  const ast::FnDecl& decl = *fn.decl;
  Instance out;
  std::vector<ir::ExprPtr> nodes;
  std::map<std::string, const ir::Expr*> params;
  ir::Function function;
  function.name = decl.name.name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto param = Make(Op::Param, args[i]->type, decl.params[i].name.range);
    param->index = static_cast<std::int32_t>(i);
    param->text = decl.params[i].name.name;
    param->file = fn.file->source;
    params[param->text] = param.get();
    function.params.push_back(param->text);
    function.param_types.push_back(param->type);
    nodes.push_back(std::move(param));
  }
  auto& state = fns_[decl.name.name];
  state.in_progress = true;
  const ParsedFile* saved = current_;
  current_ = fn.file;
  Context body_ctx = ctx;
  body_ctx.params = &params;
  ir::ExprPtr body = Expr(*decl.body, body_ctx, out.usage);
  current_ = saved;
  state.in_progress = false;
  if (body->type.kind == TypeKind::Error) return out;
  if (decl.result) {
    const auto want = ResolveType(*decl.result);
    if (want) {
      body = Coerce(std::move(body), *want);
      const bool numeric_ok =
          want->IsNumeric() && body->type.IsNumeric() &&
          (want->kind == TypeKind::Money) == (body->type.kind == TypeKind::Money);
      if (!numeric_ok && !Unify(want->Required(), body->type.Required())) {
        const ParsedFile* outer = current_;
        current_ = fn.file;
        Error(DiagnosticKind::type_mismatch, decl.body->range,
              fmt::format("`{}` is declared to return `{}`, but its body is a `{}`", decl.name.name,
                          TypeName(*want), TypeName(body->type)));
        current_ = outer;
        return out;
      }
      const bool optional = body->type.optional;
      body->type = *want;
      body->type.optional = optional || want->optional;
    }
  }
  function.type = body->type;
  function.body = std::move(body);
  out.function = static_cast<std::int32_t>(policy_.functions.size());
  policy_.functions.push_back(std::move(function));
  return out;
}

ir::ExprPtr Checker::FoldFnCall(const ir::Expr& call) {
  std::vector<const ir::Expr*> args;
  std::string key = fmt::format("{}", call.index);
  for (const ir::ExprPtr& arg : call.args) {
    if (arg->op != Op::Const || !arg->constant.known || arg->type.kind == TypeKind::Error) {
      return nullptr;
    }
    args.push_back(arg.get());
    key += " " + ExprText(*arg, policy_);
  }
  auto memo = folded_calls_.find(key);
  if (memo == folded_calls_.end()) {
    const ir::Function& function = policy_.functions[static_cast<std::size_t>(call.index)];
    ir::ExprPtr folded = FoldBody(*function.body, args);
    if (folded) folded->type = function.type;
    memo = folded_calls_.emplace(std::move(key), std::move(folded)).first;
  }
  return memo->second ? CloneExpr(*memo->second) : nullptr;
}

ir::ExprPtr Checker::FoldBody(const ir::Expr& e, const std::vector<const ir::Expr*>& params) {
  switch (e.op) {
    case Op::Const:
      return CloneExpr(e);
    case Op::Param:
      return CloneExpr(*params[static_cast<std::size_t>(e.index)]);
    case Op::Neg:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Call:
    case Op::FnCall: {
      // The node rebuilt over folded operands, then folded by the rule the checker applies when
      // it meets the same node with constant operands.
      auto node = Make(e.op, e.type, e.range);
      node->file = e.file;
      node->text = e.text;
      node->index = e.index;
      node->builtin = e.builtin;
      for (const ir::ExprPtr& arg : e.args) {
        ir::ExprPtr folded = FoldBody(*arg, params);
        if (!folded) return nullptr;
        node->args.push_back(std::move(folded));
      }
      ir::ExprPtr out = e.op == Op::FnCall ? FoldFnCall(*node)
                        : e.op == Op::Call ? FoldCall(std::move(node))
                                           : Fold(std::move(node));
      return out && out->op == Op::Const ? std::move(out) : nullptr;
    }
    case Op::PositionField:
    case Op::AccountField:
    case Op::MarketField:
    case Op::ValuationDate:
    case Op::Let:
    case Op::Not:
    case Op::IsKnown:
    case Op::IsUnknown:
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::InSet:
    case Op::NotInSet:
    case Op::And:
    case Op::Or:
    case Op::Default:
    case Op::If:
    case Op::Match:
    case Op::Schedule:
    case Op::TableLookup:
    case Op::Aggregate:
    case Op::Total:
    case Op::PositionMeasure:
    case Op::Output:
    case Op::Breached:
      return nullptr;
  }
  return nullptr;
}

}  // namespace collat::check_internal
