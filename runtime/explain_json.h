// Renders explanations (explanation.h) as the JSON object of `collat explain --format json`
// (docs/language.md 18.3): keys in a fixed order, two-space indent, ending in a newline.
#pragma once

#include <string>

#include "runtime/explanation.h"

namespace collat::runtime {

std::string RenderPositionJson(const PositionExplanation& e);
std::string RenderAccountJson(const AccountExplanation& e);

}  // namespace collat::runtime
