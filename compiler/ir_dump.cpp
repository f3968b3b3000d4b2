#include "compiler/ir_dump.h"

#include <utility>

#include <fmt/format.h>

namespace collat {
namespace {

class Dumper {
 public:
  explicit Dumper(const ir::Policy& p) : p_(p) {}
  std::string Take() { return std::move(out_); }

  void Line(int depth, const std::string& text) {
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  std::string Type(const ir::Type& t) const {
    std::string base;
    switch (t.kind) {
      case ir::TypeKind::Number:
        base = "number";
        break;
      case ir::TypeKind::Percent:
        base = "percent";
        break;
      case ir::TypeKind::Money:
        base = "money";
        break;
      case ir::TypeKind::Bool:
        base = "bool";
        break;
      case ir::TypeKind::Text:
        base = "text";
        break;
      case ir::TypeKind::Enum:
        base = p_.enums[static_cast<std::size_t>(t.enum_id)].name;
        break;
      case ir::TypeKind::Date:
        base = "date";
        break;
      case ir::TypeKind::Duration:
        base = "duration";
        break;
      case ir::TypeKind::Error:
        base = "error";
        break;
    }
    if (t.is_set) base = "set of " + base;
    return t.optional ? base + "?" : base;
  }

  static std::string Date(std::int64_t days) {
    std::int32_t y = 0;
    std::int32_t m = 0;
    std::int32_t d = 0;
    ir::CivilFromDays(days, y, m, d);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }

  std::string Const(const ir::Expr& e) const {
    if (!e.constant.known) return "unknown";
    switch (e.type.kind) {
      case ir::TypeKind::Number:
      case ir::TypeKind::Percent:
      case ir::TypeKind::Money:
        return fmt::format("{}", e.constant.number);
      case ir::TypeKind::Bool:
        return e.constant.integer != 0 ? "true" : "false";
      case ir::TypeKind::Text:
        return fmt::format("\"{}\"", e.text);
      case ir::TypeKind::Enum:
        return fmt::format("{} (rank {})", e.text, e.constant.integer);
      case ir::TypeKind::Date:
        return Date(e.constant.integer);
      case ir::TypeKind::Duration:
        return fmt::format("{}m{}d", e.constant.duration.months, e.constant.duration.days);
      case ir::TypeKind::Error:
        return "error";
    }
    return "?";
  }

  static const char* OpName(ir::Op op) {
    switch (op) {
      case ir::Op::Const:
        return "const";
      case ir::Op::PositionField:
        return "position";
      case ir::Op::AccountField:
        return "account";
      case ir::Op::MarketField:
        return "market";
      case ir::Op::ValuationDate:
        return "valuation_date";
      case ir::Op::Let:
        return "let";
      case ir::Op::Neg:
        return "neg";
      case ir::Op::Not:
        return "not";
      case ir::Op::IsKnown:
        return "is_known";
      case ir::Op::IsUnknown:
        return "is_unknown";
      case ir::Op::Add:
        return "add";
      case ir::Op::Sub:
        return "sub";
      case ir::Op::Mul:
        return "mul";
      case ir::Op::Div:
        return "div";
      case ir::Op::Eq:
        return "eq";
      case ir::Op::Ne:
        return "ne";
      case ir::Op::Lt:
        return "lt";
      case ir::Op::Le:
        return "le";
      case ir::Op::Gt:
        return "gt";
      case ir::Op::Ge:
        return "ge";
      case ir::Op::InSet:
        return "in";
      case ir::Op::NotInSet:
        return "not_in";
      case ir::Op::And:
        return "and";
      case ir::Op::Or:
        return "or";
      case ir::Op::Default:
        return "default";
      case ir::Op::If:
        return "if";
      case ir::Op::Match:
        return "match";
      case ir::Op::Schedule:
        return "schedule";
      case ir::Op::Call:
        return "call";
      case ir::Op::TableLookup:
        return "lookup";
      case ir::Op::Aggregate:
        return "aggregate";
      case ir::Op::Total:
        return "total";
      case ir::Op::PositionMeasure:
        return "measure";
      case ir::Op::Output:
        return "output";
      case ir::Op::Breached:
        return "breached";
      case ir::Op::FnCall:
        return "fncall";
      case ir::Op::Param:
        return "param";
    }
    return "?";
  }

  void Expr(int depth, const ir::Expr& e) {
    std::string head = fmt::format("{} : {}", OpName(e.op), Type(e.type));
    switch (e.op) {
      case ir::Op::Const:
        head += " = " + Const(e);
        break;
      case ir::Op::InSet:
      case ir::Op::NotInSet: {
        std::string members;
        for (const auto& t : e.set_text)
          members += (members.empty() ? "\"" : ", \"") + t + "\"";
        for (const auto& v : e.set) {
          members += (members.empty() ? "" : ", ") + (v.integer != 0 || v.number == 0
                                                          ? fmt::format("{}", v.integer)
                                                          : fmt::format("{}", v.number));
        }
        head += " {" + members + "}";
        break;
      }
      case ir::Op::Schedule:
      case ir::Op::Match:
      case ir::Op::If:
      case ir::Op::ValuationDate:
      case ir::Op::Neg:
      case ir::Op::Not:
      case ir::Op::IsKnown:
      case ir::Op::IsUnknown:
      case ir::Op::Add:
      case ir::Op::Sub:
      case ir::Op::Mul:
      case ir::Op::Div:
      case ir::Op::Eq:
      case ir::Op::Ne:
      case ir::Op::Lt:
      case ir::Op::Le:
      case ir::Op::Gt:
      case ir::Op::Ge:
      case ir::Op::And:
      case ir::Op::Or:
      case ir::Op::Default:
        break;
      case ir::Op::PositionField:
      case ir::Op::AccountField:
      case ir::Op::MarketField:
      case ir::Op::Let:
      case ir::Op::Call:
      case ir::Op::TableLookup:
      case ir::Op::Aggregate:
      case ir::Op::Total:
      case ir::Op::PositionMeasure:
      case ir::Op::Output:
      case ir::Op::Breached:
      case ir::Op::Param:
        head += " " + e.text;
        break;
      case ir::Op::FnCall:
        head += fmt::format(" {} #{}", e.text, e.index);
        break;
    }
    Line(depth, head);
    for (const auto& a : e.args)
      Expr(depth + 1, *a);
    if (e.filter) {
      Line(depth + 1, "where");
      Expr(depth + 2, *e.filter);
    }
    for (const auto& arm : e.arms) {
      Line(depth + 1, "arm " + arm.label);
      if (arm.condition) {
        Expr(depth + 2, *arm.condition);
      } else {
        Line(depth + 2, "else");
      }
      Expr(depth + 2, *arm.value);
    }
    for (const auto& band : e.bands) {
      Line(depth + 1, band.op == ir::BandOp::Lt   ? "band <"
                      : band.op == ir::BandOp::Le ? "band <="
                                                  : "band else");
      if (band.bound) Expr(depth + 2, *band.bound);
      Expr(depth + 2, *band.value);
    }
  }

  static std::string Eff(const std::optional<std::int64_t>& d) {
    return d ? " effective " + Date(*d) : std::string();
  }

  void Policy() {
    const ir::Header& h = p_.header;
    Line(0, fmt::format("policy {} version \"{}\" currency {} precision {}{}", h.name, h.version,
                        h.currency, h.money.places(), Eff(h.effective)));
    for (const auto& e : p_.enums) {
      std::string labels;
      for (std::size_t i = 0; i < e.labels.size(); ++i) {
        labels += fmt::format("{}{}={}", i ? ", " : "", e.labels[i], e.Rank(i));
      }
      Line(0, fmt::format("enum {}{} {{ {} }}", e.name, e.ordered ? " ordered" : "", labels));
    }
    const auto fields = [&](const char* kind, const std::vector<ir::Field>& fs) {
      for (const auto& f : fs)
        Line(0, fmt::format("{} field {}: {}", kind, f.name, Type(f.type)));
    };
    fields("position", p_.position_fields);
    fields("account", p_.account_fields);
    fields("market", p_.market_fields);
    for (const auto& l : p_.lets) {
      Line(0, fmt::format("let {}: {} ({})", l.name, Type(l.type),
                          l.level == ir::Level::Position ? "per position" : "per account"));
      Expr(1, *l.value);
    }
    for (std::size_t i = 0; i < p_.functions.size(); ++i) {
      const ir::Function& f = p_.functions[i];
      std::string params;
      for (std::size_t n = 0; n < f.params.size(); ++n) {
        params += fmt::format("{}{}: {}", n ? ", " : "", f.params[n], Type(f.param_types[n]));
      }
      Line(0, fmt::format("fn #{} {}({}): {}", i, f.name, params, Type(f.type)));
      Expr(1, *f.body);
    }
    for (const auto& t : p_.tables) {
      Line(0, fmt::format("table {}{}: {} -> {}", t.name, Eff(t.effective), Type(t.key_type),
                          Type(t.value_type)));
      for (const auto& row : t.rows) {
        Line(1, "row " + row.key_text);
        Expr(2, *row.value);
      }
      if (t.fallback) {
        Line(1, "else");
        Expr(2, *t.fallback);
      }
    }
    for (const auto& r : p_.rules) {
      Line(0, fmt::format("{} {}{}", r.verb == ir::Verb::Accept ? "accept" : "reject", r.id,
                          Eff(r.effective)));
      Expr(1, *r.condition);
    }
    for (const auto& c : p_.components) {
      Line(0, fmt::format("{} {}{}", c.kind == ir::ComponentKind::Haircut ? "haircut" : "margin",
                          c.id, Eff(c.effective)));
      Expr(1, *c.value);
    }
    for (const auto& t : p_.tiers) {
      Line(0, fmt::format("tiers {}{} on {} mode {}", t.id, Eff(t.effective),
                          t.measure == ir::TierMeasure::Quantity ? "quantity" : "value",
                          t.mode == ir::TierMode::Progressive ? "progressive" : "whole"));
      if (t.when) {
        Line(1, "when");
        Expr(2, *t.when);
      }
      if (t.group_by) {
        Line(1, "group by");
        Expr(2, *t.group_by);
      }
      for (const auto& b : t.bands) {
        const char* what = b.keep ? "keep" : "haircut";
        Line(1, b.op == ir::BandOp::Else
                    ? fmt::format("else: {} {}", what, b.rate)
                    : fmt::format("{} {}: {} {}", b.op == ir::BandOp::Lt ? "<" : "<=", b.bound,
                                  what, b.rate));
      }
    }
    for (const auto& l : p_.limits) {
      static constexpr const char* kOn[] = {"value", "quantity", "market_value"};
      static constexpr const char* kBase[] = {"none", "expression", "eligible_value",
                                              "collateral_value"};
      Line(0, fmt::format("limit {}{} {} on {} base {}", l.id, Eff(l.effective),
                          l.is_max ? "max" : "min", kOn[static_cast<int>(l.on)],
                          kBase[static_cast<int>(l.base)]));
      if (l.by) {
        Line(1, "by");
        Expr(2, *l.by);
      }
      if (l.where) {
        Line(1, "where");
        Expr(2, *l.where);
      }
      Line(1, "amount");
      Expr(2, *l.amount);
      if (l.base_expr) {
        Line(1, "of");
        Expr(2, *l.base_expr);
      }
    }
    for (const auto& o : p_.outputs) {
      Line(0, fmt::format("output {}: {}", o.name, Type(o.type)));
      Expr(1, *o.value);
    }
    for (const auto& r : p_.rebalances) {
      Line(0, fmt::format("rebalance {}", r.name));
      Line(1, "when");
      Expr(2, *r.trigger);
      Line(1, r.target_is_condition ? "target condition" : "target value");
      Expr(2, *r.target);
      if (!r.top_up.empty()) Line(1, fmt::format("top_up from {}", r.top_up));
      if (r.substitute_ineligible || r.substitute_over_limit) {
        Line(1, fmt::format("substitute{}{}", r.substitute_ineligible ? " ineligible" : "",
                            r.substitute_over_limit ? " over_limit" : ""));
      }
      if (r.release) {
        Line(1, r.release_above ? "release above" : "release above target");
        if (r.release_above) Expr(2, *r.release_above);
      }
      for (const auto& key : r.liquidate) {
        Line(1, fmt::format("liquidate by {}", key.descending ? "desc" : "asc"));
        Expr(2, *key.key);
      }
      const std::pair<const char*, const ir::ExprPtr*> items[] = {{"cost", &r.cost},
                                                                  {"lot", &r.lot},
                                                                  {"min_move", &r.min_move},
                                                                  {"max_moves", &r.max_moves}};
      for (const auto& [name, item] : items) {
        if (!*item) continue;
        Line(1, name);
        Expr(2, **item);
      }
    }
  }

 private:
  const ir::Policy& p_;
  std::string out_;
};

}  // namespace

std::string DumpIr(const ir::Policy& policy) {
  Dumper d(policy);
  d.Policy();
  return d.Take();
}

}  // namespace collat
