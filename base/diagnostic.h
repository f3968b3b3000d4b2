// Diagnostics are values: a kind from the registry, a severity, a located range, a message and
// notes. Phases return them; rendering them for a terminal is a separate job (render.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"

namespace collat {

enum class DiagnosticKind {
#define COLLAT_DIAGNOSTIC(name, phase, severity) name,
#include "base/diagnostic_kinds.def"
#undef COLLAT_DIAGNOSTIC
};

enum class Severity { Error, Warning, Note };

// Which phase reports a kind (used by tests to demand a golden case per parse kind).
enum class Phase { Io, Lex, Parse, Check };

std::string_view KindName(DiagnosticKind kind);
Phase KindPhase(DiagnosticKind kind);
Severity DefaultSeverity(DiagnosticKind kind);
std::string_view SeverityName(Severity severity);
// Every kind in registry order.
const std::vector<DiagnosticKind>& AllDiagnosticKinds();

struct DiagnosticNote {
  SourceFilePtr file;  // may be null for a note without a location
  SourceRange range;
  std::string message;
};

struct Diagnostic {
  DiagnosticKind kind = DiagnosticKind::syntax_error;
  Severity severity = Severity::Error;
  SourceFilePtr file;  // may be null when no file is involved (a usage error)
  SourceRange range;
  std::string message;  // lower-case, code in backticks, no trailing period
  std::vector<DiagnosticNote> notes;
};

// Builds a diagnostic with the kind's default severity.
Diagnostic MakeDiagnostic(DiagnosticKind kind, SourceFilePtr file, SourceRange range,
                          std::string message);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// Orders diagnostics by file name, then offset, then kind name: a deterministic report order.
void SortDiagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace collat
