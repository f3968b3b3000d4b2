// Tiered haircuts against hand-computed results: the OKX example of docs/language.md section 9,
// whole mode, value measures and attribution to the members of a group.
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
#include "runtime/tiers.h"
#include "tests/report_snapshot.h"
#include "tests/runtime/ir_builders.h"

namespace {

// -------------------------------------------------------------------------------------------

ir::Tiers MakeTiers(const std::string& id, ir::TierMeasure measure, ir::TierMode mode,
                    std::vector<ir::TierBand> bands) {
  ir::Tiers t;
  t.id = id;
  t.measure = measure;
  t.mode = mode;
  t.bands = std::move(bands);
  return t;
}

// OKX BTC: `<= 20: keep 98%`, `<= 25: keep 97.75%`, `else: keep 0%` (kept ratios, as written).
ir::Tiers Okx(ir::TierMode mode) {
  return MakeTiers("okx_btc", ir::TierMeasure::Quantity, mode,
                   {{ir::BandOp::Le, 20, 0.98, true},
                    {ir::BandOp::Le, 25, 0.9775, true},
                    {ir::BandOp::Else, 0, 0.0, true}});
}

const testing::PositionSnap& Find(const testing::AccountSnap& a, const std::string& id) {
  for (const auto& p : a.positions) {
    if (p.id == id) return p;
  }
  throw std::runtime_error("no position " + id);
}

}  // namespace

TEST_CASE("tiers: the OKX example, progressive (section 9)", "[interp]") {
  const double t = runtime::TierRate(Okx(ir::TierMode::Progressive), 30);
  // 20 x 0.98 + 5 x 0.9775 + 5 x 0 = 24.4875 kept out of 30.
  CHECK(t == 1 - (20 * 0.98 + 5 * 0.9775 + 5 * 0.0) / 30);
  CHECK(t == 0.18374999999999997);  // the binary64 value docs/language.md states
  // 22 BTC progressively: 19.6 + 2 x 0.9775 = 21.555 kept.
  CHECK(runtime::TierRate(Okx(ir::TierMode::Progressive), 22) == 1 - (20 * 0.98 + 2 * 0.9775) / 22);
  // Within the first band.
  CHECK(runtime::TierRate(Okx(ir::TierMode::Progressive), 10) == 1 - (10 * 0.98) / 10);
  // A measure of 0 takes the first band's haircut rate.
  CHECK(runtime::TierRate(Okx(ir::TierMode::Progressive), 0) == 1 - 0.98);
}

TEST_CASE("tiers: plain haircut rates keep slice - slice x rate", "[interp]") {
  const auto plain = [](ir::TierMode mode) {
    return MakeTiers("t", ir::TierMeasure::Quantity, mode,
                     {{ir::BandOp::Le, 10, 0.02, false}, {ir::BandOp::Else, 0, 0.1, false}});
  };
  CHECK(runtime::TierRate(plain(ir::TierMode::Progressive), 15) ==
        1 - ((10 - 10 * 0.02) + (5 - 5 * 0.1)) / 15);
  CHECK(runtime::TierRate(plain(ir::TierMode::Whole), 15) == 1 - (15 - 15 * 0.1) / 15);
  CHECK(runtime::TierRate(plain(ir::TierMode::Whole), 10) == 1 - (10 - 10 * 0.02) / 10);
  CHECK(runtime::TierRate(plain(ir::TierMode::Progressive), 0) == 0.02);
}

TEST_CASE("tiers: whole mode takes the band the whole measure falls in", "[interp]") {
  const ir::Tiers whole = Okx(ir::TierMode::Whole);
  CHECK(runtime::TierRate(whole, 30) == 1);                       // beyond 25: keep 0%
  CHECK(runtime::TierRate(whole, 22) == 1 - (0.9775 * 22) / 22);  // 21.505 kept
  CHECK(runtime::TierRate(whole, 20) == 1 - (0.98 * 20) / 20);    // `<= 20` holds at 20
  CHECK(runtime::TierRate(whole, 0) == 1 - 0.98);

  // `<` versus `<=` at the bound: whole mode moves to the next band, progressive does not care.
  const auto lt = [](ir::TierMode mode) {
    return MakeTiers("t", ir::TierMeasure::Quantity, mode,
                     {{ir::BandOp::Lt, 20, 0.98, true}, {ir::BandOp::Else, 0, 0.5, true}});
  };
  CHECK(runtime::TierRate(lt(ir::TierMode::Whole), 20) == 1 - (0.5 * 20) / 20);
  CHECK(runtime::TierRate(lt(ir::TierMode::Progressive), 20) ==
        runtime::TierRate(Okx(ir::TierMode::Progressive), 20));
}

