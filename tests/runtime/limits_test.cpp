// Concentration limits against hand-computed results: the collateral_value fixed point of
// docs/language.md 10.3, pro-rata excess, written order, floors, quantity caps, unknown caps.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "runtime/evaluate.h"
#include "runtime/input.h"
#include "runtime/limits.h"
#include "tests/report_snapshot.h"
#include "tests/runtime/ir_builders.h"

namespace {

// -------------------------------------------------------------------------------------------

ir::Limit MakeLimit(const std::string& id, ExprPtr amount, ir::LimitBase base = ir::LimitBase::None,
                    bool is_max = true, ir::LimitOn on = ir::LimitOn::Value) {
  ir::Limit l;
  l.id = id;
  l.amount = std::move(amount);
  l.base = base;
  l.is_max = is_max;
  l.on = on;
  return l;
}

ExprPtr BreachedOf(std::int32_t limit) {
  auto e = Node(Op::Breached, Type::Of(TypeKind::Bool));
  e->index = limit;
  return e;
}

const testing::PositionSnap& Find(const testing::AccountSnap& a, const std::string& id) {
  for (const auto& p : a.positions) {
    if (p.id == id) return p;
  }
  throw std::runtime_error("no position " + id);
}

// issuer: text, sector: text?, quantity: number; account requirement: money, core: money?.
ir::Policy IssuerPolicy() {
  ir::Policy p = MakePolicy();
  p.position_fields.push_back(MakeField("issuer", Type::Of(TypeKind::Text)));
  p.position_fields.push_back(MakeField("sector", Type::Of(TypeKind::Text, true)));
  p.position_fields.push_back(MakeField("quantity", Type::Of(TypeKind::Number)));
  p.account_fields.push_back(MakeField("requirement", Type::Of(TypeKind::Money)));
  p.account_fields.push_back(MakeField("core", Type::Of(TypeKind::Money, true)));
  AcceptAll(p);
  return p;
}

}  // namespace

TEST_CASE("collateral_value fixed point: section 10.3's example and edge cases", "[interp]") {
  using runtime::CollateralFixedPoint;
  // R = 400; A = 600, B = 300, C = 100; 25%: k = 2 stops with (400 + 100) / (1 - 2 x 25%).
  CHECK(CollateralFixedPoint(400, {600, 300, 100}, 0.25) == (400.0 + 100.0) / (1 - 2 * 0.25));
  CHECK(CollateralFixedPoint(400, {600, 300, 100}, 0.25) == 1000);
  CHECK(CollateralFixedPoint(400, {100, 600, 300}, 0.25) == 1000);  // any group order
  // Ties: both groups capped; T = 400 / (1 - 2 x 25%) = 800 = 400 + 200 + 200.
  CHECK(CollateralFixedPoint(400, {300, 300}, 0.25) == 800);
  // No uncovered value and fewer than 1/p groups: nothing satisfies the cap.
  CHECK(CollateralFixedPoint(0, {50, 50}, 0.4) == 0);
  // Nothing capped: T is the plain total.
  CHECK(CollateralFixedPoint(1000, {100, 50}, 0.25) == 1150);
  CHECK(CollateralFixedPoint(0, {}, 0.25) == 0);
}

TEST_CASE("limit by issuer at 25% of collateral_value, excess pro rata", "[interp]") {
  ir::Policy p = IssuerPolicy();
  ir::Limit l = MakeLimit("issuer_share", Pct(0.25), ir::LimitBase::CollateralValue);
  l.by = Field(p, "issuer");
  l.where = Bin(Op::Ne, Field(p, "issuer"), Text("GOV"));
  p.limits.push_back(std::move(l));

  InputBuilder in(p);
  in.Account("A1", {{"requirement", Value::Number(0)}});
  const auto pos = [&](const char* id, double mv, const char* issuer) {
    in.Position(id, mv, {{"issuer", in.T(issuer)}, {"quantity", Value::Number(1)}});
  };
  pos("gov", 400, "GOV");
  pos("a1", 450, "A");
  pos("b", 300, "B");
  pos("a2", 150, "A");
  pos("c", 100, "C");
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  // T = 1,000: A and B count 250 each; A's excess 350 splits 262.5 / 87.5, B's is 50.
  REQUIRE(a.limits.size() == 3);
  CHECK(a.limits[0].group == "A");
  CHECK(a.limits[0].cap == 250);
  CHECK(a.limits[0].used == 600);
  CHECK(a.limits[0].excess == 350);
  CHECK(a.limits[0].breached);
  CHECK(a.limits[1].group == "B");
  CHECK(a.limits[1].excess == 50);
  CHECK(a.limits[2].group == "C");
  CHECK(a.limits[2].excess == 0);
  CHECK_FALSE(a.limits[2].breached);
  CHECK(Find(a, "a1").excess == (350.0 * 450) / 600);
  CHECK(Find(a, "a1").excess == 262.5);
  CHECK(Find(a, "a2").excess == 87.5);
  CHECK(Find(a, "a1").counted_value == 187.5);
  CHECK(Find(a, "b").counted_value == 250);
  CHECK(Find(a, "gov").counted_value == 400);
  CHECK(a.totals.collateral_value == 1000);
  CHECK(a.totals.concentration_excess == 400);
}

