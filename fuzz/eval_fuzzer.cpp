// libFuzzer target for compile-then-evaluate, through the public API (include/collat/) on the
// reference interpreter and the JIT at -O0. Two kinds of input:
// - bytes that start with `!`: the rest is policy text. When it compiles, it must compile on both
//   engines alike and evaluate the fixed input below (loaded for its schema: fields it lacks make
//   rejected records, never a failure);
// - any other bytes drive the difftest generator (difftest/generate_case.h) to a well-typed policy
//   and an input for it, which must compile and load.
// Either way both engines' JSON reports must be byte-identical and every account must reconcile in
// exact integer units of the policy's precision (docs/language.md 15.3, 15.4). A broken property
// prints the case and aborts, so libFuzzer saves the input. No file is ever read: the engines have
// no allowed folders, so an `import` or a data-file table is a compile error.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "collat/collat.h"
#include "difftest/generate_case.h"

namespace {

// The fixed input of policy-text cases: matches the schema of the seed policies in
// fuzz/corpus/eval_fuzzer (asset_class, rating, market_value, quantity, currency, maturity and an
// account `requirement`); any other policy gets rejected records or rejected accounts from it.
constexpr std::string_view kFixedInput = R"(valuation_date: 2026-03-31
fx: { EUR: 1.08, GBP: 1.25, JPY: 0.0067 }
accounts:
  - id: A1
    requirement: 1_000_000
    positions:
      - { id: p1, asset_class: cash, currency: USD, quantity: 1000, market_value: 500_000 }
      - { id: p2, asset_class: bond, rating: 3, currency: EUR, maturity: 2030-06-30, quantity: 10, market_value: 250_000.37 }
      - { id: p3, asset_class: equity, currency: GBP, quantity: 7, market_value: 125_000.5 }
      - { id: p4, asset_class: bond, currency: JPY, quantity: 1, market_value: 99_999_999 }
      - { id: p5, asset_class: gold, currency: USD, quantity: 0, market_value: 0 }
  - id: A2
    requirement: 0
    positions:
      - { id: q1, asset_class: equity, rating: 1, currency: USD, quantity: 3, market_value: 0.01 }
)";

[[noreturn]] void Fail(const std::string& what, const std::string& policy, std::string_view input) {
  std::fprintf(stderr, "eval_fuzzer: %s\n--- policy.collat\n%s\n--- input.yaml\n%.*s\n",
               what.c_str(), policy.c_str(), static_cast<int>(input.size()), input.data());
  std::abort();
}

const collat::Engine& MakeEngine(collat::EngineKind kind) {
  collat::EngineOptions options;
  options.engine = kind;
  options.opt_level = 0;
  options.allow_named_folder = false;  // no allowed folders: nothing is read from disk
  static collat::Engine* engines[2] = {nullptr, nullptr};
  collat::Engine*& slot = engines[kind == collat::EngineKind::Jit ? 1 : 0];
  if (slot == nullptr) {
    auto created = collat::Engine::Create(options);
    if (!created) {
      std::fprintf(stderr, "eval_fuzzer: cannot create an engine: %s\n",
                   created.error().message.c_str());
      std::abort();
    }
    slot = new collat::Engine(std::move(*created));  // lives for the whole run
  }
  return *slot;
}

// Money as integer units of the report's precision; only exact while |units| < 10^15 (15.4).
bool ToUnits(double value, int precision, std::int64_t& units) {
  if (!std::isfinite(value)) return false;
  const double scaled = value * std::pow(10.0, precision);
  if (!(std::fabs(scaled) < 1e15)) return false;
  units = std::llround(scaled);
  return true;
}

