// The checker keeps each `rebalance` block as a typed ir::Rebalance (docs/language.md 12): every
// item in its context and type, what the block does not give left empty.
#include <catch2/catch.hpp>

#include "compiler/ir_dump.h"
#include "compiler/load_program.h"
#include "program/compile.h"

namespace collat {
namespace {

constexpr const char* kPolicy = R"(policy p { version "1" currency USD }
enum Grade ordered { high, low }
position {
  quantity:     number
  market_value: money
  funding_rate: percent = 0%
  lot_size:     number  = 1
  grade:        Grade   = high
  desk:         text    = "main"
}
account {
  requirement: money
}
market {
  funding_spread: percent = 0%
}
fn doubled(x: percent): percent = x * 2
eligibility {
  accept all when true
}
limit big by desk max 50% of collateral_value
output delivery: money = max(0, requirement - collateral_value)
output coverage: number = if requirement > 0 USD then collateral_value / requirement else 1e9
rebalance restore when delivery > 0 USD or breached(big) {
  target     requirement * 102%
  top_up     from inventory
  substitute ineligible, over_limit
  cost       doubled(funding_rate) + funding_spread
  lot        lot_size
  min_move   100_000 USD
  max_moves  10
}
rebalance cover when coverage < 1.1 and requirement > 0 USD {
  target    coverage >= 1.25
  release   above requirement * 105%
  liquidate by grade desc, market_value
  cost      if desk == "repo" then 1% else 2%
}
rebalance give_back when coverage > 2 {
  target  requirement
  release
}
)";

TEST_CASE("each rebalance block becomes a typed ir::Rebalance", "[rebalance]") {
  const CompiledPolicy compiled = program::CompileText(kPolicy, "rebalance.collat");
  REQUIRE(compiled.policy);
  const ir::Policy& p = *compiled.policy;
  REQUIRE(p.rebalances.size() == 3);

  const ir::Rebalance& restore = p.rebalances[0];
  CHECK(restore.name == "restore");
  REQUIRE(restore.file);
  CHECK(restore.file->name() == "rebalance.collat");
  CHECK(restore.trigger->type.kind == ir::TypeKind::Bool);
  CHECK(restore.trigger->op == ir::Op::Or);
  CHECK(restore.trigger->args[1]->op == ir::Op::Breached);
  CHECK_FALSE(restore.target_is_condition);
  CHECK(restore.target->type.kind == ir::TypeKind::Money);
  CHECK(restore.top_up == "inventory");
  CHECK(restore.substitute_ineligible);
  CHECK(restore.substitute_over_limit);
  CHECK_FALSE(restore.release);
  CHECK(restore.release_above == nullptr);
  CHECK(restore.liquidate.empty());
  REQUIRE(restore.cost);
  CHECK(restore.cost->type.kind == ir::TypeKind::Percent);
  // The user function the cost calls survives the pruning of unused bodies.
  REQUIRE(restore.cost->args[0]->op == ir::Op::FnCall);
  const auto fn = static_cast<std::size_t>(restore.cost->args[0]->index);
  REQUIRE(fn < p.functions.size());
  CHECK(p.functions[fn].name == "doubled");
  REQUIRE(restore.lot);
  CHECK(restore.lot->op == ir::Op::PositionField);
  REQUIRE(restore.min_move);
  CHECK(restore.min_move->op == ir::Op::Const);
  CHECK(restore.min_move->constant.number == 100000);
  REQUIRE(restore.max_moves);
  CHECK(restore.max_moves->constant.number == 10);
  std::vector<ir::RebalanceItem> items;
  for (const ir::Rebalance::Given& given : restore.items)
    items.push_back(given.item);
  CHECK(items == std::vector<ir::RebalanceItem>{
                     ir::RebalanceItem::Target, ir::RebalanceItem::TopUp,
                     ir::RebalanceItem::Substitute, ir::RebalanceItem::Cost, ir::RebalanceItem::Lot,
                     ir::RebalanceItem::MinMove, ir::RebalanceItem::MaxMoves});
  // Items point at their lines: `target` is on line 25, `max_moves` on 31.
  CHECK(restore.file->Locate(restore.items.front().range.begin).line == 25);
  CHECK(restore.file->Locate(restore.items.back().range.begin).line == 31);

  const ir::Rebalance& cover = p.rebalances[1];
  CHECK(cover.target_is_condition);
  CHECK(cover.target->type.kind == ir::TypeKind::Bool);
  CHECK(cover.top_up.empty());
  CHECK(cover.release);
  REQUIRE(cover.release_above);
  CHECK(cover.release_above->type.kind == ir::TypeKind::Money);
  REQUIRE(cover.liquidate.size() == 2);
  CHECK(cover.liquidate[0].descending);
  CHECK(cover.liquidate[0].key->type.kind == ir::TypeKind::Enum);
  CHECK_FALSE(cover.liquidate[1].descending);
  CHECK(cover.liquidate[1].key->type.kind == ir::TypeKind::Money);
  CHECK(cover.lot == nullptr);
  CHECK(cover.min_move == nullptr);
  CHECK(cover.max_moves == nullptr);

  const ir::Rebalance& give_back = p.rebalances[2];
  CHECK(give_back.release);
  CHECK(give_back.release_above == nullptr);  // down to the target
  CHECK(give_back.cost == nullptr);

  // Text constants of rebalance expressions have slots like every other expression's.
  const ir::Expr& desk_test = *cover.cost->args[0];
  REQUIRE(desk_test.op == ir::Op::Eq);
  const ir::Expr& repo = *desk_test.args[1];
  REQUIRE(repo.op == ir::Op::Const);
  REQUIRE(repo.index >= 0);
  CHECK(p.text_constants[static_cast<std::size_t>(repo.index)] == "repo");
}

TEST_CASE("the IR dump prints rebalances after the outputs", "[rebalance]") {
  const CompiledPolicy compiled = program::CompileText(kPolicy, "rebalance.collat");
  REQUIRE(compiled.policy);
  const std::string dump = DumpIr(*compiled.policy);
  const auto output = dump.find("output coverage");
  const auto restore = dump.find("rebalance restore\n  when\n");
  REQUIRE(output != std::string::npos);
  REQUIRE(restore != std::string::npos);
  CHECK(output < restore);
  CHECK(dump.find("  top_up from inventory\n  substitute ineligible over_limit\n") !=
        std::string::npos);
  CHECK(dump.find("rebalance cover\n") != std::string::npos);
  CHECK(dump.find("  target condition\n") != std::string::npos);
  CHECK(dump.find("  liquidate by desc\n") != std::string::npos);
  CHECK(dump.find("rebalance give_back\n") != std::string::npos);
  CHECK(dump.find("  release above target\n") != std::string::npos);
}

TEST_CASE("a rebalance without target, or with an item twice, does not check", "[rebalance]") {
  const CompiledPolicy compiled = program::CompileText(R"(policy p { version "1" currency USD }
position {
  quantity:     number
  market_value: money
}
account {
  requirement: money
}
eligibility {
  accept all when true
}
rebalance r when collateral_value < requirement {
  top_up from inventory
  lot    1
  lot    2
}
)",
                                                       "bad.collat");
  CHECK_FALSE(compiled.policy);
  std::vector<std::string> messages;
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.kind == DiagnosticKind::invalid_rebalance) messages.push_back(d.message);
  }
  // In source order: the block's name (line 12) before the second `lot` (line 15).
  CHECK(messages == std::vector<std::string>{"rebalance `r` has no `target` (what the moves "
                                             "must reach)",
                                             "`lot` is given twice in rebalance `r`"});
}

}  // namespace
}  // namespace collat
