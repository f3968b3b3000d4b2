// The expression evaluator against hand-computed results: Kleene logic, unknown propagation and
// its causes, text binding, ordered enums, match/schedule, calendar and rounding builtins.
#include <catch2/catch.hpp>

#include "tests/runtime/ir_builders.h"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/builtins.h"
#include "runtime/expr_eval.h"
#include "runtime/input.h"
#include "runtime/text_binder.h"
#include "runtime/unknown_causes.h"
#include "runtime/versions.h"

namespace {

// -------------------------------------------------------------------------------------------

// A policy whose position fields cover every kind the expression tests read, all optional.
struct Fixture {
  ir::Policy policy = MakePolicy();
  std::int32_t rating_enum = 0;
  Fixture() {
    policy.enums.push_back(MakeEnum("Rating", true, {"AAA", "AA", "A", "BBB", "BB"}));
    for (const char* name : {"a", "b"}) {
      policy.position_fields.push_back(MakeField(name, Type::Of(TypeKind::Bool, true)));
    }
    for (const char* name : {"x", "y"}) {
      policy.position_fields.push_back(MakeField(name, Type::Of(TypeKind::Number, true)));
    }
    policy.position_fields.push_back(MakeField("name", Type::Of(TypeKind::Text, true)));
    policy.position_fields.push_back(MakeField("rating", Type::EnumOf(rating_enum, true)));
    policy.position_fields.push_back(MakeField("maturity", Type::Of(TypeKind::Date, true)));
  }
  Value Rank(const std::string& label) { return Label(policy, rating_enum, label)->constant; }
};

// Evaluates expressions at positions of the input's first account, in the Positions phase.
class Harness {
 public:
  Harness(const ir::Policy& policy, const Input& input)
      : in_force_(runtime::SelectVersions(policy, input.market.valuation_date)),
        text_(input.text),
        eval_(policy, input, in_force_, text_) {}
  Value At(const ExprPtr& e, std::int64_t position) {
    eval_.causes().clear();
    eval_.trace().clear();
    return eval_.Eval(*e, runtime::Scope{&state_, position});
  }
  std::vector<std::string> Missing() { return runtime::MissingFields(eval_.causes()); }
  std::string Causes() { return runtime::DescribeCauses(eval_.causes()); }
  const std::vector<std::string>& Trace() { return eval_.trace(); }

 private:
  runtime::InForce in_force_;
  runtime::TextBinder text_;
  runtime::ExprEval eval_;
  runtime::AccountState state_;
};

char Tri(const Value& v) {
  if (!v.known) return 'U';
  return v.truth() ? 'T' : 'F';
}

ExprPtr MatchOf(std::vector<ir::MatchArm> arms) {
  auto m = Node(Op::Match, Type::Of(TypeKind::Number));
  m->arms = std::move(arms);
  return m;
}

double Number(const Value& v) {
  REQUIRE(v.known);
  return v.number;
}

}  // namespace

TEST_CASE("Kleene and, or, not over every pair of true, false, unknown", "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  const std::vector<std::pair<char, char>> pairs = {{'T', 'T'}, {'T', 'F'}, {'T', 'U'},
                                                    {'F', 'T'}, {'F', 'F'}, {'F', 'U'},
                                                    {'U', 'T'}, {'U', 'F'}, {'U', 'U'}};
  const auto value = [](char c) { return c == 'U' ? Value::Unknown() : Value::Bool(c == 'T'); };
  for (const auto& [a, b] : pairs)
    in.Position("p", 1, {{"a", value(a)}, {"b", value(b)}});
  // Section 6's table, row by row: a and b, a or b.
  const std::string expected_and = "TFUFFFUFU";
  const std::string expected_or = "TTTTFUTUU";
  const std::string expected_not_a = "FFFTTTUUU";
  Harness h(f.policy, in.input());
  const auto and_ab = Bin(Op::And, Field(f.policy, "a"), Field(f.policy, "b"));
  const auto or_ab = Bin(Op::Or, Field(f.policy, "a"), Field(f.policy, "b"));
  const auto not_a = Node(Op::Not, Type::Of(TypeKind::Bool), Args(Field(f.policy, "a")));
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    INFO("a=" << pairs[i].first << " b=" << pairs[i].second);
    CHECK(Tri(h.At(and_ab, static_cast<std::int64_t>(i))) == expected_and[i]);
    CHECK(Tri(h.At(or_ab, static_cast<std::int64_t>(i))) == expected_or[i]);
    CHECK(Tri(h.At(not_a, static_cast<std::int64_t>(i))) == expected_not_a[i]);
  }
}

