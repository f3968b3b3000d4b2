// Hand-built IR and inputs for the runtime tests: small constructors for ir::Expr nodes and an
// InputBuilder that fills the columnar Input directly. Header-only, test-only; every helper is
// [[maybe_unused]] because each test file uses a different subset.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ir.h"
#include "runtime/input.h"

namespace {

// ---- hand-built IR and input (the same small helper set heads each runtime test file) ----------
using namespace collat;  // NOLINT: test helpers
using ir::ExprPtr;
using ir::Op;
using ir::Type;
using ir::TypeKind;
using ir::Value;
using runtime::Input;

template <class... E>
std::vector<ExprPtr> Args(E&&... e) {
  std::vector<ExprPtr> v;
  (v.push_back(std::forward<E>(e)), ...);
  return v;
}

[[maybe_unused]] ExprPtr Node(Op op, Type type, std::vector<ExprPtr> args = {}) {
  auto e = std::make_unique<ir::Expr>();
  e->op = op;
  e->type = type;
  e->args = std::move(args);
  return e;
}

[[maybe_unused]] ExprPtr Const(Value v, Type type) {
  auto e = Node(Op::Const, type);
  e->constant = v;
  return e;
}
[[maybe_unused]] ExprPtr Num(double v, TypeKind kind = TypeKind::Number) {
  return Const(Value::Number(v), Type::Of(kind));
}
[[maybe_unused]] ExprPtr Money(double v) {
  return Num(v, TypeKind::Money);
}
[[maybe_unused]] ExprPtr Pct(double v) {
  return Num(v, TypeKind::Percent);
}
[[maybe_unused]] ExprPtr Flag(bool b) {
  return Const(Value::Bool(b), Type::Of(TypeKind::Bool));
}
[[maybe_unused]] ExprPtr Text(const std::string& s) {
  auto e = Const(Value::Integer(0), Type::Of(TypeKind::Text));
  e->text = s;
  return e;
}
// An enum label by name.
[[maybe_unused]] ExprPtr Label(const ir::Policy& p, std::int32_t enum_id,
                               const std::string& label) {
  const ir::EnumInfo& info = p.enums[static_cast<std::size_t>(enum_id)];
  for (std::size_t i = 0; i < info.labels.size(); ++i) {
    if (info.labels[i] == label) return Const(Value::Integer(info.Rank(i)), Type::EnumOf(enum_id));
  }
  throw std::runtime_error("no label " + label);
}
[[maybe_unused]] ExprPtr Field(const ir::Policy& p, const std::string& name) {
  const std::int32_t i = p.FindPositionField(name);
  if (i < 0) throw std::runtime_error("no position field " + name);
  auto e = Node(Op::PositionField, p.position_fields[static_cast<std::size_t>(i)].type);
  e->index = i;
  e->text = name;
  return e;
}
[[maybe_unused]] ExprPtr AccountField(const ir::Policy& p, const std::string& name) {
  const std::int32_t i = p.FindAccountField(name);
  if (i < 0) throw std::runtime_error("no account field " + name);
  auto e = Node(Op::AccountField, p.account_fields[static_cast<std::size_t>(i)].type);
  e->index = i;
  return e;
}
// A binary node: comparisons and logic are bool; arithmetic takes the left operand's type.
[[maybe_unused]] ExprPtr Bin(Op op, ExprPtr a, ExprPtr b) {
  const bool boolean = op == Op::Eq || op == Op::Ne || op == Op::Lt || op == Op::Le ||
                       op == Op::Gt || op == Op::Ge || op == Op::And || op == Op::Or;
  const Type type = boolean ? Type::Of(TypeKind::Bool) : a->type.Required();
  return Node(op, type, Args(std::move(a), std::move(b)));
}
[[maybe_unused]] ExprPtr Call(ir::Builtin builtin, Type type, std::vector<ExprPtr> args) {
  auto e = Node(Op::Call, type, std::move(args));
  e->builtin = builtin;
  return e;
}
[[maybe_unused]] ExprPtr Ternary(ExprPtr c, ExprPtr then, ExprPtr otherwise) {
  const Type type = then->type;
  return Node(Op::If, type, Args(std::move(c), std::move(then), std::move(otherwise)));
}

[[maybe_unused]] ir::Field MakeField(const std::string& name, Type type) {
  ir::Field f;
  f.name = name;
  f.type = type;
  return f;
}
[[maybe_unused]] ir::EnumInfo MakeEnum(const std::string& name, bool ordered,
                                       std::vector<std::string> labels) {
  ir::EnumInfo e;
  e.name = name;
  e.ordered = ordered;
  e.labels = std::move(labels);
  return e;
}
// A policy with a header and `market_value: money` as its first position field.
[[maybe_unused]] ir::Policy MakePolicy() {
  ir::Policy p;
  p.header.name = "test";
  p.header.version = "1";
  p.header.currency = "USD";
  p.position_fields.push_back(MakeField("market_value", Type::Of(TypeKind::Money)));
  return p;
}
[[maybe_unused]] void AddRule(ir::Policy& p, const std::string& id, ir::Verb verb,
                              ExprPtr condition, const std::string& reason = "",
                              std::optional<std::int64_t> effective = {}) {
  p.rules.push_back(ir::Rule{id, verb, effective, std::move(condition), reason, ""});
}
[[maybe_unused]] void AddComponent(ir::Policy& p, const std::string& id, ExprPtr value,
                                   ir::ComponentKind kind = ir::ComponentKind::Haircut,
                                   std::optional<std::int64_t> effective = {}) {
  p.components.push_back(ir::Component{id, kind, effective, std::move(value), "", ""});
}
[[maybe_unused]] void AcceptAll(ir::Policy& p) {
  AddRule(p, "all", ir::Verb::Accept, Flag(true));
}
[[maybe_unused]] void AddOutput(ir::Policy& p, const std::string& name, Type type, ExprPtr value) {
  p.outputs.push_back(ir::Output{name, type, std::move(value), ""});
}

[[maybe_unused]] std::int64_t Day(int y, int m, int d) {
  return ir::DaysFromCivil(y, m, d);
}

// Builds an Input column by column. Fields not given are missing (known = 0); market_value
// defaults to the position's market value.
class InputBuilder {
 public:
  explicit InputBuilder(const ir::Policy& p) : policy_(p) {
    input_.positions.fields.resize(p.position_fields.size());
    input_.market.fields.resize(p.market_fields.size());
    input_.market.fx["USD"] = 1;
  }
  Input& input() { return input_; }
  Value T(const std::string& text) { return Value::Integer(input_.text.Intern(text)); }

