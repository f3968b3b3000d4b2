// `collat explain`: for one position, every rule and haircut component in force evaluated on its
// inputs, with its outcome and the fields it missed, then the position's final result. Reads the
// same evaluator as Evaluate(), so an explanation can never disagree with the report.
#pragma once

#include <optional>
#include <string>

#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/report.h"

namespace collat::runtime {

// `position` is a position id, or `ACCOUNT/ID` when the id repeats across accounts. `report` is
// Evaluate(policy, input). Returns nullopt, with `error` set, when no single position matches.
std::optional<std::string> Explain(const ir::Policy& policy, const Input& input,
                                   const Report& report, const std::string& position,
                                   std::string& error);

}  // namespace collat::runtime