TEST_CASE("unknown propagates through arithmetic and comparison; is known and ?? stop it",
          "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {{"y", Value::Number(2)}});  // x missing
  Harness h(f.policy, in.input());
  const auto x = [&] { return Field(f.policy, "x"); };
  const auto y = [&] { return Field(f.policy, "y"); };

  CHECK_FALSE(h.At(Bin(Op::Add, x(), y()), 0).known);
  CHECK(h.Missing() == std::vector<std::string>{"x"});
  CHECK_FALSE(h.At(Bin(Op::Lt, y(), x()), 0).known);
  CHECK_FALSE(h.At(Bin(Op::Eq, x(), x()), 0).known);

  const Value known = h.At(Node(Op::IsKnown, Type::Of(TypeKind::Bool), Args(x())), 0);
  CHECK(Tri(known) == 'F');
  CHECK(h.Missing().empty());  // a known result reports no missing field
  CHECK(Tri(h.At(Node(Op::IsUnknown, Type::Of(TypeKind::Bool), Args(x())), 0)) == 'T');

  const auto defaulted = Node(Op::Default, Type::Of(TypeKind::Number), Args(x(), Num(7)));
  CHECK(Number(h.At(defaulted, 0)) == 7);
  CHECK(Number(h.At(Node(Op::Default, Type::Of(TypeKind::Number), Args(y(), Num(7))), 0)) == 2);

  // (x ?? 1) > 0 and y > 5: the default makes the left side known; y > 5 is false.
  CHECK(Tri(h.At(Bin(Op::And,
                     Bin(Op::Gt, Node(Op::Default, Type::Of(TypeKind::Number), Args(x(), Num(1))),
                         Num(0)),
                     Bin(Op::Gt, y(), Num(5))),
                 0)) == 'F');

  // `if` with an unknown condition is unknown; a known one picks its branch.
  CHECK_FALSE(h.At(Ternary(Bin(Op::Gt, x(), Num(0)), Num(1), Num(2)), 0).known);
  CHECK(Number(h.At(Ternary(Bin(Op::Gt, y(), Num(0)), Num(1), Num(2)), 0)) == 1);
}

TEST_CASE("missing lists exactly the fields whose absence the value depends on", "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {});  // everything missing
  Harness h(f.policy, in.input());
  // y > 0 or (x ?? 1) > 0 : the right side is true, so known; nothing missing.
  auto dflt = Node(Op::Default, Type::Of(TypeKind::Number), Args(Field(f.policy, "x"), Num(1)));
  CHECK(Tri(h.At(Bin(Op::Or, Bin(Op::Gt, Field(f.policy, "y"), Num(0)),
                     Bin(Op::Gt, std::move(dflt), Num(0))),
                 0)) == 'T');
  CHECK(h.Missing().empty());
  // y + x > 0: both operands unknown, both named, sorted.
  CHECK_FALSE(
      h.At(Bin(Op::Gt, Bin(Op::Add, Field(f.policy, "y"), Field(f.policy, "x")), Num(0)), 0).known);
  CHECK(h.Missing() == std::vector<std::string>{"x", "y"});
  // x ?? y : both unknown, both causes.
  CHECK_FALSE(h.At(Node(Op::Default, Type::Of(TypeKind::Number),
                        Args(Field(f.policy, "x"), Field(f.policy, "y"))),
                   0)
                  .known);
  CHECK(h.Missing() == std::vector<std::string>{"x", "y"});
}

