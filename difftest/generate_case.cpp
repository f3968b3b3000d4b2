// A case is a policy and then an input, both from one stream of choices.
#include "difftest/generate_case.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "compiler/check.h"
#include "difftest/input_gen.h"
#include "difftest/policy_gen.h"
#include "difftest/rng.h"
#include "grammar/parse.h"

namespace collat::difftest {
namespace {

// The diagnostics of checking `text` as the difftest runner does.
std::vector<Diagnostic> CheckText(const std::string& text) {
  const auto source = std::make_shared<const SourceFile>("policy.collat", text);
  grammar::ParseResult parsed = grammar::Parse(source);
  std::vector<Diagnostic> diagnostics = parsed.diagnostics;
  if (HasErrors(diagnostics)) return diagnostics;
  std::vector<ParsedFile> files;
  files.push_back({source, std::move(parsed.file), ""});
  const CheckResult checked = Check(files);
  diagnostics.insert(diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
  return diagnostics;
}

// Removes every match arm that the checker finds repeats an earlier arm's condition. The text
// comparison of ExprGen::Match catches repeats in another spelling of a literal; this catches
// the rest, such as `f(l3, c)` after `l3` when `fn f(x1: Rt, x2: text): Rt = x1` (calls are
// compared inlined). Keeps the text unchanged when a removal would raise another diagnostic
// (a `let` used only in the removed arm).
std::string DropRepeatedArms(std::string text) {
  const std::vector<Diagnostic> before = CheckText(text);
  std::vector<SourceRange> repeated;
  for (const Diagnostic& d : before) {
    if (d.kind == DiagnosticKind::unreachable_arm) repeated.push_back(d.range);
  }
  if (repeated.empty()) return text;
  std::sort(repeated.begin(), repeated.end(),
            [](const SourceRange& a, const SourceRange& b) { return a.begin > b.begin; });
  std::string trial = text;
  for (const SourceRange& arm : repeated) {
    std::size_t end = arm.end;
    if (trial.compare(end, 2, ", ") == 0) end += 2;  // ExprGen::Match writes `arm, `
    trial.erase(arm.begin, end - arm.begin);
  }
  const std::vector<Diagnostic> after = CheckText(trial);
  const bool clean = std::none_of(after.begin(), after.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error ||
           (d.severity == Severity::Warning && d.kind != DiagnosticKind::schedule_gap);
  });
  return clean ? trial : text;
}

Case Generate(Rng& rng) {
  GeneratedPolicy policy = GeneratePolicy(rng);
  std::string input = GenerateInput(rng, policy.model);
  return {DropRepeatedArms(std::move(policy.text)), std::move(input)};
}

}  // namespace

Case GenerateCase(std::uint64_t seed) {
  Rng rng(seed);
  return Generate(rng);
}

Case GenerateCaseFromBytes(std::span<const std::uint8_t> bytes) {
  std::uint64_t seed = 0xcbf29ce484222325ULL;  // FNV-1a of the bytes seeds what they leave open
  for (const std::uint8_t b : bytes)
    seed = (seed ^ b) * 0x100000001b3ULL;
  Rng rng(seed, bytes);
  return Generate(rng);
}

}  // namespace collat::difftest
