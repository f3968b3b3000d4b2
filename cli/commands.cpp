#include "cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <variant>

#include <fmt/format.h>

#include "base/read_file.h"
#include "base/render.h"
#include "compiler/ir_dump.h"
#include "compiler/load_program.h"
#include "grammar/ast_dump.h"
#include "grammar/format.h"
#include "grammar/parse.h"
#include "jit/jit_engine.h"
#include "runtime/load_data_table.h"

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
  auto read = ReadSourceFile(path);
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

int RunCheck(const std::vector<std::string>& files, bool strict) {
  int exit_code = kOk;
  for (const std::string& path : files) {
    const CompiledPolicy compiled = CompileFile(path, runtime::ReadDataTable);
    std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
    if (compiled.io_error) {
      exit_code = std::max(exit_code, kIoError);
      continue;
    }
    const bool warnings =
        std::any_of(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Warning; });
    if (HasErrors(compiled.diagnostics) || (strict && warnings)) {
      exit_code = std::max(exit_code, kUserError);
    }
  }
  return exit_code;
}

int RunFormat(const std::vector<std::string>& files, bool check_only) {
  int exit_code = kOk;
  for (const std::string& path : files) {
    const auto loaded = Load(path, exit_code);
    if (!loaded || HasErrors(loaded->parse.diagnostics)) continue;
    const std::string formatted = grammar::Format(*loaded->source, loaded->parse.file);
    if (formatted == loaded->source->text()) continue;
    if (check_only) {
      fmt::print("{}: not formatted (run `collat fmt {}`)\n", path, path);
      exit_code = std::max(exit_code, kUserError);
      continue;
    }
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
  const CompiledPolicy compiled = CompileFile(file, runtime::ReadDataTable);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return kIoError;
  if (!compiled.policy) return kUserError;
  std::fputs(DumpIr(*compiled.policy).c_str(), stdout);
  return kOk;
}

}  // namespace collat::cli

namespace collat::cli {

int RunDumpLlvm(const std::string& file, int opt_level) {
  const CompiledPolicy compiled = CompileFile(file, runtime::ReadDataTable);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return kIoError;
  if (!compiled.policy) return kUserError;
  std::fputs(jit::JitEngine::DumpLlvm(*compiled.policy, opt_level).c_str(), stdout);
  return kOk;
}

}  // namespace collat::cli