TEST_CASE("division by zero, sqrt of a negative and overflow are unknown with a cause",
          "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {});
  Harness h(f.policy, in.input());
  CHECK_FALSE(h.At(Bin(Op::Div, Num(1), Num(0)), 0).known);
  CHECK(h.Causes() == "division by zero");
  CHECK_FALSE(h.At(Bin(Op::Div, Num(0), Num(0)), 0).known);
  CHECK_FALSE(h.At(Call(ir::Builtin::Sqrt, Type::Of(TypeKind::Number), Args(Num(-4))), 0).known);
  CHECK(h.Causes() == "square root of a negative number");
  CHECK(Number(h.At(Call(ir::Builtin::Sqrt, Type::Of(TypeKind::Number), Args(Num(2.25))), 0)) ==
        1.5);
  CHECK_FALSE(h.At(Bin(Op::Mul, Num(1e308), Num(10)), 0).known);
  CHECK(h.Causes() == "overflow");
  CHECK(Number(h.At(Bin(Op::Div, Num(1), Num(4)), 0)) == 0.25);
  CHECK(Number(h.At(Node(Op::Neg, Type::Of(TypeKind::Number), Args(Num(3))), 0)) == -3);
}

TEST_CASE("text constants bind to input codes; absent texts equal nothing", "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {{"name", in.T("SP1500")}});
  in.Position("p1", 1, {});
  Harness h(f.policy, in.input());
  const auto name = [&] { return Field(f.policy, "name"); };
  CHECK(Tri(h.At(Bin(Op::Eq, name(), Text("SP1500")), 0)) == 'T');
  CHECK(Tri(h.At(Bin(Op::Eq, name(), Text("SP500")), 0)) == 'F');  // not in the input at all
  CHECK(Tri(h.At(Bin(Op::Ne, name(), Text("SP500")), 0)) == 'T');
  CHECK(Tri(h.At(Bin(Op::Ne, name(), Text("SP500")), 1)) == 'U');  // name missing
  CHECK(Tri(h.At(Bin(Op::Eq, Text("high"), Text("high")), 0)) == 'T');
  CHECK(Tri(h.At(Bin(Op::Eq, Text("high"), Text("low")), 0)) == 'F');

  auto in_set = Node(Op::InSet, Type::Of(TypeKind::Bool), Args(name()));
  in_set->set_text = {"SP500", "SP1500"};
  CHECK(Tri(h.At(in_set, 0)) == 'T');
  CHECK(Tri(h.At(in_set, 1)) == 'U');
  auto not_in = Node(Op::NotInSet, Type::Of(TypeKind::Bool), Args(name()));
  not_in->set_text = {"SP500"};
  CHECK(Tri(h.At(not_in, 0)) == 'T');
}

TEST_CASE("ordered enums compare by rank: the first label is the highest", "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.Position("A", 1, {{"rating", f.Rank("A")}});
  in.Position("BB", 1, {{"rating", f.Rank("BB")}});
  in.Position("BBB", 1, {{"rating", f.Rank("BBB")}});
  Harness h(f.policy, in.input());
  const auto at_least_bbb = Bin(Op::Ge, Field(f.policy, "rating"), Label(f.policy, 0, "BBB"));
  CHECK(Tri(h.At(at_least_bbb, 0)) == 'T');
  CHECK(Tri(h.At(at_least_bbb, 1)) == 'F');
  CHECK(Tri(h.At(at_least_bbb, 2)) == 'T');
  const auto below = Bin(Op::Lt, Field(f.policy, "rating"), Label(f.policy, 0, "BBB"));
  CHECK(Tri(h.At(below, 1)) == 'T');
  CHECK(Tri(h.At(below, 2)) == 'F');
  auto in_set = Node(Op::InSet, Type::Of(TypeKind::Bool), Args(Field(f.policy, "rating")));
  in_set->set = {f.Rank("AAA"), f.Rank("A")};
  CHECK(Tri(h.At(in_set, 0)) == 'T');
  CHECK(Tri(h.At(in_set, 1)) == 'F');
}

