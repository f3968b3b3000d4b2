// The smallest useful embedder: compile a policy, build an input in memory, evaluate it, print the
// JSON report and check its totals against a hand computation. Runs on both engines.
//
// Usage: minimal_embedder REPO_ROOT   (reads REPO_ROOT/policies/us_uncleared_margin.collat)
#include <cmath>
#include <cstdio>
#include <string>

#include "collat/collat.h"

namespace {

int failures = 0;

void Expect(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  ++failures;
}

void ExpectNear(double actual, double expected, const std::string& what) {
  Expect(std::fabs(actual - expected) < 0.005,
         what + ": " + std::to_string(actual) + " != " + std::to_string(expected));
}

// Prints an error with its diagnostics (each already rendered with file, line and caret).
void Print(const collat::ErrorInfo& error) {
  std::fprintf(stderr, "error [%s]: %s\n", collat::ErrorCodeName(error.code),
               error.message.c_str());
  for (const collat::DiagnosticInfo& d : error.diagnostics)
    std::fputs(d.rendered.c_str(), stderr);
}

// One counterparty with five positions, valued on 2026-03-31 (EUR at 1.08 USD).
collat::Expected<collat::Input> BuildInput(const collat::Policy& policy) {
  using collat::FieldValue;
  collat::InputBuilder b(policy);
  b.SetValuationDate({2026, 3, 31});
  b.SetFxRate("EUR", 1.08);
  const std::size_t account = b.AddAccount("CP-001");
  b.SetAccountField(account, "requirement", FieldValue::Number(10'000'000));
  b.SetAccountField(account, "independent_amount", FieldValue::Number(250'000));

  struct Row {
    const char* id;
    const char* asset_class;
    const char* issuer;
    const char* currency;
    double market_value;
    const char* index;  // "" when none
    collat::Date maturity;
  };
  const Row rows[] = {
      {"p1", "cash", "Federal Reserve", "USD", 2'000'000, "", {}},
      {"p2", "sovereign", "US Treasury", "USD", 3'000'000, "", {2028, 5, 15}},
      {"p3", "sovereign", "Bundesrepublik", "EUR", 1'000'000, "", {2030, 2, 15}},
      {"p5", "equity", "ACME Corp", "USD", 1'000'000, "sp500", {}},
      {"p6", "corporate", "Not A Class Inc", "USD", 100'000, "", {}},  // no such asset class
  };
  for (const Row& row : rows) {
    const std::size_t p = b.AddPosition(account, row.id);
    b.SetPositionField(p, "asset_class", FieldValue::Enum(row.asset_class));
    b.SetPositionField(p, "issuer", FieldValue::Text(row.issuer));
    b.SetPositionField(p, "quantity", FieldValue::Number(1'000));
    b.SetMarketValue(p, row.market_value, row.currency);  // market_value and currency
    if (*row.index != 0) b.SetPositionField(p, "index", FieldValue::Enum(row.index));
    if (row.maturity.year != 1970)
      b.SetPositionField(p, "maturity", FieldValue::OfDate(row.maturity));
  }
  return b.Build();
}

int Run(const std::string& root, collat::EngineKind kind) {
  collat::EngineOptions options;
  options.engine = kind;
  auto engine = collat::Engine::Create(options);
  if (!engine) {
    Print(engine.error());
    return 1;
  }
  auto policy = engine->CompileFile(root + "/policies/us_uncleared_margin.collat");
  if (!policy) {
    Print(policy.error());
    return 1;
  }
  auto input = BuildInput(*policy);
  if (!input) {
    Print(input.error());
    return 1;
  }
  auto report = policy->Evaluate(*input);
  if (!report) {
    Print(report.error());
    return 1;
  }
  std::fputs(report->ToJson().c_str(), stdout);

  // Hand computation. Haircuts: p1 cash 0%; p2 2y-to-maturity government 2%; p3 government 2% plus
  // 8% for a currency other than USD on 1,080,000 USD; p5 S&P 500 equity 15%; p6 is REJECTED.
  const collat::AccountView account = report->accounts()[0];
  const collat::Totals& t = account.totals();
  ExpectNear(t.gross_value, 2'000'000 + 3'000'000 + 1'080'000 + 1'000'000 + 100'000, "gross");
  ExpectNear(t.collateral_value, 2'000'000 + 2'940'000 + 972'000 + 850'000, "collateral value");
  ExpectNear(t.rejected_value, 100'000, "rejected value");
  const collat::PositionView p6 = account.positions()[4];
  Expect(p6.id() == "p6" && p6.status() == collat::Status::Rejected, "p6 is rejected");
  Expect(p6.reason().find("corporate") != std::string::npos, "p6's reason names the label");
  // The same figures as typed columns (one entry per position of the report, input order).
  Expect(report->statuses()[p6.index()] == collat::Status::Rejected, "status column");
  for (const collat::OutputResult& o : account.outputs()) {
    // Credit support 10,250,000; short by 3,488,000, rounded up to the 10,000 increment.
    if (o.name == "credit_support") ExpectNear(o.number, 10'250'000, "credit_support");
    if (o.name == "delivery") ExpectNear(o.number, 3'490'000, "delivery");
    if (o.name == "return_amount") ExpectNear(o.number, 0, "return_amount");
  }
  Expect(report->policy_sha256() == policy->sha256() && policy->sha256().size() == 64, "sha256");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: minimal_embedder REPO_ROOT\n");
    return 2;
  }
  for (const auto kind : {collat::EngineKind::Interpreter, collat::EngineKind::Jit}) {
    if (Run(argv[1], kind) != 0) return 1;
  }
  if (failures != 0) return 1;
  std::fputs("minimal_embedder: ok (interpreter and JIT)\n", stderr);
  return 0;
}
