#include "api/diagnostics.h"

#include <utility>

#include "base/render.h"

namespace collat::api {
namespace {

DiagnosticSeverity ToSeverity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return DiagnosticSeverity::Error;
    case Severity::Warning:
      return DiagnosticSeverity::Warning;
    case Severity::Note:
      return DiagnosticSeverity::Note;
  }
  return DiagnosticSeverity::Error;
}

}  // namespace

DiagnosticInfo ToInfo(const Diagnostic& diagnostic) {
  DiagnosticInfo info;
  if (diagnostic.file) {
    info.file = diagnostic.file->name();
    const LineColumn begin = diagnostic.file->Locate(diagnostic.range.begin);
    const LineColumn end = diagnostic.file->Locate(diagnostic.range.end);
    info.line = begin.line;
    info.column = begin.column;
    info.end_line = end.line;
    info.end_column = end.column;
  }
  info.severity = ToSeverity(diagnostic.severity);
  info.code = std::string(KindName(diagnostic.kind));
  info.message = diagnostic.message;
  for (const DiagnosticNote& note : diagnostic.notes) {
    DiagnosticNoteInfo out;
    if (note.file) {
      out.file = note.file->name();
      const LineColumn at = note.file->Locate(note.range.begin);
      out.line = at.line;
      out.column = at.column;
    }
    out.message = note.message;
    info.notes.push_back(std::move(out));
  }
  info.rendered = RenderDiagnostic(diagnostic);
  return info;
}

std::vector<DiagnosticInfo> ToInfos(const std::vector<Diagnostic>& diagnostics) {
  std::vector<DiagnosticInfo> out;
  out.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics)
    out.push_back(ToInfo(d));
  return out;
}

ErrorInfo MakeError(ErrorCode code, std::string message, std::vector<DiagnosticInfo> diagnostics) {
  return ErrorInfo{code, std::move(message), std::move(diagnostics)};
}

ErrorInfo InternalError(const char* what) {
  return MakeError(ErrorCode::Internal, std::string("internal error: ") + what);
}

}  // namespace collat::api
