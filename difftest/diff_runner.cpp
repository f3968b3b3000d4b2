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
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "runtime/evaluate.h"
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
    auto engine = jit::JitEngine::Create();
    if (!engine) return Error{"cannot create the JIT engine: " + engine.error()};
    runner->engine_ = std::move(*engine);
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
  const runtime::LoadResult loaded =
      runtime::LoadInputFromString(*policy, input_yaml, "input.yaml", "");
  if (HasErrors(loaded.diagnostics)) {
    out.verdict = Verdict::GeneratorBug;
    out.message = "the generated input does not load:\n" + RenderDiagnostics(loaded.diagnostics);
    out.reason = "input:" + KindsOf(loaded.diagnostics);
    return out;
  }
  out.reference = runtime::RenderJson(runtime::Evaluate(*policy, loaded.input, 1));
  const auto compare = [&](const std::string& engine, const std::string& actual) {
    if (out.verdict == Verdict::Agree && actual != out.reference) {
      out.verdict = Verdict::Mismatch;
      out.reason = "mismatch";
      out.message =
          engine + " differs from the interpreter, " + FirstDifference(out.reference, actual);
    }
  };
  compare("interp threads=3", runtime::RenderJson(runtime::Evaluate(*policy, loaded.input, 3)));
  if (!engine_) return out;
  for (const int level : {0, 2}) {
    auto kernel = engine_->Compile(policy, jit::JitOptions{level, ""});
    const std::string name = "jit -O" + std::to_string(level);
    if (!kernel) {
      if (out.verdict == Verdict::Agree) {
        out.verdict = Verdict::Mismatch;
        out.reason = "mismatch";
        out.message = name + " failed to compile: " + kernel.error();
      }
      continue;
    }
    const jit::Kernel& k = **kernel;
    for (const unsigned threads : {1U, 3U}) {
      compare(name + " threads=" + std::to_string(threads),
              runtime::RenderJson(
                  jit::EvaluateWithKernel(k.policy(), k.plan(), k.fn(), loaded.input, threads)));
    }
  }
  return out;
}

}  // namespace collat::difftest