TEST_CASE("match: first true arm; an unknown condition before it is unknown; labels traced",
          "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {{"x", Value::Number(20)}});
  in.Position("p1", 1, {{"x", Value::Number(5)}, {"y", Value::Number(1)}});
  in.Position("p2", 1, {{"x", Value::Number(5)}, {"y", Value::Number(-1)}});
  in.Position("p3", 1, {{"y", Value::Number(1)}});   // x unknown before the true arm
  in.Position("p4", 1, {{"x", Value::Number(20)}});  // y unknown after the true arm
  Harness h(f.policy, in.input());
  std::vector<ir::MatchArm> arms;
  arms.push_back({"big", Bin(Op::Gt, Field(f.policy, "x"), Num(10)), Num(1)});
  arms.push_back({"up", Bin(Op::Gt, Field(f.policy, "y"), Num(0)), Num(2)});
  arms.push_back({"", nullptr, Num(3)});  // unlabelled else: traced by position
  const auto m = MatchOf(std::move(arms));
  CHECK(Number(h.At(m, 0)) == 1);
  CHECK(h.Trace() == std::vector<std::string>{"big"});
  CHECK(Number(h.At(m, 1)) == 2);
  CHECK(h.Trace() == std::vector<std::string>{"up"});
  CHECK(Number(h.At(m, 2)) == 3);
  CHECK(h.Trace() == std::vector<std::string>{"#3"});
  CHECK_FALSE(h.At(m, 3).known);
  CHECK(h.Missing() == std::vector<std::string>{"x"});
  CHECK(Number(h.At(m, 4)) == 1);

  std::vector<ir::MatchArm> no_else;
  no_else.push_back({"big", Bin(Op::Gt, Field(f.policy, "x"), Num(10)), Num(1)});
  const auto partial = MatchOf(std::move(no_else));
  CHECK_FALSE(h.At(partial, 1).known);
  CHECK(h.Causes() == "no match arm holds");

  // Nested: the outer arm's label comes first.
  std::vector<ir::MatchArm> inner;
  inner.push_back({"short", Bin(Op::Lt, Field(f.policy, "y"), Num(0)), Num(0.01)});
  inner.push_back({"long", nullptr, Num(0.04)});
  std::vector<ir::MatchArm> outer;
  outer.push_back({"govt", Bin(Op::Lt, Field(f.policy, "x"), Num(10)), MatchOf(std::move(inner))});
  const auto nested = MatchOf(std::move(outer));
  CHECK(Number(h.At(nested, 2)) == 0.01);
  CHECK(h.Trace() == std::vector<std::string>{"govt", "short"});
}

TEST_CASE("schedule: bands in order, < and <= at the bound, else last", "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  for (const double x : {0.5, 1.0, 5.0, 5.000001})
    in.Position("p", 1, {{"x", Value::Number(x)}});
  in.Position("none", 1, {});
  Harness h(f.policy, in.input());
  auto s = Node(Op::Schedule, Type::Of(TypeKind::Percent), Args(Field(f.policy, "x")));
  s->bands.push_back({ir::BandOp::Lt, Num(1), Pct(0.01)});
  s->bands.push_back({ir::BandOp::Le, Num(5), Pct(0.04)});
  s->bands.push_back({ir::BandOp::Else, nullptr, Pct(0.08)});
  CHECK(Number(h.At(s, 0)) == 0.01);
  CHECK(Number(h.At(s, 1)) == 0.04);  // 1 is not < 1, but <= 5
  CHECK(Number(h.At(s, 2)) == 0.04);  // <= 5 holds at 5
  CHECK(Number(h.At(s, 3)) == 0.08);
  CHECK_FALSE(h.At(s, 4).known);
  CHECK(h.Missing() == std::vector<std::string>{"x"});
}