TEST_CASE("tiers: attributed to every eligible member of the group pro rata", "[interp]") {
  ir::Policy p = MakePolicy();
  p.position_fields.push_back(MakeField("asset", Type::Of(TypeKind::Text, true)));
  p.position_fields.push_back(MakeField("quantity", Type::Of(TypeKind::Number)));
  p.position_fields.push_back(MakeField("locked", Type::Of(TypeKind::Bool)));
  AcceptAll(p);
  AddRule(p, "locked", ir::Verb::Reject, Field(p, "locked"));
  ir::Tiers okx = Okx(ir::TierMode::Progressive);
  okx.when = Bin(Op::Eq, Field(p, "asset"), Text("BTC"));
  okx.group_by = Field(p, "asset");
  p.tiers.push_back(std::move(okx));

  InputBuilder in(p);
  const auto btc = in.T("BTC");
  const Value no = Value::Bool(false);
  // 18 and 12 BTC at 60,000 USD; a locked (ineligible) BTC position does not count.
  in.Position("b1", 1080000, {{"asset", btc}, {"quantity", Value::Number(18)}, {"locked", no}});
  in.Position("eth", 300000,
              {{"asset", in.T("ETH")}, {"quantity", Value::Number(100)}, {"locked", no}});
  in.Position("b2", 720000, {{"asset", btc}, {"quantity", Value::Number(12)}, {"locked", no}});
  in.Position("b3", 720000,
              {{"asset", btc}, {"quantity", Value::Number(12)}, {"locked", Value::Bool(true)}});
  in.Position("what", 5000, {{"quantity", Value::Number(1)}, {"locked", no}});  // asset missing
  const testing::ReportSnap r = testing::EvaluateSnap(p, in.input());
  const testing::AccountSnap& a = r.accounts.at(0);

  // t = 1 - (20 x 0.98 + 5 x 0.9775 + 5 x 0) / 30 = 1 - 24.4875 / 30 = 0.18375 exactly in decimal;
  // the rate is quantised to 12 places (15.4), so binary artefacts of the division are gone, and
  // the adjusted values are 1,080,000 x 0.81625 and 720,000 x 0.81625 to the cent.
  const auto& b1 = Find(a, "b1");
  REQUIRE(b1.components.size() == 1);
  CHECK(b1.components[0].id == "okx_btc");
  CHECK(b1.components[0].kind == ComponentKind::Haircut);
  CHECK(b1.components[0].value == 0.18375);
  CHECK(b1.adjusted_value == 881550);
  CHECK(Find(a, "b2").adjusted_value == 587700);
  CHECK(Find(a, "eth").components.empty());
  CHECK(Find(a, "eth").adjusted_value == 300000);
  CHECK(Find(a, "b3").status == Status::Ineligible);
  CHECK(Find(a, "b3").components.empty());

  const auto& what = Find(a, "what");
  CHECK(what.status == Status::Unknown);
  CHECK(what.missing == std::vector<std::string>{"asset"});
  CHECK(what.reason == "unknown: asset (tiers okx_btc)");
  CHECK(what.adjusted_value == 0);
}

TEST_CASE("tiers: value measure, whole mode, groups by key, added to other haircuts", "[interp]") {
  ir::Policy p = MakePolicy();
  p.position_fields.push_back(MakeField("asset", Type::Of(TypeKind::Text)));
  AcceptAll(p);
  AddComponent(p, "base", Pct(0.1));
  ir::Tiers t = MakeTiers("bnx", ir::TierMeasure::Value, ir::TierMode::Whole,
                          {{ir::BandOp::Lt, 13000000, 1.0, true},
                           {ir::BandOp::Lt, 20000000, 0.975, true},
                           {ir::BandOp::Else, 0, 0.0, true}});
  t.group_by = Field(p, "asset");
  p.tiers.push_back(std::move(t));

  InputBuilder in(p);
  in.Position("bnx1", 10000000, {{"asset", in.T("BNX")}});
  in.Position("xyz", 1000000, {{"asset", in.T("XYZ")}});
  in.Position("bnx2", 5000000, {{"asset", in.T("BNX")}});
  const testing::AccountSnap a = testing::EvaluateSnap(p, in.input()).accounts.at(0);

  // BNX: 15,000,000 falls in `< 20,000,000: keep 97.5%`; XYZ: 1,000,000 keeps 100%.
  // The tier rates are 2.5% and 0% (quantised to 12 places, 15.4); with the base 10% the kept
  // fractions are 87.5% and 90%: 8,750,000, 4,375,000 and 900,000 to the cent.
  const auto& bnx1 = Find(a, "bnx1");
  REQUIRE(bnx1.components.size() == 2);
  CHECK(bnx1.components[0].id == "base");
  CHECK(bnx1.components[1].id == "bnx");
  CHECK(bnx1.components[1].value == 0.025);
  CHECK(bnx1.adjusted_value == 8750000);
  CHECK(Find(a, "bnx2").adjusted_value == 4375000);
  CHECK(Find(a, "xyz").components[1].value == 0);
  CHECK(Find(a, "xyz").adjusted_value == 900000);
}