  void Account(const std::string& id, const std::map<std::string, Value>& fields = {},
               const std::string& rejection = "") {
    runtime::Account a;
    a.id = id;
    a.rejection = rejection;
    a.first_position = static_cast<std::uint32_t>(input_.positions.size());
    for (const ir::Field& f : policy_.account_fields) {
      const auto it = fields.find(f.name);
      a.fields.push_back(it == fields.end() ? Value::Unknown() : it->second);
    }
    input_.accounts.push_back(a);
  }

  void Position(const std::string& id, double market_value,
                std::map<std::string, Value> fields = {}, const std::string& rejection = "") {
    if (input_.accounts.empty()) Account("A");
    fields.emplace("market_value", Value::Number(market_value));
    runtime::Positions& ps = input_.positions;
    ps.ids.push_back(id);
    ps.account.push_back(static_cast<std::int32_t>(input_.accounts.size() - 1));
    ps.rejection.push_back(rejection);
    ps.source_file.push_back(ps.SourcePrefix("test:"));
    ps.source_line.push_back(static_cast<std::uint32_t>(ps.ids.size()));
    ps.market_value.push_back(market_value);
    for (std::size_t k = 0; k < policy_.position_fields.size(); ++k) {
      const auto it = fields.find(policy_.position_fields[k].name);
      const Value v = it == fields.end() ? Value::Unknown() : it->second;
      runtime::Column& c = ps.fields[k];
      c.numbers.push_back(v.number);
      c.integers.push_back(v.integer);
      c.durations.push_back(v.duration);
      c.known.push_back(v.known ? 1 : 0);
    }
    ++input_.accounts.back().position_count;
  }

 private:
  const ir::Policy& policy_;
  runtime::Input input_;
};

}  // namespace