TEST_CASE("dates: calendar months clamp to the month's end", "[interp]") {
  Fixture f;
  InputBuilder in(f.policy);
  in.input().market.valuation_date = Day(2026, 1, 31);
  in.Position("p0", 1, {{"maturity", Value::Integer(Day(2026, 2, 28))}});
  Harness h(f.policy, in.input());
  const auto in_1m = Bin(Op::Add, Node(Op::ValuationDate, Type::Of(TypeKind::Date)),
                         Const(Value::OfDuration({1, 0}), Type::Of(TypeKind::Duration)));
  const Value d = h.At(in_1m, 0);
  REQUIRE(d.known);
  CHECK(d.integer == Day(2026, 2, 28));
  CHECK(Tri(h.At(Bin(Op::Le, Field(f.policy, "maturity"),
                     Bin(Op::Add, Node(Op::ValuationDate, Type::Of(TypeKind::Date)),
                         Const(Value::OfDuration({1, 0}), Type::Of(TypeKind::Duration)))),
                 0)) == 'T');
  const auto back = Bin(Op::Sub, Node(Op::ValuationDate, Type::Of(TypeKind::Date)),
                        Const(Value::OfDuration({0, 31}), Type::Of(TypeKind::Duration)));
  CHECK(h.At(back, 0).integer == Day(2025, 12, 31));
}

TEST_CASE("years_between and days_between follow section 5.5", "[interp]") {
  using runtime::YearsBetween;
  CHECK(YearsBetween(Day(2026, 3, 31), Day(2027, 3, 31)) == 1);
  // 2024-02-29 + 1y is 2025-02-28: exactly one year.
  CHECK(YearsBetween(Day(2024, 2, 29), Day(2025, 2, 28)) == 1);
  // 182 days into a 365-day year.
  CHECK(YearsBetween(Day(2026, 1, 1), Day(2026, 7, 2)) == 182.0 / 365.0);
  // Two whole years, then 1 day into a year that holds 2028-02-29 (366 days) ...
  CHECK(YearsBetween(Day(2026, 1, 15), Day(2028, 1, 16)) == 2.0 + 1.0 / 366.0);
  // ... and 1 day into the year from 2028-03-01, which does not (365 days).
  CHECK(YearsBetween(Day(2026, 3, 1), Day(2028, 3, 2)) == 2.0 + 1.0 / 365.0);
  CHECK(YearsBetween(Day(2027, 3, 31), Day(2026, 3, 31)) == -1);
  // years_between(d, m) < 1 exactly when m < d + 1y.
  CHECK(YearsBetween(Day(2026, 1, 31), Day(2027, 1, 30)) < 1);
  CHECK(runtime::DaysBetween(Day(2026, 1, 1), Day(2026, 3, 1)) == 59);
}

TEST_CASE("rounding builtins: half away from zero, up, down, increment 0 and negative",
          "[interp]") {
  using runtime::Rounding;
  using runtime::RoundToIncrement;
  CHECK(*RoundToIncrement(2.5, 1, Rounding::HalfAway) == 3);
  CHECK(*RoundToIncrement(-2.5, 1, Rounding::HalfAway) == -3);
  CHECK(*RoundToIncrement(1234, 100, Rounding::Up) == 1300);
  CHECK(*RoundToIncrement(-1234, 100, Rounding::Down) == -1300);
  CHECK(*RoundToIncrement(-1234, 100, Rounding::Up) == -1200);
  CHECK(*RoundToIncrement(1234.5, 0, Rounding::Up) == 1234.5);
  CHECK_FALSE(RoundToIncrement(1234, -10, Rounding::Down).has_value());

  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {});
  Harness h(f.policy, in.input());
  const Type number = Type::Of(TypeKind::Number);
  CHECK(Number(h.At(Call(ir::Builtin::Round, number, Args(Num(1250), Num(500))), 0)) == 1500);
  CHECK_FALSE(h.At(Call(ir::Builtin::RoundUp, number, Args(Num(1), Num(-1))), 0).known);
  CHECK(h.Causes() == "negative rounding increment");
  CHECK(Number(h.At(Call(ir::Builtin::Min, number, Args(Num(3), Num(1), Num(2))), 0)) == 1);
  CHECK(Number(h.At(Call(ir::Builtin::Max, number, Args(Num(3), Num(1), Num(2))), 0)) == 3);
  CHECK(Number(h.At(Call(ir::Builtin::Abs, number, Args(Num(-2))), 0)) == 2);
  CHECK(Number(h.At(Call(ir::Builtin::Floor, number, Args(Num(-2.5))), 0)) == -3);
  CHECK(Number(h.At(Call(ir::Builtin::Ceil, number, Args(Num(-2.5))), 0)) == -2);
  CHECK_FALSE(h.At(Call(ir::Builtin::Max, number, Args(Num(3), Field(f.policy, "x"))), 0).known);
}

