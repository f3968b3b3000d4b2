// The API's reports are the engine's reports: JSON and text byte-identical to the runtime's
// renderings of runtime::Evaluate on the same input, on either engine and any thread count, and a
// built input evaluates exactly as the same input written in YAML.
#include <string>
#include <vector>

#include "compiler/load_program.h"
#include "compiler/policy_hash.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"
#include "tests/api/api_test_support.h"

namespace collat::testing {
namespace {

const std::vector<std::string> kExamples = {"us_uncleared_margin", "basel_comprehensive",
                                            "cme_performance_bond", "crypto_tiered",
                                            "defi_lending"};

// `collat eval`'s JSON and text for an example, straight from the runtime.
struct Reference {
  std::string json;
  std::string text;
};

Reference RuntimeReport(const std::string& name) {
  const CompiledPolicy compiled =
      collat::program::CompileFile(RepoPath("policies/" + name + ".collat"));
  REQUIRE(compiled.policy);
  const runtime::LoadResult loaded =
      runtime::LoadInput(*compiled.policy, RepoPath("examples/inputs/" + name + ".yaml"));
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const Report report =
      runtime::Evaluate(*compiled.policy, std::make_shared<const runtime::Input>(loaded.input), 1,
                        Sha256Hex(compiled.policy->canonical_source));
  return {runtime::RenderJson(report), runtime::RenderText(report)};
}

TEST_CASE("API reports are byte-identical to the runtime's on both engines", "[api]") {
  for (const std::string& name : kExamples) {
    const Reference expected = RuntimeReport(name);
    for (const auto kind : {EngineKind::Interpreter, EngineKind::Jit}) {
      for (const unsigned threads : {1U, 4U}) {
        INFO(name << (kind == EngineKind::Jit ? " jit" : " interpreter") << " threads " << threads);
        const Engine engine = MakeEngine(kind, threads);
        const Policy policy = Unwrap(engine.CompileFile(RepoPath("policies/" + name + ".collat")));
        const Input input =
            Unwrap(LoadInputFile(policy, RepoPath("examples/inputs/" + name + ".yaml")));
        const Report report = Unwrap(policy.Evaluate(input));
        CHECK(report.ToJson() == expected.json);
        CHECK(report.ToText() == expected.text);
      }
    }
  }
}

TEST_CASE("one and four threads give the same JSON", "[api]") {
  const std::string policy_path = RepoPath("policies/us_uncleared_margin.collat");
  for (const auto kind : {EngineKind::Interpreter, EngineKind::Jit}) {
    const Policy one = Unwrap(MakeEngine(kind, 1).CompileFile(policy_path));
    const Policy four = Unwrap(MakeEngine(kind, 4).CompileFile(policy_path));
    // Many accounts, so four threads each get several.
    InputBuilder b(one);
    b.SetValuationDate({2026, 3, 31});
    b.SetFxRate("EUR", 1.08);
    for (int a = 0; a < 40; ++a) {
      const std::size_t account = b.AddAccount("A" + std::to_string(a));
      b.SetAccountField(account, "requirement", FieldValue::Number(1'000'000.0 + a * 10'000.0));
      for (int p = 0; p < 5; ++p) {
        const std::size_t position = b.AddPosition(account, "p" + std::to_string(p));
        const char* classes[] = {"cash", "sovereign", "equity", "gold", "public_debt"};
        b.SetPositionField(position, "asset_class", FieldValue::Enum(classes[p]));
        b.SetPositionField(position, "issuer", FieldValue::Text("I" + std::to_string(a % 3)));
        b.SetPositionField(position, "quantity", FieldValue::Number(p + 1));
        b.SetPositionField(position, "maturity", FieldValue::OfDate({2027 + p, 6, 30}));
        b.SetPositionField(position, "index", FieldValue::Enum("sp500"));
        b.SetPositionField(position, "investment_grade", FieldValue::Bool(a % 2 == 0));
        b.SetMarketValue(position, 100'000.0 * (p + 1) + a, a % 4 == 0 ? "EUR" : "USD");
      }
    }
    const Input input = Unwrap(b.Build());
    const std::string json = Unwrap(one.Evaluate(input)).ToJson();
    CHECK(json == Unwrap(four.Evaluate(input)).ToJson());
    CHECK(json.find("\"A39\"") != std::string::npos);
  }
}

TEST_CASE("a built input evaluates as the same input written in YAML", "[api]") {
  const Policy policy = Unwrap(MakeEngine(EngineKind::Interpreter)
                                   .CompileFile(RepoPath("policies/us_uncleared_margin.collat")));
  const std::string yaml = R"(valuation_date: 2026-03-31
fx: { EUR: 1.08 }
market: { funding_spread: 0.25% }
accounts:
  - id: CP-001
    requirement: 10000000
    independent_amount: 250000
    positions:
      - { id: p1, asset_class: cash, issuer: Fed, currency: USD, quantity: 2000000, market_value: 2000000 }
      - { id: p3, asset_class: sovereign, issuer: Bund, currency: EUR, maturity: 2030-02-15, quantity: 1000, market_value: 1000000 }
      - { id: p8, asset_class: public_debt, issuer: Unrated, currency: USD, maturity: 2030-09-30, quantity: 500, market_value: 500000 }
      - { id: p9, asset_class: bond, issuer: X, currency: USD, quantity: 1, market_value: 10 }
  - id: CP-002
    requirement: 4000000
    threshold: 1000000
)";
  const Input from_yaml = Unwrap(LoadInputText(policy, yaml, "inline.yaml"));

  InputBuilder b(policy);
  b.SetValuationDate({2026, 3, 31});
  b.SetFxRate("EUR", 1.08);
  b.SetMarketField("funding_spread", FieldValue::Percent(0.0025));
  const std::size_t cp1 = b.AddAccount("CP-001");
  b.SetAccountField(cp1, "requirement", FieldValue::Number(10'000'000));
  b.SetAccountField(cp1, "independent_amount", FieldValue::Money(250'000, "USD"));
  const std::size_t cp2 = b.AddAccount("CP-002");
  b.SetAccountField(cp2, "requirement", FieldValue::Literal("4_000_000"));
  b.SetAccountField(cp2, "threshold", FieldValue::Number(1'000'000));
  auto position = [&](const char* id, const char* asset_class, const char* issuer,
                      const char* currency, double quantity, double value) {
    const std::size_t p = b.AddPosition(cp1, id);
    b.SetPositionField(p, "asset_class", FieldValue::Enum(asset_class));
    b.SetPositionField(p, "issuer", FieldValue::Text(issuer));
    b.SetPositionField(p, "quantity", FieldValue::Number(quantity));
    b.SetMarketValue(p, value, currency);
    return p;
  };
  position("p1", "cash", "Fed", "USD", 2'000'000, 2'000'000);
  const std::size_t p3 = position("p3", "sovereign", "Bund", "EUR", 1'000, 1'000'000);
  b.SetPositionField(p3, "maturity", FieldValue::OfDate({2030, 2, 15}));
  const std::size_t p8 = position("p8", "public_debt", "Unrated", "USD", 500, 500'000);
  b.SetPositionField(p8, "maturity", FieldValue::Literal("2030-09-30"));
  position("p9", "bond", "X", "USD", 1, 10);
  const Input built = Unwrap(b.Build());

  const std::string expected = Unwrap(policy.Evaluate(from_yaml)).ToJson();
  CHECK(Unwrap(policy.Evaluate(built)).ToJson() == expected);
  CHECK(expected.find("\"unknown\"") != std::string::npos);   // p8: investment_grade unknown
  CHECK(expected.find("\"rejected\"") != std::string::npos);  // p9: no such asset class
}

TEST_CASE("report values mirror the runtime's", "[api]") {
  const Policy policy = Unwrap(MakeEngine(EngineKind::Interpreter)
                                   .CompileFile(RepoPath("policies/us_uncleared_margin.collat")));
  const Input input =
      Unwrap(LoadInputFile(policy, RepoPath("examples/inputs/us_uncleared_margin.yaml")));
  CHECK(input.valuation_date() == Date{2026, 3, 31});
  const Report report = Unwrap(policy.Evaluate(input));
  CHECK(report.policy_name() == "us_uncleared_margin");
  CHECK(report.policy_sha256() == policy.sha256());
  CHECK(report.valuation_date() == Date{2026, 3, 31});
  REQUIRE(report.accounts().size() == 2);
  const AccountView cp1 = report.accounts()[0];
  CHECK(cp1.id() == "CP-001");
  bool saw_p8 = false;
  for (const PositionView p : cp1.positions()) {
    if (p.id() != "p8") continue;
    saw_p8 = true;
    CHECK(p.status() == Status::Unknown);
    CHECK(std::string(StatusName(p.status())) == "unknown");
    CHECK(std::vector<std::string>(p.missing().begin(), p.missing().end()) ==
          std::vector<std::string>{"investment_grade"});
    // The typed columns hold what the views show, at the position's index.
    CHECK(report.statuses()[p.index()] == Status::Unknown);
    CHECK(report.position_ids()[p.index()] == "p8");
    CHECK(report.market_values()[p.index()] == p.market_value());
    CHECK(report.position(p.index()).id() == "p8");
    CHECK(p.components().empty());
  }
  CHECK(saw_p8);
  // Every position of every account, in input order: the columns' length.
  std::size_t positions = 0;
  for (const AccountView a : report.accounts())
    positions += a.positions().size();
  CHECK(positions == report.position_count());
  CHECK(report.statuses().size() == report.position_count());
  bool saw_flag = false;
  for (const OutputResult& o : cp1.outputs()) {
    if (o.name != "under_mta_shortfall") continue;
    saw_flag = true;
    CHECK(o.type == ValueType::Bool);
    CHECK(o.known);
    CHECK(o.value_text == (o.boolean ? "true" : "false"));
  }
  CHECK(saw_flag);
}

TEST_CASE("a missing input file is an Io error", "[api]") {
  const Policy policy = Unwrap(MakeEngine(EngineKind::Interpreter)
                                   .CompileFile(RepoPath("policies/us_uncleared_margin.collat")));
  const auto input = LoadInputFile(policy, RepoPath("examples/inputs/nope.yaml"));
  REQUIRE_FALSE(input.ok());
  CHECK(input.error().code == ErrorCode::Io);
  const auto bad = LoadInputText(policy, "valuation_date: soon\naccounts: []\n", "bad.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::Input);
  CHECK(bad.error().diagnostics.at(0).message ==
        "bad.yaml:1: `valuation_date` is not a date: `soon`");
}

}  // namespace
}  // namespace collat::testing
