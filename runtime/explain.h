// `collat explain`: explanations of one position or one account (explanation.h), built with the
// same evaluator as Evaluate(), so an explanation never disagrees with the report.
#pragma once

#include <optional>
#include <string>

#include "compiler/ir.h"
#include "runtime/explanation.h"
#include "runtime/input.h"
#include "runtime/report_build.h"

namespace collat::runtime {

// `position` is a position id, or `ACCOUNT/ID` when the id repeats across accounts. `report` is
// Evaluate(policy, input). Returns nullopt, with `error` set, when no single position matches.
std::optional<PositionExplanation> ExplainPosition(const ir::Policy& policy, const Input& input,
                                                   const Report& report,
                                                   const std::string& position, std::string& error);

// The account with id `account`: its outputs in written order (source, reads, steps, value) and
// its limit entries with the positions each excess was taken from. The account is evaluated
// again step by step, once per limit in force (each run with the limits up to that one), to
// attribute each limit's excess; the results are the report's. Returns nullopt, with `error`
// set, when no account has that id.
std::optional<AccountExplanation> ExplainAccount(const ir::Policy& policy, const Input& input,
                                                 const Report& report, const std::string& account,
                                                 std::string& error);

}  // namespace collat::runtime