TEST_CASE("transfer: the MTA gate on the unrounded amount, then directed rounding", "[interp]") {
  using runtime::Rounding;
  using runtime::Transfer;
  // Section 11's CSA example: credit support amount 11,340,000; MTA 500,000; rounding 10,000.
  const double csa = 11340000;
  CHECK(*Transfer(csa - 10612345.67, 500000, 10000, Rounding::Up) == 730000);
  CHECK(*Transfer(csa - 11000000.00, 500000, 10000, Rounding::Up) == 0);  // 340,000 < MTA
  CHECK(*Transfer(csa - 12205432.10, 500000, 10000, Rounding::Up) == 0);  // nothing to deliver
  CHECK(*Transfer(12205432.10 - csa, 500000, 10000, Rounding::Down) == 860000);
  CHECK(*Transfer(500000, 500000, 10000, Rounding::Up) == 500000);  // at the gate: transferred
  CHECK(*Transfer(500001, 500000, 0, Rounding::Up) == 500001);      // increment 0: unrounded
  CHECK(*Transfer(0, 0, 10000, Rounding::Up) == 0);
  CHECK_FALSE(Transfer(600000, 500000, -1, Rounding::Up).has_value());

  Fixture f;
  InputBuilder in(f.policy);
  in.Position("p0", 1, {});
  Harness h(f.policy, in.input());
  const Type money = Type::Of(TypeKind::Money);
  const auto delivery = Call(ir::Builtin::TransferUp, money,
                             Args(Money(csa - 10612345.67), Money(500000), Money(10000)));
  CHECK(Number(h.At(delivery, 0)) == 730000);
  const auto gated =
      Call(ir::Builtin::TransferDown, money, Args(Money(499999), Money(500000), Money(10000)));
  CHECK(Number(h.At(gated, 0)) == 0);
}

namespace {

// The definition of years_between (docs/language.md 5.5) stepped out literally: the largest n
// with from + n years <= to, found one year at a time, then the fraction of the next year.
double YearsBetweenByDefinition(std::int64_t from, std::int64_t to) {
  if (to < from) return -YearsBetweenByDefinition(to, from);
  const auto plus = [&](std::int64_t n) {
    return collat::ir::AddDuration(from, collat::ir::Duration{static_cast<std::int32_t>(12 * n), 0},
                                   +1);
  };
  std::int64_t n = 0;
  while (plus(n + 1) <= to)
    ++n;
  return static_cast<double>(n) +
         static_cast<double>(to - plus(n)) / static_cast<double>(plus(n + 1) - plus(n));
}

}  // namespace

