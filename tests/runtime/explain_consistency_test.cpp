// Explanations agree with the report on every shipped policy's example input: each eligible
// position's traced component values are the report's rates, the rules' outcomes give the
// report's status, each limit group's excess is the sum of what it took from its positions, and
// each position's excess is the sum of what the limits took from it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/explain.h"
#include "runtime/load_input.h"
#include "tests/report_snapshot.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

bool Near(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

void CheckPolicy(const std::string& name) {
  const CompiledPolicy compiled =
      program::CompileFile(testing::RepoPath("policies/" + name + ".collat"));
  REQUIRE(compiled.policy);
  LoadResult loaded =
      LoadInput(*compiled.policy, testing::RepoPath("examples/inputs/" + name + ".yaml"));
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const auto input = std::make_shared<const Input>(std::move(loaded.input));
  const Report report = Evaluate(*compiled.policy, input);
  for (const testing::AccountSnap& account : testing::Snapshot(report).accounts) {
    std::string error;
    const auto a = ExplainAccount(*compiled.policy, *input, report, account.id, error);
    REQUIRE(a);
    REQUIRE(a->limits.size() == account.limits.size());
    for (const LimitExplanation& limit : a->limits) {
      INFO(account.id << " limit " << limit.result.id << " " << limit.result.group);
      double taken = 0;
      for (const Attribution& share : limit.attributed)
        taken += share.share;
      CHECK(Near(taken, limit.result.excess));
    }
    REQUIRE(a->outputs.size() == account.outputs.size());
    for (std::size_t i = 0; i < account.outputs.size(); ++i) {
      INFO(account.id << " output " << account.outputs[i].name);
      CHECK(a->outputs[i].value.value.value.known == account.outputs[i].known);
    }
    for (const testing::PositionSnap& p : account.positions) {
      INFO(account.id << "/" << p.id);
      const auto e =
          ExplainPosition(*compiled.policy, *input, report, account.id + "/" + p.id, error);
      REQUIRE(e);
      double taken = 0;
      for (const LimitShare& share : e->excess_by_limit)
        taken += share.excess;
      CHECK(Near(taken, p.excess));
      if (p.status == Status::Rejected) continue;
      CHECK(e->decision.held.size() + e->decision.failed.size() + e->decision.unknown.size() ==
            e->rules.size());
      // The report's rules are the ones that held (eligible, vetoed), or held or were unknown.
      const auto in = [](const std::vector<std::string>& ids, const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
      };
      for (const std::string& rule : p.rules) {
        CHECK((in(e->decision.held, rule) ||
               (p.status == Status::Unknown && in(e->decision.unknown, rule))));
      }
      if (p.status != Status::Eligible) continue;
      for (const testing::ComponentSnap& c : p.components) {
        for (const ComponentExplanation& x : e->components) {
          if (x.id == c.id) CHECK(Near(x.value.value.value.number, c.value));
        }
      }
    }
  }
}

TEST_CASE("explanations agree with the report on every example", "[runtime][explain]") {
  for (const char* name : {"us_uncleared_margin", "basel_comprehensive", "cme_performance_bond",
                           "crypto_tiered", "defi_lending"}) {
    DYNAMIC_SECTION(name) {
      CheckPolicy(name);
    }
  }
}

}  // namespace
}  // namespace collat::runtime
