// Renders diagnostics for a terminal: `file:line:col: severity: message [kind]`, the source line
// and a caret under the range. Tabs in the source line are expanded to 4-column stops and columns
// count code points, so the caret lines up under tabs and multi-byte UTF-8 text.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace collat {

std::string RenderDiagnostic(const Diagnostic& diagnostic);
std::string RenderDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace collat
