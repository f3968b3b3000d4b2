// Renders explanations (explanation.h) as the text of `collat explain` (docs/language.md 18.3).
// Deterministic; lines have no trailing spaces and the text ends in a newline.
#pragma once

#include <string>

#include "runtime/explanation.h"

namespace collat::runtime {

std::string RenderPositionText(const PositionExplanation& e);
std::string RenderAccountText(const AccountExplanation& e);

}  // namespace collat::runtime
