#include <cstdio>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "compiler/load_program.h"
#include "compiler/policy_hash.h"
#include "runtime/load_data_table.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"

namespace collat::cli {

int RunEval(const EvalOptions& options) {
  const CompiledPolicy compiled = CompileFile(options.policy, runtime::ReadDataTable);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return 2;
  if (!compiled.policy) return 1;
  runtime::LoadResult loaded = runtime::LoadInput(*compiled.policy, options.input);
  std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.diagnostics)) return 2;
  Result<runtime::Report> evaluated = EvaluateWith(options.engine, compiled.policy, loaded.input);
  if (!evaluated) {
    std::fprintf(stderr, "error: %s\n", evaluated.error().c_str());
    return 2;
  }
  runtime::Report& report = *evaluated;
  report.policy_sha256 = Sha256Hex(compiled.policy->canonical_source);
  const std::string text = options.json ? runtime::RenderJson(report) : runtime::RenderText(report);
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace collat::cli
