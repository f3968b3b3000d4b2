// The reducer keeps a case that fails for the same reason and never reduces to a blank file. The
// data is the case seed 1002611 generated before the generator compared arms by value: its policy
// has an `unreachable_arm` (`quantity != 1` after `quantity != 100%`).
#include <catch2/catch.hpp>

#include "difftest/diff_runner.h"
#include "difftest/reduce.h"
#include "tests/test_support.h"

namespace collat::difftest {
namespace {

Case FailingCase() {
  return {testing::ReadFile(testing::RepoPath("tests/difftest/data/unreachable_arm/policy.collat")),
          testing::ReadFile(testing::RepoPath("tests/difftest/data/unreachable_arm/input.yaml"))};
}

TEST_CASE("a reduced case fails for the reason the original failed", "[difftest]") {
  auto runner = DiffRunner::Create(false);
  REQUIRE(runner.ok());
  const Case failing = FailingCase();
  const Outcome before = (*runner)->Run(failing.policy, failing.input);
  REQUIRE(before.verdict == Verdict::GeneratorBug);
  REQUIRE(before.reason == "policy:unreachable_arm");
  // A policy cut to its header also fails to check, for another reason: no longer a reduction.
  CHECK((*runner)->Run("", failing.input).reason != before.reason);

  const Case reduced = Reduce(failing, [&](const Case& trial) {
    return (*runner)->Run(trial.policy, trial.input).reason == before.reason;
  });
  const Outcome after = (*runner)->Run(reduced.policy, reduced.input);
  CHECK(after.reason == before.reason);
  CHECK_THAT(after.message, Catch::Contains("unreachable"));
  CHECK(reduced.policy.size() < failing.policy.size());
  CHECK(reduced.policy.find("quantity != 1)") != std::string::npos);
  CHECK(reduced.policy.find("quantity != 100%)") != std::string::npos);
}

TEST_CASE("nothing reduces to a blank policy or input", "[difftest]") {
  const Case reduced = Reduce(FailingCase(), [](const Case&) { return true; });
  CHECK(reduced.policy.find_first_not_of(" \t\r\n") != std::string::npos);
  CHECK(reduced.input.find_first_not_of(" \t\r\n") != std::string::npos);
}

}  // namespace
}  // namespace collat::difftest
