#include "cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <variant>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/diagnostic_json.h"
#include "cli/file_argument.h"
#include "cli/unified_diff.h"
#include "compiler/ir_dump.h"
#include "grammar/ast_dump.h"
#include "grammar/format.h"
#include "grammar/parse.h"
#include "jit/jit_engine.h"

namespace collat::cli {
namespace {

constexpr int kOk = 0;
constexpr int kUserError = 1;
constexpr int kIoError = 2;

struct Loaded {
  SourceFilePtr source;
  grammar::ParseResult parse;
};

// Reads and parses one file, printing its diagnostics. Sets `exit_code` to the worst outcome.
std::optional<Loaded> Load(const std::string& path, int& exit_code) {
  auto read = ReadSourceOrStdin(path);
  if (auto* d = std::get_if<Diagnostic>(&read)) {
    std::fputs(RenderDiagnostic(*d).c_str(), stderr);
    exit_code = std::max(exit_code, kIoError);
    return std::nullopt;
  }
  Loaded loaded{std::get<SourceFilePtr>(std::move(read)), {}};
  loaded.parse = grammar::Parse(loaded.source);
  SortDiagnostics(loaded.parse.diagnostics);
  std::fputs(RenderDiagnostics(loaded.parse.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.parse.diagnostics)) exit_code = std::max(exit_code, kUserError);
  return loaded;
}

}  // namespace

int RunCheck(const std::vector<std::string>& files, bool strict, bool json,
             const CheckerOptions& options) {
  int exit_code = kOk;
  std::vector<Diagnostic> all;
  for (const std::string& path : files) {
    CompiledPolicy compiled = CompilePolicyArgument(path, options);
    if (!json) std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
    const bool warnings =
        std::any_of(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Warning; });
    if (compiled.io_error) {
      exit_code = std::max(exit_code, kIoError);
    } else if (HasErrors(compiled.diagnostics) || (strict && warnings)) {
      exit_code = std::max(exit_code, kUserError);
    }
    for (Diagnostic& d : compiled.diagnostics)
      all.push_back(std::move(d));
  }
  if (json) {
    const auto count = [&](Severity severity) {
      return std::count_if(all.begin(), all.end(),
                           [&](const Diagnostic& d) { return d.severity == severity; });
    };
    nlohmann::ordered_json doc;
    doc["files"] = files;
    doc["diagnostics"] = DiagnosticsJson(all);
    doc["errors"] = count(Severity::Error);
    doc["warnings"] = count(Severity::Warning);
    fmt::print("{}\n", doc.dump(2));
  }
  return exit_code;
}

int RunFormat(const FormatOptions& options) {
  int exit_code = kOk;
  for (const std::string& path : options.files) {
    const auto loaded = Load(path, exit_code);
    if (!loaded || HasErrors(loaded->parse.diagnostics)) continue;
    const std::string formatted = grammar::Format(*loaded->source, loaded->parse.file);
    const bool changed = formatted != loaded->source->text();
    if (options.check_only) {
      if (!changed) continue;
      if (options.diff) {
        std::fputs(UnifiedDiff(loaded->source->name(), loaded->source->text(), formatted).c_str(),
                   stdout);
      } else {
        fmt::print("{}: not formatted (run `collat fmt {}`)\n", loaded->source->name(), path);
      }
      exit_code = std::max(exit_code, kUserError);
      continue;
    }
    if (IsStdin(path)) {
      std::fputs(formatted.c_str(), stdout);
      continue;
    }
    if (!changed) continue;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << formatted;
    if (!out.flush()) {
      fmt::print(stderr, "collat: error: cannot write `{}` [io_error]\n", path);
      exit_code = std::max(exit_code, kIoError);
    }
  }
  return exit_code;
}

int RunDumpAst(const std::string& file) {
  int exit_code = kOk;
  const auto loaded = Load(file, exit_code);
  if (!loaded || HasErrors(loaded->parse.diagnostics)) return exit_code;
  std::fputs(grammar::DumpAst(*loaded->source, loaded->parse.file).c_str(), stdout);
  return exit_code;
}

}  // namespace collat::cli

namespace collat::cli {

int RunDumpIr(const std::string& file) {
  const CompiledPolicy compiled = CompilePolicyArgument(file);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return kIoError;
  if (!compiled.policy) return kUserError;
  std::fputs(DumpIr(*compiled.policy).c_str(), stdout);
  return kOk;
}

}  // namespace collat::cli

namespace collat::cli {

int RunDumpLlvm(const std::string& file, int opt_level) {
  const CompiledPolicy compiled = CompilePolicyArgument(file);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return kIoError;
  if (!compiled.policy) return kUserError;
  std::fputs(jit::JitEngine::DumpLlvm(*compiled.policy, opt_level).c_str(), stdout);
  return kOk;
}

}  // namespace collat::cli