TEST_CASE("years_between agrees with its definition on every kind of date pair", "[runtime]") {
  // Random spans from -500 days to 60 years, then every day around month ends and February 29ths.
  std::uint64_t state = 42;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33U;
  };
  const std::int64_t base = collat::ir::DaysFromCivil(1996, 1, 1);
  for (int k = 0; k < 20000; ++k) {
    const std::int64_t from = base + static_cast<std::int64_t>(next() % 12000);
    const std::int64_t to = from + static_cast<std::int64_t>(next() % 22000) - 500;
    INFO(from << " -> " << to);
    REQUIRE(collat::runtime::YearsBetween(from, to) == YearsBetweenByDefinition(from, to));
  }
  for (const auto& [y, m, d] : {std::array{2024, 2, 29}, std::array{2023, 1, 31},
                                std::array{2020, 12, 31}, std::array{2000, 2, 29}}) {
    const std::int64_t from = collat::ir::DaysFromCivil(y, m, d);
    // The same `from` again and again: the anniversary table's path, up to and past its end.
    for (std::int64_t to = from - 800; to < from + 3000; ++to)
      REQUIRE(collat::runtime::YearsBetween(from, to) == YearsBetweenByDefinition(from, to));
    for (std::int64_t to = from + 72000; to < from + 74000; to += 7)
      REQUIRE(collat::runtime::YearsBetween(from, to) == YearsBetweenByDefinition(from, to));
    // Interleaved with other dates and reversed calls, as a basket with matured bonds makes.
    for (std::int64_t to = from - 400; to < from + 4000; to += 3) {
      REQUIRE(collat::runtime::YearsBetween(from, to) == YearsBetweenByDefinition(from, to));
      REQUIRE(collat::runtime::YearsBetween(to, from) == YearsBetweenByDefinition(to, from));
      REQUIRE(collat::runtime::YearsBetween(to + 1, to + 500) ==
              YearsBetweenByDefinition(to + 1, to + 500));
    }
  }
}

// ---- user functions: shared bodies, arguments by need --------------------------------------

namespace {

// Adds a function of one number parameter `x` with `body` (built over Param(0)) to the policy.
std::int32_t AddFunction(ir::Policy& p, const std::string& name, ExprPtr body,
                         std::size_t params = 1) {
  ir::Function f;
  f.name = name;
  for (std::size_t i = 0; i < params; ++i) {
    f.params.push_back("p" + std::to_string(i));
    f.param_types.push_back(Type::Of(TypeKind::Number, true));
  }
  f.type = body->type;
  f.body = std::move(body);
  p.functions.push_back(std::move(f));
  return static_cast<std::int32_t>(p.functions.size() - 1);
}

ExprPtr ParamOf(std::int32_t index, Type type = Type::Of(TypeKind::Number, true)) {
  auto e = Node(Op::Param, type);
  e->index = index;
  return e;
}

ExprPtr CallOf(std::int32_t function, const ir::Policy& p, std::vector<ExprPtr> args) {
  auto e = Node(Op::FnCall, p.functions[static_cast<std::size_t>(function)].type, std::move(args));
  e->index = function;
  return e;
}

// match { y > 0 => 10, else => 20 } with labelled arms, to see in the trace when it is evaluated.
ExprPtr TracedArgument(const ir::Policy& p) {
  std::vector<ir::MatchArm> arms;
  arms.push_back({"pos", Bin(Op::Gt, Field(p, "y"), Num(0)), Num(10)});
  arms.push_back({"other", nullptr, Num(20)});
  return MatchOf(std::move(arms));
}

}  // namespace

