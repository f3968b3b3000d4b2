// InputBuilder: values are checked by the loaders' rules; a bad value rejects its record with a
// reason naming the field, and only file-level problems make Build() fail.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "tests/api/api_test_support.h"
#include "tests/report_snapshot.h"

namespace collat::testing {
namespace {

Policy UsMargin() {
  static const Policy policy =
      Unwrap(MakeEngine(EngineKind::Interpreter)
                 .CompileFile(RepoPath("policies/us_uncleared_margin.collat")));
  return policy;
}

// A builder with one account and one valid cash position, ready for one more change.
struct Basket {
  InputBuilder builder{UsMargin()};
  std::size_t account = 0;
  std::size_t position = 0;

  Basket() {
    builder.SetValuationDate({2026, 3, 31});
    builder.SetFxRate("EUR", 1.08);
    account = builder.AddAccount("A1");
    builder.SetAccountField(account, "requirement", FieldValue::Number(1'000'000));
    position = builder.AddPosition(account, "p1");
    builder.SetPositionField(position, "asset_class", FieldValue::Enum("cash"));
    builder.SetPositionField(position, "issuer", FieldValue::Text("Fed"));
    builder.SetPositionField(position, "quantity", FieldValue::Number(10));
    builder.SetMarketValue(position, 500'000, "USD");
  }

  // The one position's status and reason after evaluation.
  PositionSnap Evaluate() const {
    const Input input = Unwrap(builder.Build());
    const Report report = Unwrap(UsMargin().Evaluate(input));
    REQUIRE(report.accounts().size() == 1);
    REQUIRE(report.accounts()[0].positions().size() == 1);
    return Snapshot(report.accounts()[0].positions()[0]);
  }
};

TEST_CASE("a valid built position is eligible", "[api]") {
  const Basket basket;
  const PositionSnap p = basket.Evaluate();
  CHECK(p.status == Status::Eligible);
  CHECK(p.adjusted_value == 500'000);
}

TEST_CASE("a bad value rejects the position with a reason naming the field", "[api]") {
  struct Case {
    const char* field;
    FieldValue value;
    const char* reason;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      {"quantity", FieldValue::Number(nan), "field `quantity` is not a finite number: `nan`"},
      {"quantity", FieldValue::Number(inf), "field `quantity` is not a finite number: `inf`"},
      {"quantity", FieldValue::Number(-5), "field `quantity` is negative: `-5`"},
      {"quantity", FieldValue::Text("lots"), "field `quantity` is not a number: `lots`"},
      {"quantity", FieldValue::Missing(), "missing required field `quantity`"},
      {"asset_class", FieldValue::Enum("bond"),
       "field `asset_class`: `bond` is not a label of enum `AssetClass`"},
      {"maturity", FieldValue::OfDate({2026, 2, 30}),
       "field `maturity` is not a date: `2026-02-30`"},
      {"maturity", FieldValue::Bool(true), "field `maturity` is not a date: `true`"},
      {"investment_grade", FieldValue::Text("yes"),
       "field `investment_grade` is not `true` or `false`: `yes`"},
      {"market_value", FieldValue::Money(100, "CHF"),
       "field `market_value` is in `CHF` but field `currency` is `USD`: write the amount without a "
       "code, or in the record's currency"},
      {"market_value", FieldValue::Number(-1), "field `market_value` is negative: `-1`"},
      {"colour", FieldValue::Text("blue"), "unknown field `colour`"},
      {"issuer", FieldValue::Text(std::string("bad\x01text")),
       "field `issuer` is not UTF-8 text without control characters"},
  };
  for (const Case& c : cases) {
    INFO(c.field << ": " << c.reason);
    Basket basket;
    basket.builder.SetPositionField(basket.position, c.field, c.value);
    const PositionSnap p = basket.Evaluate();
    CHECK(p.status == Status::Rejected);
    CHECK(p.reason == c.reason);
  }
}

TEST_CASE("a position in another currency converts its money and may be rejected", "[api]") {
  Basket basket;
  basket.builder.SetMarketValue(basket.position, 100'000, "EUR");
  PositionSnap p = basket.Evaluate();
  CHECK(p.status == Status::Eligible);
  CHECK(p.market_value == 100'000 * 1.08);
  basket.builder.SetMarketValue(basket.position, 100'000, "JPY");
  p = basket.Evaluate();
  CHECK(p.status == Status::Rejected);
  CHECK(p.reason == "no FX rate for `JPY`");
}

TEST_CASE("a repeated position id rejects the repeat", "[api]") {
  Basket basket;
  const std::size_t again = basket.builder.AddPosition(basket.account, "p1");
  basket.builder.SetPositionField(again, "asset_class", FieldValue::Enum("gold"));
  basket.builder.SetPositionField(again, "issuer", FieldValue::Text("LBMA"));
  basket.builder.SetPositionField(again, "quantity", FieldValue::Number(1));
  basket.builder.SetMarketValue(again, 1'000, "USD");
  const Report report = Unwrap(UsMargin().Evaluate(Unwrap(basket.builder.Build())));
  const PositionList positions = report.accounts()[0].positions();
  REQUIRE(positions.size() == 2);
  CHECK(positions[0].status() == Status::Eligible);
  CHECK(positions[1].status() == Status::Rejected);
  CHECK(positions[1].reason() == "duplicate position id `p1`");
}

TEST_CASE("a bad account field rejects the account, naming the field", "[api]") {
  Basket basket;
  basket.builder.SetAccountField(basket.account, "threshold", FieldValue::Text("a lot"));
  const Report report = Unwrap(UsMargin().Evaluate(Unwrap(basket.builder.Build())));
  CHECK(report.accounts()[0].rejection() == "field `threshold` is not a money amount: `a lot`");
}

TEST_CASE("file-level problems make Build fail with diagnostics", "[api]") {
  SECTION("no valuation date") {
    InputBuilder b(UsMargin());
    const auto input = b.Build();
    REQUIRE_FALSE(input.ok());
    CHECK(input.error().code == ErrorCode::Input);
    REQUIRE(input.error().diagnostics.size() == 1);
    CHECK(input.error().diagnostics[0].code == "input_error");
    CHECK(input.error().diagnostics[0].message.find("valuation_date") != std::string::npos);
  }
  SECTION("a bad FX rate") {
    Basket basket;
    basket.builder.SetFxRate("GBP", -1);
    const auto input = basket.builder.Build();
    REQUIRE_FALSE(input.ok());
    CHECK(input.error().message.find("the rate of `GBP` is not a positive number") !=
          std::string::npos);
  }
  SECTION("a repeated account id") {
    Basket basket;
    basket.builder.AddAccount("A1");
    const auto input = basket.builder.Build();
    REQUIRE_FALSE(input.ok());
    CHECK(input.error().message.find("duplicate account id `A1`") != std::string::npos);
  }
  SECTION("a bad market field") {
    Basket basket;
    basket.builder.SetMarketField("funding_spread", FieldValue::Text("wide"));
    const auto input = basket.builder.Build();
    REQUIRE_FALSE(input.ok());
    CHECK(input.error().message.find("market: field `funding_spread` is not a percent") !=
          std::string::npos);
  }
  SECTION("an index out of range") {
    Basket basket;
    basket.builder.SetPositionField(7, "quantity", FieldValue::Number(1));
    const auto input = basket.builder.Build();
    REQUIRE_FALSE(input.ok());
    CHECK(input.error().code == ErrorCode::InvalidArgument);
  }
  SECTION("a column past the positions") {
    Basket basket;
    const std::vector<double> values = {1, 2};
    basket.builder.SetColumn("quantity", 0, values);
    const auto input = basket.builder.Build();
    REQUIRE_FALSE(input.ok());
    CHECK(input.error().code == ErrorCode::InvalidArgument);
  }
}

TEST_CASE("columns set many positions at once", "[api]") {
  InputBuilder b(UsMargin());
  b.SetValuationDate({2026, 3, 31});
  const std::size_t account = b.AddAccount("A1");
  b.SetAccountField(account, "requirement", FieldValue::Number(1'000'000));
  const std::vector<std::string> ids = {"c1", "c2", "c3"};
  const std::size_t first = b.AddPositions(account, ids);
  const std::vector<std::string> classes = {"cash", "gold", "cash"};
  const std::vector<std::string> issuers = {"Fed", "LBMA", "Fed"};
  const std::vector<std::string> currencies = {"USD", "USD", "USD"};
  const std::vector<double> quantities = {1, 2, std::nan("")};
  const std::vector<double> values = {100, 200, 300};
  b.SetColumn("asset_class", first, classes);
  b.SetColumn("issuer", first, issuers);
  b.SetColumn("currency", first, currencies);
  b.SetColumn("quantity", first, quantities);
  b.SetColumn("market_value", first, values);
  const Input input = Unwrap(b.Build());
  CHECK(input.position_count() == 3);
  CHECK(input.rejected_position_count() == 1);
  const Report report = Unwrap(UsMargin().Evaluate(input));
  const PositionList positions = report.accounts()[0].positions();
  REQUIRE(positions.size() == 3);
  CHECK(positions[0].adjusted_value() == 100);
  CHECK(positions[1].adjusted_value() == Approx(170));  // gold: 15%
  CHECK(positions[2].status() == Status::Rejected);
  CHECK(positions[2].reason() == "field `quantity` is not a finite number: `nan`");
}

TEST_CASE("an input evaluates only under a policy with the same schema", "[api]") {
  const Engine engine = MakeEngine(EngineKind::Interpreter);
  const Policy crypto = Unwrap(engine.CompileFile(RepoPath("policies/crypto_tiered.collat")));
  const Basket basket;
  const Input input = Unwrap(basket.builder.Build());
  const auto report = crypto.Evaluate(input);
  REQUIRE_FALSE(report.ok());
  CHECK(report.error().code == ErrorCode::Schema);
  // The same policy compiled again (another Policy object) shares the schema.
  const Policy again = Unwrap(engine.CompileFile(RepoPath("policies/us_uncleared_margin.collat")));
  CHECK(again.Evaluate(input).ok());
}

}  // namespace
}  // namespace collat::testing