TEST_CASE("limits apply in written order, each on what the earlier ones left", "[interp]") {
  ir::Policy p = IssuerPolicy();
  // issuer_cap by issuer max 25% of requirement; equity_cap where sector == "equity" max 500,000.
  ir::Limit issuer = MakeLimit("issuer_cap", Pct(0.25), ir::LimitBase::Expression);
  issuer.by = Field(p, "issuer");
  issuer.base_expr = AccountField(p, "requirement");
  p.limits.push_back(std::move(issuer));
  ir::Limit equity = MakeLimit("equity_cap", Money(500000));
  equity.where = Bin(
      Op::Eq, Node(Op::Default, Type::Of(TypeKind::Text), Args(Field(p, "sector"), Text("none"))),
      Text("equity"));
  p.limits.push_back(std::move(equity));
  ir::Limit unused = MakeLimit("never", Money(1), ir::LimitBase::None, true);
  unused.effective = Day(2099, 1, 1);  // not in force: absent
  p.limits.push_back(std::move(unused));
  AddOutput(p, "issuer_hit", Type::Of(TypeKind::Bool), BreachedOf(0));
  AddOutput(p, "never_hit", Type::Of(TypeKind::Bool), BreachedOf(2));

  InputBuilder in(p);
  in.input().market.valuation_date = Day(2026, 3, 31);
  in.Account("A1", {{"requirement", Value::Number(10000000)}});
  const Value one = Value::Number(1);
  in.Position("bond", 2550000,
              {{"issuer", in.T("ACME")}, {"sector", in.T("debt")}, {"quantity", one}});
  in.Position("shares", 850000,
              {{"issuer", in.T("ACME")}, {"sector", in.T("equity")}, {"quantity", one}});
  in.Position("other", 375000,
              {{"issuer", in.T("XYZ")}, {"sector", in.T("equity")}, {"quantity", one}});
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  // issuer_cap: ACME used 3,400,000 > 2,500,000: 900,000 splits 675,000 / 225,000.
  REQUIRE(a.limits.size() == 3);  // ACME, XYZ, then equity_cap's single group
  CHECK(a.limits[0].cap == 2500000);
  CHECK(a.limits[0].used == 3400000);
  CHECK(a.limits[0].excess == 900000);
  CHECK(a.limits[1].group == "XYZ");
  CHECK(a.limits[1].excess == 0);
  // equity_cap sees shares at 625,000 and other at 375,000: 1,000,000 > 500,000.
  CHECK(a.limits[2].id == "equity_cap");
  CHECK(a.limits[2].group.empty());
  CHECK(a.limits[2].used == 1000000);
  CHECK(a.limits[2].excess == 500000);
  CHECK(Find(a, "bond").excess == 675000);
  CHECK(Find(a, "bond").counted_value == 1875000);
  CHECK(Find(a, "shares").excess == 225000 + (500000.0 * 625000) / 1000000);
  CHECK(Find(a, "shares").counted_value == 312500);
  CHECK(Find(a, "other").counted_value == 187500);
  REQUIRE(a.outputs.size() == 2);
  CHECK(a.outputs[0].boolean);
  CHECK(a.outputs[1].known);
  CHECK_FALSE(a.outputs[1].boolean);  // a limit not in force is not breached
}

TEST_CASE("a floor reports its shortfall and changes nothing", "[interp]") {
  ir::Policy p = IssuerPolicy();
  ir::Limit cash = MakeLimit("cash_floor", Pct(0.2), ir::LimitBase::Expression, false);
  cash.where = Bin(Op::Eq, Field(p, "issuer"), Text("CASH"));
  cash.base_expr = AccountField(p, "requirement");
  p.limits.push_back(std::move(cash));
  ir::Limit gold = MakeLimit("gold_floor", Money(100), ir::LimitBase::None, false);
  gold.where = Bin(Op::Eq, Field(p, "issuer"), Text("GOLD"));  // no member at all
  p.limits.push_back(std::move(gold));
  AddOutput(p, "short", Type::Of(TypeKind::Bool), BreachedOf(0));

  InputBuilder in(p);
  in.Account("A1", {{"requirement", Value::Number(1000000)}});
  in.Position("cash", 150000, {{"issuer", in.T("CASH")}, {"quantity", Value::Number(1)}});
  in.Position("bond", 900000, {{"issuer", in.T("X")}, {"quantity", Value::Number(1)}});
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  REQUIRE(a.limits.size() == 2);
  CHECK_FALSE(a.limits[0].is_max);
  CHECK(a.limits[0].cap == 0.2 * 1000000);
  CHECK(a.limits[0].used == 150000);
  CHECK(a.limits[0].shortfall == 0.2 * 1000000 - 150000);
  CHECK(a.limits[0].excess == 0);
  CHECK(a.limits[0].breached);
  // A limit without `by` has one group even when nothing matches it.
  CHECK(a.limits[1].used == 0);
  CHECK(a.limits[1].shortfall == 100);
  CHECK(Find(a, "cash").counted_value == 150000);
  CHECK(a.totals.concentration_excess == 0);
  CHECK(a.totals.collateral_value == 1050000);
  CHECK(a.outputs.at(0).boolean);
}

