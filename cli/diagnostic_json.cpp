#include "cli/diagnostic_json.h"

#include <algorithm>
#include <string>

namespace collat::cli {
namespace {

void Location(nlohmann::ordered_json& j, const SourceFilePtr& file, SourceRange range) {
  if (!file) {
    j["file"] = nullptr;
    j["line"] = nullptr;
    j["column"] = nullptr;
    j["end"] = nullptr;
    return;
  }
  const LineColumn begin = file->Locate(range.begin);
  const LineColumn end = file->Locate(std::max(range.end, range.begin));
  j["file"] = file->name();
  j["line"] = begin.line;
  j["column"] = begin.column;
  j["end"] = {{"line", end.line}, {"column", end.column}};
}

}  // namespace

nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic) {
  nlohmann::ordered_json j;
  Location(j, diagnostic.file, diagnostic.range);
  j["severity"] = std::string(SeverityName(diagnostic.severity));
  j["kind"] = std::string(KindName(diagnostic.kind));
  j["message"] = diagnostic.message;
  j["notes"] = nlohmann::ordered_json::array();
  for (const DiagnosticNote& note : diagnostic.notes) {
    nlohmann::ordered_json n;
    Location(n, note.file, note.range);
    n["message"] = note.message;
    j["notes"].push_back(std::move(n));
  }
  return j;
}

nlohmann::ordered_json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics)
    list.push_back(DiagnosticJson(d));
  return list;
}

}  // namespace collat::cli
