#include <cstdio>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "compiler/load_program.h"
#include "runtime/evaluate.h"
#include "runtime/explain.h"
#include "runtime/load_data_table.h"
#include "runtime/load_input.h"

namespace collat::cli {

int RunExplain(const std::string& policy, const std::string& input, const std::string& position) {
  const CompiledPolicy compiled = CompileFile(policy, runtime::ReadDataTable);
  std::fputs(RenderDiagnostics(compiled.diagnostics).c_str(), stderr);
  if (compiled.io_error) return 2;
  if (!compiled.policy) return 1;
  const runtime::LoadResult loaded = runtime::LoadInput(*compiled.policy, input);
  std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.diagnostics)) return 2;
  const runtime::Report report = runtime::Evaluate(*compiled.policy, loaded.input);
  std::string error;
  const auto text = runtime::Explain(*compiled.policy, loaded.input, report, position, error);
  if (!text) {
    fmt::print(stderr, "collat: error: {} [usage]\n", error);
    return 2;
  }
  std::fputs(text->c_str(), stdout);
  return 0;
}

}  // namespace collat::cli
