#include <cstdio>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "cli/file_argument.h"
#include "compiler/load_program.h"
#include "runtime/evaluate.h"
#include "runtime/explain.h"
#include "runtime/explain_json.h"
#include "runtime/explain_text.h"
#include "runtime/load_data_table.h"
#include "runtime/load_input.h"

namespace collat::cli {

int RunExplain(const ExplainOptions& options) {
  if (options.position.empty() == options.account.empty()) {
    fmt::print(stderr, "collat: error: give exactly one of --position and --account [usage]\n");
    return 2;
  }
  const CompiledPolicy compiled =
      CompileFile(options.policy, runtime::ReadDataTable, CommandFileAccess());
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return 2;
  if (!compiled.policy) return 1;
  const runtime::LoadResult loaded =
      runtime::LoadInput(*compiled.policy, options.input, CommandFileAccess());
  std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.diagnostics)) return 2;
  const runtime::Report report = runtime::Evaluate(*compiled.policy, loaded.input);
  std::string error;
  std::string text;
  if (!options.position.empty()) {
    const auto e =
        runtime::ExplainPosition(*compiled.policy, loaded.input, report, options.position, error);
    if (e) text = options.json ? runtime::RenderPositionJson(*e) : runtime::RenderPositionText(*e);
  } else {
    const auto e =
        runtime::ExplainAccount(*compiled.policy, loaded.input, report, options.account, error);
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
