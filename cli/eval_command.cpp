#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "cli/fail_on.h"
#include "cli/file_argument.h"
#include "runtime/report_csv.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"
#include "runtime/report_writer.h"

namespace collat::cli {
namespace {

// Streams `writer`'s rendering to `file`, account range by account range; false on a write error.
bool Stream(const Report& report, const runtime::ReportWriter& writer, unsigned threads,
            std::FILE* file) {
  bool ok = true;
  runtime::StreamReport(report, writer, threads, [&ok, file](std::string_view piece) {
    ok = ok && std::fwrite(piece.data(), 1, piece.size(), file) == piece.size();
  });
  return ok && std::fflush(file) == 0;
}

// The report on stdout in the chosen format, and the accounts CSV when asked; false (after an
// error line) when a file cannot be written.
bool WriteReport(const Report& report, const ir::Policy& policy, const EvalOptions& options) {
  const unsigned threads = options.engine.threads;
  bool ok = false;
  if (options.format == "json") {
    ok = Stream(report, runtime::JsonReportWriter(report), threads, stdout);
  } else if (options.format == "jsonl") {
    ok = Stream(report, runtime::JsonlReportWriter(report), threads, stdout);
  } else if (options.format == "csv") {
    ok = Stream(report, runtime::PositionsCsvWriter(report, runtime::CsvColumnsOf(policy)), threads,
                stdout);
  } else {
    ok = Stream(report, runtime::TextReportWriter(report), threads, stdout);
  }
  if (!ok) {
    fmt::print(stderr, "collat: error: cannot write the report to standard output [io_error]\n");
    return false;
  }
  if (options.accounts_csv.empty()) return true;
  std::FILE* file = std::fopen(options.accounts_csv.c_str(), "wb");
  if (file == nullptr) {
    fmt::print(stderr, "collat: error: cannot open `{}` for writing [io_error]\n",
               options.accounts_csv);
    return false;
  }
  ok = Stream(report, runtime::AccountsCsvWriter(report, runtime::CsvColumnsOf(policy)), threads,
              file);
  ok = std::fclose(file) == 0 && ok;
  if (!ok) {
    fmt::print(stderr, "collat: error: cannot write `{}` [io_error]\n", options.accounts_csv);
  }
  return ok;
}

}  // namespace

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
  runtime::LoadResult loaded = LoadInputArgument(policy, options.input, options.engine.threads);
  std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
  if (HasErrors(loaded.diagnostics)) return 2;
  Result<Report> evaluated =
      compiled.program->Evaluate(std::make_shared<const runtime::Input>(std::move(loaded.input)),
                                 EvaluateOptionsOf(options.engine));
  if (!evaluated) {
    std::fprintf(stderr, "error: %s\n", evaluated.error().c_str());
    return 2;
  }
  const Report& report = *evaluated;
  if (!WriteReport(report, policy, options)) return 2;
  const std::vector<std::string> failed = FailedGates(options.fail_on, report);
  for (const std::string& line : failed)
    fmt::print(stderr, "collat: gate failed: {}\n", line);
  return failed.empty() ? 0 : 1;
}

}  // namespace collat::cli
