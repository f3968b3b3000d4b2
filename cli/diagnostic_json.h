// Diagnostics as JSON, for `collat check --format json` and `collat test --format json`
// (docs/language.md 16.1, "As JSON").
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"

namespace collat::cli {

// {"file", "line", "column", "end": {"line", "column"}, "severity", "kind", "message", "notes"}.
// Lines and columns are 1-based, columns count code points (as in the rendered form); `end` is
// the position just past the range. A diagnostic without a source file (an I/O error) has
// `file`, `line`, `column` and `end` null. Each note has `file`, `line`, `column`, `end` and
// `message`.
nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic);
nlohmann::ordered_json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics);

}  // namespace collat::cli
