// Reads a file into a SourceFile. I/O problems (missing file, a directory, unreadable, larger than
// the limit) come back as an `io_error` / `file_too_large` diagnostic, never as an exception.
#pragma once

#include <string>
#include <variant>

#include "base/diagnostic.h"

namespace collat {

// Largest file collat reads: a policy or data file beyond this is refused.
inline constexpr std::uintmax_t kMaxSourceBytes = 64ULL * 1024 * 1024;

std::variant<SourceFilePtr, Diagnostic> ReadSourceFile(const std::string& path);

}  // namespace collat
