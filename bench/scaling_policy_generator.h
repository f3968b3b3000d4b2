// Generates the scaling benchmark's policies (issue 9: evaluation and compilation near-linear in
// the number of rules, arms, bands and limits): one policy per shape, with N items of that shape,
// and an input whose positions each hit one chosen item, so that what each position's result must
// be follows from the construction alone (ExpectedPosition), without evaluating the policy.
//
// Shapes, each over one schema (issuer: text, quantity: number, market_value: money):
// - Rules: N eligibility rules of three kinds (accept by issuer, accept by a quantity range, reject
//   by an issuer set with a reason); every tenth accept has a second, future version.
// - Arms: one haircut `match` of N labelled arms (by issuer, or by a quantity range), then `else`.
// - Bands: one haircut `schedule quantity` of N ascending bands, then `else`.
// - Limits: N limits, each on the positions of one issuer (some `by issuer`, some a percent of
//   the account's requirement), capping them below their adjusted value or not.
//
// Positions spread evenly over the items (the first targets item 0, the last item N-1), so an
// engine that scans items in order does N/2 of them per position on average; two more positions
// hit no item. Every position has market value 1,000 USD.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace collat::bench {

enum class ScalingShape { Rules, Arms, Bands, Limits };

// "rules", "arms", "bands", "limits".
const char* ScalingShapeName(ScalingShape shape);

struct ExpectedPosition {
  std::string id;
  bool eligible = false;
  std::vector<std::string> rules;  // the deciding rule ids, as the report lists them
  std::string reason;              // the report's reason
  double haircut = 0;              // the haircut component's rate (eligible positions)
  std::string arm;                 // the match arm label (Arms shape), else ""
  double adjusted_value = 0;       // USD, eligible positions
  double excess = 0;               // USD removed by limits
};

struct ScalingCase {
  std::string policy;  // policy text
  std::string input;   // input YAML (positions inline)
  std::size_t positions = 0;
  std::vector<ExpectedPosition> expected;  // in input order
};

// `items` >= 1 items of `shape`, `positions` >= 1 targeted positions (plus two that hit none).
ScalingCase GenerateScalingCase(ScalingShape shape, std::size_t items, std::size_t positions);

}  // namespace collat::bench
