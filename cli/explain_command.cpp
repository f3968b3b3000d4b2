#include <cstdio>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "cli/file_argument.h"
#include "program/program_factory.h"
#include "runtime/explain.h"
#include "runtime/explain_json.h"
#include "runtime/explain_text.h"
#include "runtime/load_input.h"

namespace collat::cli {

int RunExplain(const ExplainOptions& options) {
  if (options.position.empty() == options.account.empty()) {
    fmt::print(stderr, "collat: error: give exactly one of --position and --account [usage]\n");
    return 2;
  }
  // Explaining re-traces one position or account with the interpreter, so the report it explains
  // comes from the interpreter too (every engine's is byte-identical).
  const program::ProgramFactory factory({program::EngineChoice::Kind::Interp, {}, {}});
  const program::Compiled compiled = factory.CompileFile(options.policy, CommandFileAccess());
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return 2;
  if (!compiled.program) return 1;
  const ir::Policy& policy = compiled.program->policy();
  runtime::LoadResult loaded = runtime::LoadInput(policy, options.input, CommandFileAccess());
  std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.diagnostics)) return 2;
  const auto input = std::make_shared<const runtime::Input>(std::move(loaded.input));
  Result<Report> evaluated = compiled.program->Evaluate(input);
  if (!evaluated) {
    std::fprintf(stderr, "error: %s\n", evaluated.error().c_str());
    return 2;
  }
  const Report& report = *evaluated;
  std::string error;
  std::string text;
  if (!options.position.empty()) {
    const auto e = runtime::ExplainPosition(policy, *input, report, options.position, error);
    if (e) text = options.json ? runtime::RenderPositionJson(*e) : runtime::RenderPositionText(*e);
  } else {
    const auto e = runtime::ExplainAccount(policy, *input, report, options.account, error);
    if (e) text = options.json ? runtime::RenderAccountJson(*e) : runtime::RenderAccountText(*e);
  }
  if (!error.empty()) {
    fmt::print(stderr, "collat: error: {} [usage]\n", error);
    return 2;
  }
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace collat::cli