TEST_CASE("a function argument is evaluated where its parameter is read, and only there",
          "[interp][fn]") {
  Fixture f;
  const std::int32_t unused = AddFunction(f.policy, "unused", Num(1));
  const std::int32_t once = AddFunction(f.policy, "once", Bin(Op::Add, ParamOf(0), Num(1)));
  const std::int32_t twice = AddFunction(f.policy, "twice", Bin(Op::Add, ParamOf(0), ParamOf(0)));
  InputBuilder in(f.policy);
  in.Position("p0", 1, {{"y", Value::Number(2)}});  // x missing
  Harness h(f.policy, in.input());

  // Never read: not evaluated, so its match picks nothing and nothing is missing.
  CHECK(Number(h.At(CallOf(unused, f.policy, Args(TracedArgument(f.policy))), 0)) == 1);
  CHECK(h.Trace().empty());
  CHECK(Number(h.At(CallOf(unused, f.policy, Args(Field(f.policy, "x"))), 0)) == 1);
  CHECK(h.Missing().empty());

  // Read once: y = 2 > 0 picks `pos` (10), plus 1.
  CHECK(Number(h.At(CallOf(once, f.policy, Args(TracedArgument(f.policy))), 0)) == 11);
  CHECK(h.Trace() == std::vector<std::string>{"pos"});

  // Read twice: 10 + 10, and the pick is in the trace at each read, as if the argument were
  // written at both places.
  CHECK(Number(h.At(CallOf(twice, f.policy, Args(TracedArgument(f.policy))), 0)) == 20);
  CHECK(h.Trace() == std::vector<std::string>{"pos", "pos"});

  // An unknown argument: the result is unknown and names the missing field.
  CHECK_FALSE(h.At(CallOf(twice, f.policy, Args(Field(f.policy, "x"))), 0).known);
  CHECK(h.Missing() == std::vector<std::string>{"x"});
  // ... unless the body does not need it.
  const std::int32_t fallback =
      AddFunction(f.policy, "fallback",
                  Node(Op::Default, Type::Of(TypeKind::Number), Args(ParamOf(0), Num(7))));
  CHECK(Number(h.At(CallOf(fallback, f.policy, Args(Field(f.policy, "x"))), 0)) == 7);
  CHECK(h.Missing().empty());
}

TEST_CASE("a short-circuit in a function body skips the argument it does not need",
          "[interp][fn]") {
  Fixture f;
  // either(c, v) = c or v > 15: with c true the second argument is never evaluated.
  const std::int32_t either = AddFunction(
      f.policy, "either",
      Bin(Op::Or, ParamOf(0, Type::Of(TypeKind::Bool, true)), Bin(Op::Gt, ParamOf(1), Num(15))), 2);
  f.policy.functions[static_cast<std::size_t>(either)].param_types[0] =
      Type::Of(TypeKind::Bool, true);
  InputBuilder in(f.policy);
  in.Position("p0", 1, {{"a", Value::Bool(true)}, {"y", Value::Number(-1)}});
  in.Position("p1", 1, {{"a", Value::Bool(false)}, {"y", Value::Number(-1)}});
  Harness h(f.policy, in.input());
  CHECK(Tri(h.At(CallOf(either, f.policy, Args(Field(f.policy, "a"), TracedArgument(f.policy))),
                 0)) == 'T');
  CHECK(h.Trace().empty());
  // a false: the match is evaluated (y = -1 picks `other`, 20 > 15).
  CHECK(Tri(h.At(CallOf(either, f.policy, Args(Field(f.policy, "a"), TracedArgument(f.policy))),
                 1)) == 'T');
  CHECK(h.Trace() == std::vector<std::string>{"other"});
}

TEST_CASE("nested calls read their parameters in the caller's frame", "[interp][fn]") {
  Fixture f;
  const std::int32_t twice = AddFunction(f.policy, "twice", Bin(Op::Add, ParamOf(0), ParamOf(0)));
  // outer(p0, p1) = twice(p0 * 2) - p1: the inner call's argument reads the outer parameter.
  ExprPtr inner = CallOf(twice, f.policy, Args(Bin(Op::Mul, ParamOf(0), Num(2))));
  const std::int32_t outer =
      AddFunction(f.policy, "outer", Bin(Op::Sub, std::move(inner), ParamOf(1)), 2);
  InputBuilder in(f.policy);
  in.Position("p0", 1, {{"x", Value::Number(3)}, {"y", Value::Number(5)}});
  Harness h(f.policy, in.input());
  // twice(3 * 2) - 5 = 12 - 5 = 7; and a call nested as an argument: outer(outer(3, 5), 1) =
  // twice(7 * 2) - 1 = 27.
  CHECK(Number(h.At(CallOf(outer, f.policy, Args(Field(f.policy, "x"), Field(f.policy, "y"))),
                    0)) == 7);
  CHECK(Number(h.At(
            CallOf(outer, f.policy,
                   Args(CallOf(outer, f.policy, Args(Field(f.policy, "x"), Field(f.policy, "y"))),
                        Num(1))),
            0)) == 27);
}
