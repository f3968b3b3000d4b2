#include <cstdio>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "cli/fail_on.h"
#include "cli/file_argument.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"

namespace collat::cli {

int RunEval(const EvalOptions& options) {
  if (IsStdin(options.policy) && IsStdin(options.input)) {
    fmt::print(stderr, "collat: error: only one of the policy and the input can be `-` [usage]\n");
    return 2;
  }
  const program::Compiled compiled =
      CompileProgramArgument(options.policy, MakeProgramFactory(options.engine), options.check);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return 2;
  if (!compiled.engine_error.empty()) {
    std::fprintf(stderr, "error: %s\n", compiled.engine_error.c_str());
    return 2;
  }
  if (!compiled.program) return 1;
  const ir::Policy& policy = compiled.program->policy();
  if (const auto problem = CheckGates(options.fail_on, policy)) {
    fmt::print(stderr, "collat: error: {} [usage]\n", *problem);
    return 2;
  }
  runtime::LoadResult loaded = LoadInputArgument(policy, options.input);
  std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.diagnostics)) return 2;
  Result<runtime::Report> evaluated =
      compiled.program->Evaluate(loaded.input, EvaluateOptionsOf(options.engine));
  if (!evaluated) {
    std::fprintf(stderr, "error: %s\n", evaluated.error().c_str());
    return 2;
  }
  runtime::Report& report = *evaluated;
  const std::string text = options.json ? runtime::RenderJson(report) : runtime::RenderText(report);
  std::fputs(text.c_str(), stdout);
  const std::vector<std::string> failed = FailedGates(options.fail_on, report);
  for (const std::string& line : failed)
    fmt::print(stderr, "collat: gate failed: {}\n", line);
  return failed.empty() ? 0 : 1;
}

}  // namespace collat::cli
