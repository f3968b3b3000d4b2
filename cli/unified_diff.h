// A unified diff of two texts (`collat fmt --check --diff`), computed with dtl (libdtl-dev).
#pragma once

#include <string>
#include <string_view>

namespace collat::cli {

// "--- NAME\n+++ NAME\n" then one "@@ -a,b +c,d @@" hunk per group of changed lines with up to 3
// lines of context, as `patch -p0` applies them; a last line without a newline is followed by
// "\ No newline at end of file". Empty when the texts are equal.
std::string UnifiedDiff(const std::string& name, std::string_view before, std::string_view after);

}  // namespace collat::cli
