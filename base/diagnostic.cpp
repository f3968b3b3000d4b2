#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace collat {

std::string_view KindName(DiagnosticKind kind) {
  switch (kind) {
#define COLLAT_DIAGNOSTIC(name, phase, severity) \
  case DiagnosticKind::name:                     \
    return #name;
#include "base/diagnostic_kinds.def"
#undef COLLAT_DIAGNOSTIC
  }
  return "unknown";
}

Phase KindPhase(DiagnosticKind kind) {
  switch (kind) {
#define COLLAT_DIAGNOSTIC(name, phase, severity) \
  case DiagnosticKind::name:                     \
    return Phase::phase;
#include "base/diagnostic_kinds.def"
#undef COLLAT_DIAGNOSTIC
  }
  return Phase::Parse;
}

Severity DefaultSeverity(DiagnosticKind kind) {
  switch (kind) {
#define COLLAT_DIAGNOSTIC(name, phase, severity) \
  case DiagnosticKind::name:                     \
    return Severity::severity;
#include "base/diagnostic_kinds.def"
#undef COLLAT_DIAGNOSTIC
  }
  return Severity::Error;
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

const std::vector<DiagnosticKind>& AllDiagnosticKinds() {
  static const std::vector<DiagnosticKind> kinds = {
#define COLLAT_DIAGNOSTIC(name, phase, severity) DiagnosticKind::name,
#include "base/diagnostic_kinds.def"
#undef COLLAT_DIAGNOSTIC
  };
  return kinds;
}

Diagnostic MakeDiagnostic(DiagnosticKind kind, SourceFilePtr file, SourceRange range,
                          std::string message) {
  Diagnostic d;
  d.kind = kind;
  d.severity = DefaultSeverity(kind);
  d.file = std::move(file);
  d.range = range;
  d.message = std::move(message);
  return d;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void SortDiagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     const std::string_view an = a.file ? a.file->name() : std::string_view();
                     const std::string_view bn = b.file ? b.file->name() : std::string_view();
                     return std::tuple(an, a.range.begin, KindName(a.kind)) <
                            std::tuple(bn, b.range.begin, KindName(b.kind));
                   });
}

}  // namespace collat
