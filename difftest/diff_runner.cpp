// Compile from text, load the input from text, evaluate on every engine, compare renderings.
#include "difftest/diff_runner.h"

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>

#include "base/render.h"
#include "compiler/check.h"
#include "grammar/parse.h"
#include "program/program_factory.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"

namespace collat::difftest {
namespace {

// Errors, and warnings other than `schedule_gap` (a schedule without `else`, generated on purpose).
bool IsUnexpected(const Diagnostic& d) {
  return d.severity == Severity::Error ||
         (d.severity == Severity::Warning && d.kind != DiagnosticKind::schedule_gap);
}
bool Unexpected(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), IsUnexpected);
}

// The sorted, distinct kind names of the unexpected `diagnostics`, comma-separated.
std::string KindsOf(const std::vector<Diagnostic>& diagnostics) {
  std::set<std::string_view> kinds;
  for (const Diagnostic& d : diagnostics)
    if (IsUnexpected(d)) kinds.insert(KindName(d.kind));
  std::string out;
  for (const std::string_view kind : kinds)
    out += (out.empty() ? "" : ",") + std::string(kind);
  return out;
}

}  // namespace

DiffRunner::~DiffRunner() = default;

Result<std::unique_ptr<DiffRunner>> DiffRunner::Create(bool with_jit) {
  std::unique_ptr<DiffRunner> runner(new DiffRunner());
  if (with_jit) {
    using Kind = program::EngineChoice::Kind;
    const program::ProgramFactory o0({Kind::Jit, 0, ""});
    if (const std::string failed = o0.StartJit(); !failed.empty()) {
      return Error{"cannot create the JIT engine: " + failed};
    }
    runner->jits_.emplace_back("jit -O0", std::make_shared<program::ProgramFactory>(o0));
    runner->jits_.emplace_back(
        "jit -O2", std::make_shared<program::ProgramFactory>(o0.WithChoice({Kind::Jit, 2, ""})));
  }
  return runner;
}

std::string FirstDifference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ga = static_cast<bool>(std::getline(sa, la));
    const bool gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return "identical";
    if (!ga) la = "<end of report>";
    if (!gb) lb = "<end of report>";
    if (!ga || !gb || la != lb) {
      return "line " + std::to_string(line) + ":\n  interp: " + la + "\n  other:  " + lb;
    }
  }
}

Outcome DiffRunner::Run(const std::string& policy_text, const std::string& input_yaml) const {
  Outcome out;
  auto source = std::make_shared<const SourceFile>("policy.collat", policy_text);
  grammar::ParseResult parsed = grammar::Parse(source);
  std::vector<Diagnostic> diagnostics = parsed.diagnostics;
  std::shared_ptr<const ir::Policy> policy;
  if (!HasErrors(diagnostics)) {
    std::vector<ParsedFile> files;
    files.push_back({source, std::move(parsed.file), ""});
    CheckResult checked = Check(files);
    diagnostics.insert(diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
    policy = checked.policy;
  }
  if (!policy || Unexpected(diagnostics)) {
    out.verdict = Verdict::GeneratorBug;
    out.message = "the generated policy does not check cleanly:\n" + RenderDiagnostics(diagnostics);
    out.reason = "policy:" + KindsOf(diagnostics);
    return out;
  }
  runtime::LoadResult loaded = runtime::LoadInputFromString(*policy, input_yaml, "input.yaml", "");
  if (HasErrors(loaded.diagnostics)) {
    out.verdict = Verdict::GeneratorBug;
    out.message = "the generated input does not load:\n" + RenderDiagnostics(loaded.diagnostics);
    out.reason = "input:" + KindsOf(loaded.diagnostics);
    return out;
  }
  const auto input = std::make_shared<const runtime::Input>(std::move(loaded.input));
  const auto fail = [&](std::string message) {
    if (out.verdict != Verdict::Agree) return;
    out.verdict = Verdict::Mismatch;
    out.reason = "mismatch";
    out.message = std::move(message);
  };
  const program::ProgramPtr interp =
      program::ProgramFactory({program::EngineChoice::Kind::Interp, {}, ""}).Make(policy).program;
  const auto render = [&](const program::Program& program, const std::string& name,
                          unsigned threads) -> std::string {
    Result<Report> report = program.Evaluate(input, {threads});
    if (report) return runtime::RenderJson(*report);
    fail(name + " failed: " + report.error());
    return {};
  };
  out.reference = render(*interp, "interp", 1);
  const auto compare = [&](const program::Program& program, const std::string& name,
                           unsigned threads) {
    const std::string engine = name + " threads=" + std::to_string(threads);
    const std::string actual = render(program, engine, threads);
    if (actual.empty()) return;
    if (actual != out.reference) {
      fail(engine + " differs from the interpreter, " + FirstDifference(out.reference, actual));
    }
  };
  compare(*interp, "interp", 3);
  for (const auto& [name, factory] : jits_) {
    const program::Compiled compiled = factory->Make(policy);
    if (!compiled.program) {
      fail(name + " failed to compile: " + compiled.engine_error);
      continue;
    }
    for (const unsigned threads : {1U, 3U})
      compare(*compiled.program, name, threads);
  }
  return out;
}

}  // namespace collat::difftest