TEST_CASE("a quantity cap removes the fraction (used - cap) / used of counted value", "[interp]") {
  ir::Policy p = IssuerPolicy();
  AddComponent(p, "half", Pct(0.5));
  ir::Limit bars =
      MakeLimit("gold_bars", Num(10), ir::LimitBase::None, true, ir::LimitOn::Quantity);
  p.limits.push_back(std::move(bars));
  InputBuilder in(p);
  in.Account("A1", {{"requirement", Value::Number(0)}});
  in.Position("g1", 800, {{"issuer", in.T("G")}, {"quantity", Value::Number(8)}});
  in.Position("g2", 700, {{"issuer", in.T("G")}, {"quantity", Value::Number(7)}});
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  // used 15 bars, cap 10: 5/15 of the counted 400 + 350 = 750 is 250.00. Split 400 : 350 in
  // cents: 13,333.33 and 11,666.67 cents; the leftover cent goes to the larger remainder (g2),
  // so the shares 133.33 + 116.67 add up to 250.00 exactly (15.4).
  REQUIRE(a.limits.size() == 1);
  CHECK(a.limits[0].used == 15);
  CHECK(a.limits[0].cap == 10);
  CHECK(a.limits[0].excess == 250);
  CHECK(Find(a, "g1").excess == 133.33);
  CHECK(Find(a, "g2").excess == 116.67);
  CHECK(Find(a, "g1").counted_value == 266.67);
  CHECK(Find(a, "g2").counted_value == 233.33);
}

TEST_CASE("eligible_value base; an unknown cap changes nothing and breached is unknown",
          "[interp]") {
  ir::Policy p = IssuerPolicy();
  ir::Limit half = MakeLimit("half", Pct(0.5), ir::LimitBase::EligibleValue);
  half.where = Bin(Op::Eq, Field(p, "issuer"), Text("X"));
  p.limits.push_back(std::move(half));
  ir::Limit core = MakeLimit("core_cap", Pct(0.1), ir::LimitBase::Expression);
  core.base_expr = AccountField(p, "core");  // optional and missing below
  p.limits.push_back(std::move(core));
  AddOutput(p, "core_hit", Type::Of(TypeKind::Bool), BreachedOf(1));

  InputBuilder in(p);
  in.Account("A1", {{"requirement", Value::Number(0)}});
  in.Position("x", 700, {{"issuer", in.T("X")}, {"quantity", Value::Number(1)}});
  in.Position("y", 300, {{"issuer", in.T("Y")}, {"quantity", Value::Number(1)}});
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  REQUIRE(a.limits.size() == 2);
  CHECK(a.limits[0].cap == 0.5 * 1000);
  CHECK(a.limits[0].excess == 700 - 0.5 * 1000);
  CHECK(Find(a, "x").counted_value == 500);
  CHECK(a.limits[1].used == 800);  // what half left: 500 + 300
  CHECK(a.limits[1].excess == 0);
  CHECK_FALSE(a.limits[1].breached);
  CHECK(a.totals.collateral_value == 800);
  CHECK_FALSE(a.outputs.at(0).known);
}

TEST_CASE("an unknown `where` or `by` makes the position UNKNOWN before any limit runs",
          "[interp]") {
  ir::Policy p = IssuerPolicy();
  ir::Limit sector = MakeLimit("sector_cap", Money(100));
  sector.by = Field(p, "sector");
  p.limits.push_back(std::move(sector));
  InputBuilder in(p);
  in.Account("A1", {{"requirement", Value::Number(0)}});
  in.Position("known", 300,
              {{"issuer", in.T("X")}, {"sector", in.T("tech")}, {"quantity", Value::Number(1)}});
  in.Position("nosector", 500, {{"issuer", in.T("X")}, {"quantity", Value::Number(1)}});
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  const auto& u = Find(a, "nosector");
  CHECK(u.status == Status::Unknown);
  CHECK(u.missing == std::vector<std::string>{"sector"});
  CHECK(u.reason == "unknown: sector (limit sector_cap)");
  CHECK(u.counted_value == 0);
  CHECK(a.totals.eligible_value == 300);
  CHECK(a.totals.unknown_value == 500);
  REQUIRE(a.limits.size() == 1);
  CHECK(a.limits[0].group == "tech");
  CHECK(a.limits[0].excess == 200);
}
