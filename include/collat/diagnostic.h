// A problem found in a policy (or an input file) as a plain value: where, how bad, which kind,
// what, and the same text `collat check` prints (location line, source line and caret). The public
// types are named *Info because the engine's own namespace already has a Diagnostic and an Error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace collat {

enum class DiagnosticSeverity { Error, Warning, Note };

struct DiagnosticNoteInfo {
  std::string file;          // empty for a note without a location
  std::uint32_t line = 0;    // 1-based; 0 without a location
  std::uint32_t column = 0;  // 1-based, in code points
  std::string message;
};

struct DiagnosticInfo {
  std::string file;          // the file's display name; empty when no file is involved
  std::uint32_t line = 0;    // 1-based; 0 when there is no source location
  std::uint32_t column = 0;  // 1-based, counting code points; 0 when there is no location
  std::uint32_t end_line = 0;
  std::uint32_t end_column = 0;  // one past the range's last code point
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  std::string code;     // the stable kind name of docs/language.md (`syntax_error`, `unknown_name`)
  std::string message;  // lower-case, code in backticks
  std::vector<DiagnosticNoteInfo> notes;
  std::string rendered;  // `file:line:col: severity: message [code]`, source line, caret, notes
};

// "error", "warning" or "note".
const char* DiagnosticSeverityName(DiagnosticSeverity severity);

}  // namespace collat