// The identities of docs/language.md 15.3, "" when they all hold.
std::string Reconcile(const collat::Report& report) {
  const int p = report.precision();
  std::string problem;
  const auto units = [&](double v, const std::string& what) {
    std::int64_t u = 0;
    if (!ToUnits(v, p, u) && problem.empty()) problem = what + " is not a finite money figure";
    return u;
  };
  const auto expect = [&](std::int64_t left, std::int64_t right, const std::string& what) {
    if (left != right && problem.empty())
      problem = what + ": " + std::to_string(left) + " != " + std::to_string(right) + " units";
  };
  for (const collat::AccountView a : report.accounts()) {
    const std::string at = "account " + std::string(a.id()) + ": ";
    const collat::Totals& t = a.totals();
    const std::int64_t gross = units(t.gross_value, at + "gross_value");
    const std::int64_t eligible = units(t.eligible_value, at + "eligible_value");
    const std::int64_t haircut = units(t.haircut_value, at + "haircut_value");
    const std::int64_t excess = units(t.concentration_excess, at + "concentration_excess");
    const std::int64_t collateral = units(t.collateral_value, at + "collateral_value");
    const std::int64_t by_eligible = units(t.eligible_market_value, at + "by_status.eligible");
    const std::int64_t by_ineligible = units(t.ineligible_value, at + "by_status.ineligible");
    const std::int64_t by_unknown = units(t.unknown_value, at + "by_status.unknown");
    const std::int64_t by_rejected = units(t.rejected_value, at + "by_status.rejected");
    expect(gross, by_eligible + by_ineligible + by_unknown + by_rejected,
           at + "gross_value = sum of by_status");
    expect(by_eligible, eligible + haircut, at + "by_status.eligible = eligible + haircut");
    expect(eligible, collateral + excess, at + "eligible_value = collateral + excess");
    std::int64_t status_sum[4] = {0, 0, 0, 0};
    std::int64_t adjusted = 0, position_excess = 0, counted = 0;
    for (const collat::PositionView pos : a.positions()) {
      const std::string pat = at + "position " + std::string(pos.id()) + ": ";
      const std::int64_t mv = units(pos.market_value(), pat + "market_value");
      const std::int64_t adj = units(pos.adjusted_value(), pat + "adjusted_value");
      const std::int64_t exc = units(pos.excess(), pat + "excess");
      const std::int64_t cnt = units(pos.counted_value(), pat + "counted_value");
      status_sum[static_cast<int>(pos.status())] += mv;
      if (pos.status() == collat::Status::Eligible) {
        expect(adj, cnt + exc, pat + "adjusted = counted + excess");
      } else {
        expect(adj | exc | cnt, 0, pat + "a position that is not eligible has zero values");
      }
      adjusted += adj;
      position_excess += exc;
      counted += cnt;
      if (pos.status() == collat::Status::Rejected && pos.reason().empty() && problem.empty())
        problem = pat + "rejected without a reason";
    }
    expect(by_eligible, status_sum[0], at + "by_status.eligible = its positions");
    expect(by_ineligible, status_sum[1], at + "by_status.ineligible = its positions");
    expect(by_unknown, status_sum[2], at + "by_status.unknown = its positions");
    expect(by_rejected, status_sum[3], at + "by_status.rejected = its positions");
    expect(eligible, adjusted, at + "eligible_value = sum of adjusted values");
    expect(excess, position_excess, at + "concentration_excess = sum of position excess");
    expect(collateral, counted, at + "collateral_value = sum of counted values");
    std::int64_t limit_excess = 0;
    for (const collat::LimitResult& limit : a.limits())
      if (limit.is_max) limit_excess += units(limit.excess, at + "limit " + limit.id + " excess");
    expect(excess, limit_excess, at + "concentration_excess = sum of max limits' excess");
  }
  return problem;
}

// Compiles `policy` on both engines; evaluates `input` on both when it loads. `must_compile`:
// a generated case, for which a compile or load error is a generator bug.
void CompileAndEvaluate(const std::string& policy, std::string_view input, bool must_compile) {
  const collat::Engine& interp = MakeEngine(collat::EngineKind::Interpreter);
  const collat::Engine& jit = MakeEngine(collat::EngineKind::Jit);
  auto interp_policy = interp.CompileSource(policy, "fuzz.collat");
  if (!interp_policy) {
    const collat::ErrorInfo& e = interp_policy.error();
    if (must_compile || e.code != collat::ErrorCode::Compile || e.diagnostics.empty())
      Fail("the interpreter could not compile: " + e.message, policy, input);
    return;
  }
  auto jit_policy = jit.CompileSource(policy, "fuzz.collat");
  if (!jit_policy) Fail("the JIT could not compile: " + jit_policy.error().message, policy, input);
  if (interp_policy->sha256() != jit_policy->sha256())
    Fail("the engines disagree on the policy hash", policy, input);

  auto loaded = collat::LoadInputText(*interp_policy, std::string(input), "input.yaml");
  if (!loaded) {
    if (must_compile) Fail("the input does not load: " + loaded.error().message, policy, input);
    return;
  }
  auto interp_report = interp_policy->Evaluate(*loaded);
  auto jit_report = jit_policy->Evaluate(*loaded);
  if (!interp_report || !jit_report) {
    Fail("evaluation failed: " +
             (interp_report ? jit_report.error().message : interp_report.error().message),
         policy, input);
  }
  const std::string expected = interp_report->ToJson();
  if (jit_report->ToJson() != expected)
    Fail("the JIT's report differs from the interpreter's:\n" + expected, policy, input);
  const std::string problem = Reconcile(*interp_report);
  if (!problem.empty())
    Fail("the report does not reconcile: " + problem + "\n" + expected, policy, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 0 && data[0] == '!') {
    const std::string policy(reinterpret_cast<const char*>(data) + 1, size - 1);
    CompileAndEvaluate(policy, kFixedInput, false);
    return 0;
  }
  const collat::difftest::Case c = collat::difftest::GenerateCaseFromBytes({data, size});
  CompileAndEvaluate(c.policy, c.input, true);
  return 0;
}
