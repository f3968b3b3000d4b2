#include "runtime/load_input.h"

#include <pthread.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>

#include "runtime/load_value.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

// ---- a hand-built policy --------------------------------------------------------------------

ir::Field MakeField(std::string name, ir::Type type, std::optional<ir::Value> fallback = {},
                    std::string fallback_text = {}) {
  ir::Field field;
  field.name = std::move(name);
  field.type = type;
  field.default_value = fallback;
  field.default_text = std::move(fallback_text);
  return field;
}

constexpr std::int32_t kAssetClass = 0;
constexpr std::int32_t kRating = 1;

// Base USD; enums AssetClass {cash, government, equity} and Rating ordered {AAA, AA, A, BBB}.
ir::Policy TestPolicy() {
  using ir::Type;
  using ir::TypeKind;
  ir::Policy policy;
  policy.header.currency = "USD";
  policy.enums.push_back({"AssetClass", false, {"cash", "government", "equity"}});
  policy.enums.push_back({"Rating", true, {"AAA", "AA", "A", "BBB"}});
  policy.position_fields = {
      MakeField("asset_class", Type::EnumOf(kAssetClass)),
      MakeField("rating", Type::EnumOf(kRating, true)),
      MakeField("issuer", Type::Of(TypeKind::Text)),
      MakeField("quantity", Type::Of(TypeKind::Number)),
      MakeField("price", Type::Of(TypeKind::Number, true)),
      MakeField("currency", Type::Of(TypeKind::Text), ir::Value::Integer(0), "USD"),
      MakeField("market_value", Type::Of(TypeKind::Money)),
      MakeField("floor", Type::Of(TypeKind::Percent), ir::Value::Number(0.02)),
      MakeField("maturity", Type::Of(TypeKind::Date, true)),
      MakeField("lockup", Type::Of(TypeKind::Duration, true)),
      MakeField("staked", Type::Of(TypeKind::Bool), ir::Value::Bool(false)),
  };
  policy.account_fields = {
      MakeField("currency", Type::Of(TypeKind::Text), ir::Value::Integer(0), "USD"),
      MakeField("requirement", Type::Of(TypeKind::Money)),
      MakeField("threshold", Type::Of(TypeKind::Money), ir::Value::Number(0)),
      MakeField("mpor", Type::Of(TypeKind::Duration), ir::Value::OfDuration({0, 10})),
  };
  policy.market_fields = {
      MakeField("funding_bump", Type::Of(TypeKind::Percent), ir::Value::Number(0)),
      MakeField("stressed", Type::Of(TypeKind::Bool, true)),
  };
  return policy;
}

const ir::Policy& Policy() {
  static const ir::Policy policy = TestPolicy();
  return policy;
}

// ---- helpers --------------------------------------------------------------------------------

std::filesystem::path TempDir() {
  auto dir = std::filesystem::temp_directory_path() / "collat_load_input_test";
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

LoadResult Load(std::string_view yaml, const std::string& base_dir = TempDir().string()) {
  return LoadInputFromString(Policy(), yaml, "input.yaml", base_dir);
}

// The one-account document around `positions` (YAML list items, indented by 6).
std::string WithPositions(std::string_view positions) {
  return "valuation_date: 2026-03-31\n"
         "fx: { EUR: 1.08 }\n"
         "accounts:\n"
         "  - id: A\n"
         "    requirement: 100\n"
         "    positions:\n" +
         std::string(positions);
}

std::string Messages(const LoadResult& result) {
  std::string all;
  for (const Diagnostic& d : result.diagnostics)
    all += d.message + "\n";
  return all;
}

bool HasMessage(const LoadResult& result, std::string_view text) {
  return std::any_of(
      result.diagnostics.begin(), result.diagnostics.end(),
      [&](const Diagnostic& d) { return d.message.find(text) != std::string::npos; });
}

std::size_t FieldIndex(std::string_view name) {
  const std::int32_t index = Policy().FindPositionField(name);
  REQUIRE(index >= 0);
  return static_cast<std::size_t>(index);
}

std::size_t PositionIndex(const Input& input, std::string_view id) {
  for (std::size_t i = 0; i < input.positions.size(); ++i) {
    if (input.positions.ids[i] == id) return i;
  }
  FAIL("no position " << id);
  return 0;
}

bool Known(const Input& input, std::string_view id, std::string_view field) {
  return input.positions.fields[FieldIndex(field)].known[PositionIndex(input, id)] != 0;
}

double NumberOf(const Input& input, std::string_view id, std::string_view field) {
  REQUIRE(Known(input, id, field));
  return input.positions.fields[FieldIndex(field)].numbers[PositionIndex(input, id)];
}

std::int64_t IntegerOf(const Input& input, std::string_view id, std::string_view field) {
  REQUIRE(Known(input, id, field));
  return input.positions.fields[FieldIndex(field)].integers[PositionIndex(input, id)];
}

std::string TextOf(const Input& input, std::string_view id, std::string_view field) {
  return input.text.Text(IntegerOf(input, id, field));
}

const std::string& RejectionOf(const Input& input, std::string_view id) {
  return input.positions.rejection[PositionIndex(input, id)];
}

// Every Positions vector and column has one entry per position; accounts tile the positions.
void CheckShape(const Input& input) {
  const Positions& p = input.positions;
  CHECK(p.account.size() == p.size());
  CHECK(p.rejection.size() == p.size());
  CHECK(p.source_file.size() == p.size());
  CHECK(p.source_line.size() == p.size());
  CHECK(p.market_value.size() == p.size());
  REQUIRE(p.fields.size() == Policy().position_fields.size());
  for (std::size_t f = 0; f < p.fields.size(); ++f) {
    const Column& column = p.fields[f];
    CHECK(column.known.size() == p.size());
    CHECK(column.numbers.size() + column.integers.size() + column.durations.size() == p.size());
  }
  std::uint32_t next = 0;
  for (std::size_t a = 0; a < input.accounts.size(); ++a) {
    const Account& account = input.accounts[a];
    CHECK(account.first_position == next);
    for (std::uint32_t i = 0; i < account.position_count; ++i) {
      CHECK(p.account[account.first_position + i] == static_cast<std::int32_t>(a));
    }
    next += account.position_count;
  }
  CHECK(next == p.size());
}

// Runs `body` on a thread with a `bytes` stack: deep recursion would crash the test binary.
void RunWithStack(std::size_t bytes, const std::function<void()>& body) {
  pthread_attr_t attributes;
  REQUIRE(pthread_attr_init(&attributes) == 0);
  REQUIRE(pthread_attr_setstacksize(&attributes, bytes) == 0);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  std::function<void()> copy = body;
  REQUIRE(pthread_create(&thread, &attributes, trampoline, &copy) == 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
}

// ---- happy paths ----------------------------------------------------------------------------

TEST_CASE("a YAML input with two accounts loads every field by its type", "[loaders]") {
  const std::string yaml = R"(valuation_date: 2026-03-31
fx: { EUR: 1.08 }
market: { funding_bump: 15%, stressed: true }
accounts:
  - id: ACC-1
    requirement: 1_000_000
    mpor: 2w
    positions:
      - { id: P1, asset_class: equity, rating: AAA, issuer: ACME, quantity: 10, price: 12.5,
          market_value: 125, floor: 0.15, maturity: 2028-02-29, lockup: 6m, staked: true }
      - id: P2
        asset_class: cash
        issuer: "USD Cash"
        quantity: 1_000
        market_value: 1000
  - id: ACC-2
    threshold: 5
    requirement: 7
    positions:
      - { id: P1, asset_class: government, rating: BBB, issuer: ACME, quantity: 1,
          market_value: 2, lockup: 1y }
)";
  const LoadResult result = Load(yaml);
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  CheckShape(input);

  CHECK(input.market.valuation_date == ir::DaysFromCivil(2026, 3, 31));
  CHECK(input.market.fx.at("EUR") == 1.08);
  CHECK(input.market.fx.at("USD") == 1);
  REQUIRE(input.market.fields.size() == 2);
  CHECK(input.market.fields[0].number == 0.15);
  CHECK(input.market.fields[1].truth());

  REQUIRE(input.accounts.size() == 2);
  CHECK(input.accounts[0].id == "ACC-1");
  CHECK(input.accounts[0].rejection.empty());
  CHECK(input.accounts[0].fields[1].number == 1'000'000);
  CHECK(input.accounts[0].fields[2].number == 0);  // default
  CHECK(input.accounts[0].fields[3].duration == ir::Duration{0, 14});
  CHECK(input.accounts[1].fields[3].duration == ir::Duration{0, 10});  // default
  CHECK(input.text.Text(input.accounts[1].fields[0].integer) == "USD");
  CHECK(input.accounts[0].first_position == 0);
  CHECK(input.accounts[0].position_count == 2);
  CHECK(input.accounts[1].first_position == 2);
  CHECK(input.accounts[1].position_count == 1);

  const Positions& p = input.positions;
  REQUIRE(p.size() == 3);
  CHECK(p.ids == std::vector<std::string>{"P1", "P2", "P1"});  // ids are unique per account
  CHECK(p.Source(0) == "input.yaml:9");
  CHECK(p.Source(1) == "input.yaml:11");
  CHECK(p.Source(2) == "input.yaml:20");
  CHECK(std::all_of(p.rejection.begin(), p.rejection.end(), [](auto& r) { return r.empty(); }));
  CHECK(p.market_value == std::vector<double>{125, 1000, 2});

  const std::size_t rating = FieldIndex("rating");
  CHECK(p.fields[rating].integers[0] == Policy().enums[kRating].Rank(0));  // AAA is the top rank
  CHECK(p.fields[rating].integers[0] == 3);
  CHECK(p.fields[rating].known[1] == 0);     // optional, absent
  CHECK(p.fields[rating].integers[2] == 0);  // BBB, the lowest
  CHECK(p.fields[FieldIndex("asset_class")].integers == std::vector<std::int64_t>{2, 0, 1});
  CHECK(TextOf(input, "P2", "issuer") == "USD Cash");
  CHECK(p.fields[FieldIndex("issuer")].integers[0] == p.fields[FieldIndex("issuer")].integers[2]);
  CHECK(p.fields[FieldIndex("quantity")].numbers == std::vector<double>{10, 1000, 1});
  CHECK(p.fields[FieldIndex("price")].numbers[0] == 12.5);
  CHECK(p.fields[FieldIndex("floor")].numbers == std::vector<double>{0.15, 0.02, 0.02});
  CHECK(p.fields[FieldIndex("maturity")].integers[0] == ir::DaysFromCivil(2028, 2, 29));
  CHECK(p.fields[FieldIndex("lockup")].durations[0] == ir::Duration{6, 0});
  CHECK(p.fields[FieldIndex("lockup")].durations[2] == ir::Duration{12, 0});
  CHECK(p.fields[FieldIndex("staked")].integers == std::vector<std::int64_t>{1, 0, 0});
}

TEST_CASE("defaults fill absent fields and absent optional fields are unknown", "[loaders]") {
  const LoadResult result = Load(WithPositions(
      "      - { id: P1, asset_class: cash, issuer: X, quantity: 1, market_value: 1 }\n"
      "      - { id: P2, asset_class: cash, issuer: X, quantity: 1, market_value: 1,\n"
      "          price: ~, maturity: , rating: null }\n"));
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  CHECK(TextOf(input, "P1", "currency") == "USD");
  CHECK(NumberOf(input, "P1", "floor") == 0.02);
  CHECK(IntegerOf(input, "P1", "staked") == 0);
  for (const char* id : {"P1", "P2"}) {
    CHECK(RejectionOf(input, id).empty());
    for (const char* field : {"rating", "price", "maturity", "lockup"}) {
      CHECK_FALSE(Known(input, id, field));
    }
  }
}

TEST_CASE("money is converted to the base currency with the FX rate", "[loaders]") {
  const std::string yaml = R"(valuation_date: 2026-03-31
fx: { EUR: 1.08, GBP: 1.27 }
accounts:
  - id: A
    currency: GBP
    requirement: 1_000
    threshold: 10 GBP
    positions:
      - { id: EUR1, currency: EUR, asset_class: cash, issuer: X, quantity: 1, market_value: 1_000_000 }
      - { id: EUR2, currency: EUR, asset_class: cash, issuer: X, quantity: 1, market_value: 100 EUR }
      - { id: USD1, asset_class: cash, issuer: X, quantity: 1, market_value: 1_000_000 }
      - { id: JPY1, currency: JPY, asset_class: cash, issuer: X, quantity: 1, market_value: 5 }
)";
  const LoadResult result = Load(yaml);
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  CheckShape(input);
  const double eur = 1.08;
  const double gbp = 1.27;
  CHECK(NumberOf(input, "EUR1", "market_value") == 1'000'000 * eur);
  CHECK(input.positions.market_value[PositionIndex(input, "EUR1")] == 1'000'000 * eur);
  CHECK(NumberOf(input, "EUR2", "market_value") == 100 * eur);  // a code that agrees is fine
  CHECK(RejectionOf(input, "EUR2").empty());
  CHECK(NumberOf(input, "USD1", "market_value") == 1'000'000);
  CHECK(input.accounts[0].rejection.empty());
  CHECK(input.accounts[0].fields[1].number == 1'000 * gbp);
  CHECK(input.accounts[0].fields[2].number == 10 * gbp);

  CHECK(RejectionOf(input, "JPY1") == "no FX rate for `JPY`");
  CHECK_FALSE(Known(input, "JPY1", "market_value"));
  CHECK(input.positions.market_value[PositionIndex(input, "JPY1")] == 0);
  CHECK(Known(input, "JPY1", "quantity"));  // what parsed stays
}

TEST_CASE("money whose code disagrees with the record's currency is rejected", "[loaders]") {
  // Before, the code silently won: the amount was converted from EUR while `currency` still said
  // USD, so a currency-mismatch haircut reading `currency` did not bite.
  const std::string yaml = R"(valuation_date: 2026-03-31
fx: { EUR: 1.08, GBP: 1.27 }
accounts:
  - id: A
    requirement: 1_000
    positions:
      - { id: MIX, currency: EUR, asset_class: cash, issuer: X, quantity: 1, market_value: 100 GBP }
      - { id: DEFAULTED, asset_class: cash, issuer: X, quantity: 1, market_value: 400_000 EUR }
      - { id: SAME, currency: USD, asset_class: cash, issuer: X, quantity: 1, market_value: 7 USD }
  - { id: B, currency: GBP, requirement: 5 EUR }
)";
  const LoadResult result = Load(yaml);
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  CheckShape(input);
  CHECK(RejectionOf(input, "MIX") ==
        "field `market_value` is in `GBP` but field `currency` is `EUR`: write the amount without "
        "a code, or in the record's currency");
  CHECK_FALSE(Known(input, "MIX", "market_value"));
  CHECK(input.positions.market_value[PositionIndex(input, "MIX")] == 0);
  // A defaulted `currency` (USD here) is the record's currency too.
  CHECK(RejectionOf(input, "DEFAULTED") ==
        "field `market_value` is in `EUR` but field `currency` is `USD`: write the amount without "
        "a code, or in the record's currency");
  CHECK(RejectionOf(input, "SAME").empty());
  CHECK(NumberOf(input, "SAME", "market_value") == 7);
  REQUIRE(input.accounts.size() == 2);
  CHECK(input.accounts[0].rejection.empty());
  CHECK(input.accounts[1].rejection ==
        "field `requirement` is in `EUR` but field `currency` is `GBP`: write the amount without "
        "a code, or in the record's currency");
}

TEST_CASE("an account with no FX rate or a bad field is kept, rejected", "[loaders]") {
  const std::string yaml = R"(valuation_date: 2026-03-31
accounts:
  - { id: A, currency: CHF, requirement: 1 }
  - id: B
    requirement: lots
    positions:
      - { id: P1, asset_class: cash, issuer: X, quantity: 1, market_value: 1 }
  - { id: C }
  - { id: D, requirement: 1, colour: blue }
)";
  const LoadResult result = Load(yaml);
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  REQUIRE(input.accounts.size() == 4);
  CHECK(input.accounts[0].rejection == "no FX rate for `CHF`");
  CHECK(input.accounts[1].rejection == "field `requirement` is not a money amount: `lots`");
  CHECK(input.accounts[1].position_count == 1);
  CHECK(input.positions.rejection[0].empty());  // the evaluator rejects it with its account
  CHECK(input.accounts[2].rejection == "missing required field `requirement`");
  CHECK(input.accounts[3].rejection == "unknown field `colour`");
  CheckShape(input);
}

// ---- rejections -----------------------------------------------------------------------------

TEST_CASE("every rejection reason names the field and keeps the position", "[loaders]") {
  const std::string base = "asset_class: cash, issuer: X, quantity: 1, market_value: 1";
  struct Case {
    std::string fields;  // replaces or extends `base`
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"asset_class: cash, quantity: 1, market_value: 1", "missing required field `issuer`"},
      {"issuer: X, quantity: 1, market_value: 1", "missing required field `asset_class`"},
      {base + ", rating: AAA+", "field `rating`: `AAA+` is not a label of enum `Rating`"},
      {"asset_class: Cash, issuer: X, quantity: 1, market_value: 1",
       "field `asset_class`: `Cash` is not a label of enum `AssetClass`"},
      {base + ", price: abc", "field `price` is not a number: `abc`"},
      {base + ", price: 1.2.3", "field `price` is not a number: `1.2.3`"},
      {base + ", price: 0x10", "field `price` is not a number: `0x10`"},
      {base + ", price: .nan", "field `price` is not a finite number: `.nan`"},
      {base + ", price: -.inf", "field `price` is not a finite number: `-.inf`"},
      {base + ", price: 1e999", "field `price` is not a finite number: `1e999`"},
      {"asset_class: cash, issuer: X, quantity: -5, market_value: 1",
       "field `quantity` is negative: `-5`"},
      {"asset_class: cash, issuer: X, quantity: 1, market_value: -0.5",
       "field `market_value` is negative: `-0.5`"},
      {base + ", maturity: 2026-13-01", "field `maturity` is not a date: `2026-13-01`"},
      {base + ", maturity: 2026-02-30", "field `maturity` is not a date: `2026-02-30`"},
      {base + ", maturity: 26-1-1", "field `maturity` is not a date: `26-1-1`"},
      {base + ", maturity: 0000-01-01", "field `maturity` is not a date: `0000-01-01`"},
      {base + ", maturity: 0000-02-29", "field `maturity` is not a date: `0000-02-29`"},
      {base + ", lockup: 6x", "field `lockup` is not a duration: `6x`"},
      {base + ", lockup: 1.5y", "field `lockup` is not a duration: `1.5y`"},
      {base + ", staked: yes", "field `staked` is not `true` or `false`: `yes`"},
      {base + ", floor: abc%", "field `floor` is not a percent: `abc%`"},
      {"asset_class: cash, issuer: X, quantity: 1, market_value: 1 usd",
       "field `market_value` is not a money amount: `1 usd`"},
      {base + ", foo: 1", "unknown field `foo`"},
      {base + ", quantiy: 2", "unknown field `quantiy`"},
      {base + ", currency: JPY", "no FX rate for `JPY`"},
      {base + ", price: [1, 2]", "field `price` must be a single value, not a list or mapping"},
      {base + ", price: 1, price: 2", "duplicate field `price`"},
  };
  for (const Case& c : cases) {
    INFO(c.fields);
    const LoadResult result = Load(WithPositions("      - { id: P1, " + c.fields + " }\n"));
    REQUIRE(Messages(result).empty());
    REQUIRE(result.input.positions.size() == 1);
    CHECK(result.input.positions.rejection[0] == c.reason);
    CHECK(result.input.positions.ids[0] == "P1");
    CHECK(result.input.positions.Source(0) == "input.yaml:7");
    CheckShape(result.input);
  }
}

TEST_CASE("a rejected position keeps the values that parsed", "[loaders]") {
  const LoadResult result = Load(WithPositions(
      "      - { id: P1, asset_class: equity, issuer: X, quantity: 3, market_value: 9,"
      " price: abc, rating: Z }\n"));
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  CHECK(RejectionOf(input, "P1") ==
        "field `rating`: `Z` is not a label of enum `Rating`");  // first in order
  CHECK_FALSE(Known(input, "P1", "price"));
  CHECK_FALSE(Known(input, "P1", "rating"));
  CHECK(NumberOf(input, "P1", "quantity") == 3);
  CHECK(input.positions.market_value[0] == 9);
}

TEST_CASE("ids: a repeated id is rejected, a missing id is a rejection", "[loaders]") {
  const LoadResult result = Load(WithPositions(
      "      - { id: P1, asset_class: cash, issuer: X, quantity: 1, market_value: 1 }\n"
      "      - { id: P1, asset_class: cash, issuer: Y, quantity: 2, market_value: 2 }\n"
      "      - { asset_class: cash, issuer: X, quantity: 1, market_value: 1 }\n"
      "      - { id: [1], asset_class: cash, issuer: X, quantity: 1, market_value: 1 }\n"));
  REQUIRE(result.diagnostics.empty());
  const Positions& p = result.input.positions;
  REQUIRE(p.size() == 4);
  CHECK(p.rejection[0].empty());
  CHECK(p.rejection[1] == "duplicate position id `P1`");
  CHECK(p.rejection[2] == "missing required field `id`");
  CHECK(p.rejection[3] == "field `id` must be a single value, not a list or mapping");
}

// ---- CSV ------------------------------------------------------------------------------------

TEST_CASE("a YAML file with a CSV of positions loads from disk", "[loaders]") {
  const std::string path = testing::RepoPath("tests/data/loaders/basic.yaml");
  const LoadResult result = LoadInput(Policy(), path);
  REQUIRE(Messages(result).empty());
  const Input& input = result.input;
  CheckShape(input);
  REQUIRE(input.accounts.size() == 2);
  // Grouped by account in account order; YAML positions first, then CSV rows in file order.
  CHECK(input.positions.ids == std::vector<std::string>{"Y1", "C2", "C4", "C1", "C3"});
  const std::string csv = testing::RepoPath("tests/data/loaders/basic.csv");
  std::vector<std::string> sources;
  for (std::size_t i = 0; i < input.positions.size(); ++i)
    sources.push_back(input.positions.Source(i));
  CHECK(sources ==
        std::vector<std::string>{path + ":10", csv + ":3", csv + ":6", csv + ":2", csv + ":4"});
  CHECK(TextOf(input, "C1", "issuer") == "Republic, of \"Testland\"");
  CHECK(TextOf(input, "C3", "issuer") == "multi\nline");
  CHECK(IntegerOf(input, "C1", "rating") == 2);
  CHECK_FALSE(Known(input, "C2", "rating"));        // empty cell: absent optional
  CHECK(TextOf(input, "C2", "currency") == "USD");  // empty cell: default
  CHECK(NumberOf(input, "C1", "market_value") == 5000 * 1.08);
  CHECK(NumberOf(input, "C3", "market_value") == 700 * 1.27);
  CHECK(IntegerOf(input, "C1", "maturity") == ir::DaysFromCivil(2030, 6, 30));
  CHECK(input.accounts[1].fields[1].number == 500'000 * 1.08);
  CHECK(input.market.fields[0].number == 0.02);
}

struct CsvCase {
  std::filesystem::path yaml;
  std::string csv_path;
};

// Writes `csv` next to a YAML with accounts A and B that names it.
CsvCase WriteCsvCase(std::string_view name, std::string_view csv) {
  const auto dir = TempDir();
  CsvCase c{dir / (std::string(name) + ".yaml"), (dir / (std::string(name) + ".csv")).string()};
  WriteFile(c.yaml,
            "valuation_date: 2026-03-31\n"
            "accounts:\n"
            "  - { id: A, requirement: 1 }\n"
            "  - { id: B, requirement: 1 }\n"
            "positions_csv: " +
                std::string(name) + ".csv\n");
  WriteFile(c.csv_path, csv);
  return c;
}

TEST_CASE("CSV: CRLF, a BOM, quoted empty text, blank lines, any column order", "[loaders]") {
  const CsvCase c =
      WriteCsvCase("crlf",
                   "\xEF\xBB\xBFquantity,issuer,id,account,asset_class,market_value\r\n"
                   "1,\"\",P1,B,cash,1\r\n"
                   "\r\n"
                   "2,\"x\r\ny\",P2,A,cash,2\r\n"
                   "3,z,P3,B,cash,3");
  const LoadResult result = LoadInput(Policy(), c.yaml.string());
  REQUIRE(Messages(result).empty());
  const Input& input = result.input;
  CheckShape(input);
  CHECK(input.positions.ids == std::vector<std::string>{"P2", "P1", "P3"});
  CHECK(TextOf(input, "P1", "issuer").empty());  // `""` is text, not absent
  CHECK(TextOf(input, "P2", "issuer") == "x\r\ny");
  CHECK(input.positions.Source(0) == c.csv_path + ":4");
  CHECK(input.positions.Source(2) == c.csv_path + ":6");
}

TEST_CASE("CSV: rows are validated like YAML positions", "[loaders]") {
  const CsvCase c = WriteCsvCase("rows",
                                 "account,id,asset_class,issuer,quantity,market_value,price\n"
                                 "A,P1,cash,X,-1,1,\n"
                                 "A,P1,cash,X,1,1,abc\n"
                                 "A,,cash,X,1,1,\n"
                                 "B,P1,cash,,1,1,\n");
  const LoadResult result = LoadInput(Policy(), c.yaml.string());
  REQUIRE(Messages(result).empty());
  const Positions& p = result.input.positions;
  REQUIRE(p.size() == 4);
  CHECK(p.rejection[0] == "field `quantity` is negative: `-1`");
  CHECK(p.rejection[1] == "field `price` is not a number: `abc`");
  CHECK(p.rejection[2] == "missing required field `id`");
  CHECK(p.rejection[3] == "missing required field `issuer`");
}

TEST_CASE("CSV: a money code must agree with the row's currency", "[loaders]") {
  // The third row's empty `currency` cell takes the default, USD, which the code contradicts.
  const CsvCase c = WriteCsvCase("codes",
                                 "account,id,asset_class,issuer,currency,quantity,market_value\n"
                                 "A,SAME,cash,X,USD,1,100 USD\n"
                                 "A,MIX,cash,X,USD,1,100 GBP\n"
                                 "A,DEFAULTED,cash,X,,1,100 EUR\n");
  const LoadResult result = LoadInput(Policy(), c.yaml.string());
  REQUIRE(Messages(result).empty());
  const Positions& p = result.input.positions;
  REQUIRE(p.size() == 3);
  CHECK(p.rejection[0].empty());
  CHECK(p.market_value[0] == 100);
  CHECK(p.rejection[1] ==
        "field `market_value` is in `GBP` but field `currency` is `USD`: write the amount without "
        "a code, or in the record's currency");
  CHECK(p.market_value[1] == 0);
  CHECK(p.rejection[2] ==
        "field `market_value` is in `EUR` but field `currency` is `USD`: write the amount without "
        "a code, or in the record's currency");
}

TEST_CASE("CSV: file errors name the file, the line and the field", "[loaders]") {
  struct Case {
    std::string csv;
    std::string message;  // after "<csv path>:"
  };
  const std::string header = "account,id,asset_class,issuer,quantity,market_value\n";
  const std::vector<Case> cases = {
      {header + "A,P1,cash,X,1,1\nZ,P2,cash,X,1,1\n", "3: field `account`: unknown account `Z`"},
      {header + "A,P1,cash,X,1\n", "2: the row has 5 fields; the header has 6"},
      {header + "A,P1,cash,X,1,1,7\n", "2: the row has 7 fields; the header has 6"},
      {header + "A,P1,cash,X,1,1\nA,P2,cash,\"X,1,1\n", "3: unterminated quote in field `issuer`"},
      {header + "A,P1,cash,X\"Y,1,1\n", "2: malformed quoting in field `issuer`"},
      {header + "A,P1,cash,\"X\"Y,1,1\n", "2: malformed quoting in field `issuer`"},
      {"account,id,colour\n", "1: unknown field `colour` in the header"},
      {"account,issuer\n", "1: the header has no `id` column"},
      {"account,id,id\n", "1: field `id` appears twice in the header"},
      {"", "1: the file is empty"},
      {header + "A,P1,cash,\xFF,1,1\n", "2: field `issuer` is not UTF-8 text"},
      // Lines end with LF or CRLF: a bare CR is an error at the line it ends.
      {header + "A,P1,cash,X,1,1\rA,P2,cash,X,1,1\n", "2: the line ends with a bare CR"},
      {"account,id,asset_class,issuer,quantity,market_value\rA,P1,cash,X,1,1\n",
       "1: the line ends with a bare CR"},
      {header + "A,P1,cash,X,1,1\r", "2: the line ends with a bare CR"},
      {header + "A,P1,cash,X,1,1\r\r\n", "2: the line ends with a bare CR"},
      {header + "A,P1,cash,X,1,1\r\nA,P2,cash,X,1,1\rA,P3,cash,X,1,1\r\n",
       "3: the line ends with a bare CR"},
  };
  for (const Case& c : cases) {
    INFO(c.csv);
    const CsvCase files = WriteCsvCase("errors", c.csv);
    const LoadResult result = LoadInput(Policy(), files.yaml.string());
    INFO(Messages(result));
    CHECK(HasErrors(result.diagnostics));
    CHECK(HasMessage(result, files.csv_path + ":" + c.message));
  }
}

TEST_CASE("CSV: a missing or unreadable file is an error where the YAML names it", "[loaders]") {
  const std::string yaml = "valuation_date: 2026-03-31\naccounts: []\npositions_csv: nope.csv\n";
  const LoadResult missing = Load(yaml);
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].kind == DiagnosticKind::io_error);
  CHECK(missing.diagnostics[0].message.find("input.yaml:3: field `positions_csv`: cannot read `") ==
        0);
  CHECK(HasMessage(missing, "nope.csv"));

  const LoadResult directory = Load("valuation_date: 2026-03-31\naccounts: []\npositions_csv: .\n");
  CHECK(HasMessage(directory, "input.yaml:3: field `positions_csv`: cannot read"));
  CHECK(HasMessage(directory, "directory"));
}

TEST_CASE("CSV: past 100 errors one closing error stops the file", "[loaders]") {
  std::string csv = "account,id,asset_class,issuer,quantity,market_value\n";
  for (int i = 0; i < 1000; ++i)
    csv += "Z,P,cash,X,1,1\n";
  const CsvCase c = WriteCsvCase("many_errors", csv);
  const LoadResult result = LoadInput(Policy(), c.yaml.string());
  REQUIRE(result.diagnostics.size() == 101);
  CHECK(result.diagnostics[99].message ==
        c.csv_path + ":101: field `account`: unknown account `Z`");
  CHECK(result.diagnostics[100].message == c.csv_path + ": too many errors; stopped after 100");
}

// ---- value parsers --------------------------------------------------------------------------

TEST_CASE("value parsers: numbers, percents, money, dates, durations", "[loaders]") {
  using load::NumberStatus;
  double x = 0;
  CHECK((load::ParseNumber("1_000.25", x) == NumberStatus::Ok && x == 1000.25));
  CHECK((load::ParseNumber("+5", x) == NumberStatus::Ok && x == 5));
  CHECK((load::ParseNumber("-2e3", x) == NumberStatus::Ok && x == -2000));
  CHECK((load::ParseNumber("1e-400", x) == NumberStatus::Ok && x == 0));  // underflow is fine
  for (const char* bad :
       {"", "-", "1__0", "_1", "1_", "1.", ".5", "1e", "0x1", "1,5", " 1", "1 "}) {
    INFO(bad);
    CHECK(load::ParseNumber(bad, x) == NumberStatus::Invalid);
  }
  for (const char* infinite : {".inf", "-.Inf", "+.INF", ".NaN", "nan", "Infinity", "1e309"}) {
    INFO(infinite);
    CHECK(load::ParseNumber(infinite, x) == NumberStatus::NotFinite);
  }
  CHECK((load::ParsePercent("15%", x) == NumberStatus::Ok && x == 0.15));
  CHECK((load::ParsePercent("15.5%", x) == NumberStatus::Ok && x == 0.155));
  CHECK((load::ParsePercent("0.1%", x) == NumberStatus::Ok && x == 0.001));
  CHECK((load::ParsePercent("100%", x) == NumberStatus::Ok && x == 1));
  CHECK((load::ParsePercent("0.15", x) == NumberStatus::Ok && x == 0.15));
  CHECK((load::ParsePercent("1e1%", x) == NumberStatus::Ok && x == 0.1));
  CHECK(load::ParsePercent("%", x) == NumberStatus::Invalid);
  CHECK(load::ParsePercent("5 %", x) == NumberStatus::Invalid);
  std::string_view currency;
  CHECK((load::ParseMoney("500_000 EUR", x, currency) == NumberStatus::Ok && x == 500'000 &&
         currency == "EUR"));
  CHECK((load::ParseMoney("7", x, currency) == NumberStatus::Ok && currency.empty()));
  CHECK(load::ParseMoney("7EUR", x, currency) == NumberStatus::Invalid);
  CHECK(load::ParseMoney("EUR", x, currency) == NumberStatus::Invalid);
  std::int64_t days = 0;
  CHECK((load::ParseDate("2024-02-29", days) && days == ir::DaysFromCivil(2024, 2, 29)));
  CHECK((load::ParseDate("1970-01-01", days) && days == 0));
  for (const char* bad : {"2023-02-29", "2026-04-31", "2026-00-10", "2026-1-01", "2026/01/01",
                          "2026-01-01T00:00", "20260101"}) {
    INFO(bad);
    CHECK_FALSE(load::ParseDate(bad, days));
  }
  ir::Duration d;
  CHECK((load::ParseDuration("0d", d) && d == ir::Duration{0, 0}));
  CHECK((load::ParseDuration("2w", d) && d == ir::Duration{0, 14}));
  CHECK((load::ParseDuration("999999y", d) && d == ir::Duration{999'999 * 12, 0}));
  for (const char* bad : {"", "d", "1", "1D", "1000000d", "-1d", "1.5y", "1y2m", " 1d"}) {
    INFO(bad);
    CHECK_FALSE(load::ParseDuration(bad, d));
  }
  CHECK(load::Excerpt(std::string(100, 'a')) == std::string(40, 'a') + "...");
  CHECK(load::Excerpt("a\nb") == "a b");
  CHECK(load::IsCleanText("caf\xC3\xA9\t\r\n"));
  CHECK_FALSE(load::IsCleanText("\xC3"));
  CHECK_FALSE(load::IsCleanText(std::string_view("a\0b", 3)));
}

// ---- conservation ---------------------------------------------------------------------------

TEST_CASE("conservation: every input record appears exactly once", "[loaders]") {
  std::mt19937 random(42);
  constexpr int kAccounts = 7;
  const std::vector<std::string> values = {"1", "-1", "abc", "", ".nan", "2", "1e999"};
  std::string yaml = "valuation_date: 2026-03-31\naccounts:\n";
  std::map<std::string, int> expected;  // "account/id#n" -> count
  int serial = 0;
  for (int a = 0; a < kAccounts; ++a) {
    yaml += "  - id: A" + std::to_string(a) + "\n    requirement: 1\n    positions:\n";
    for (int i = 0; i < 20; ++i) {
      const std::string id = "Y" + std::to_string(serial++);
      const std::string quantity = values[random() % values.size()];
      yaml += "      - { id: " + id + ", asset_class: cash, issuer: X, quantity: '" + quantity +
              "', market_value: 1 }\n";
      ++expected["A" + std::to_string(a) + "/" + id];
    }
  }
  std::string csv = "account,id,asset_class,issuer,quantity,market_value\n";
  for (int i = 0; i < 2000; ++i) {
    const std::string account = "A" + std::to_string(random() % kAccounts);
    const std::string id = "C" + std::to_string(random() % 1500);  // some repeat
    csv += account + "," + id + ",cash,X," + values[random() % values.size()] + ",1\n";
    ++expected[account + "/" + id];
  }
  WriteFile(TempDir() / "conservation.csv", csv);
  yaml += "positions_csv: conservation.csv\n";

  const LoadResult result = Load(yaml);
  REQUIRE(Messages(result).empty());
  const Input& input = result.input;
  CheckShape(input);
  std::map<std::string, int> seen;
  std::map<std::string, int> valid;
  for (std::size_t i = 0; i < input.positions.size(); ++i) {
    const std::string key =
        input.accounts[static_cast<std::size_t>(input.positions.account[i])].id + "/" +
        input.positions.ids[i];
    ++seen[key];
    if (input.positions.rejection[i].empty()) ++valid[key];
  }
  CHECK(seen == expected);
  for (const auto& [key, count] : valid)
    CHECK(count == 1);  // repeats are rejected
}

// ---- malformed files ------------------------------------------------------------------------

TEST_CASE("malformed YAML inputs are errors naming the file, the line and the field", "[loaders]") {
  struct Case {
    std::string yaml;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"valuation_date: 2026-03-31\naccounts: [\n", "input.yaml:3: YAML syntax error"},
      {"valuation_date: 2026-03-31\naccounts:\n  - id: A\n   bad: indent\n",
       "input.yaml:4: YAML syntax error"},
      {"- 1\n- 2\n", "input.yaml:1: the input is a list, not a mapping"},
      {"just text\n", "input.yaml:1: the input is `just text`, not a mapping"},
      {"accounts: []\n", "input.yaml:1: missing `valuation_date`"},
      {"valuation_date:\naccounts: []\n", "missing `valuation_date`"},
      {"\n\nvaluation_date: 2026-02-30\naccounts: []\n",
       "input.yaml:3: `valuation_date` is not a date: `2026-02-30`"},
      {"valuation_date: 0000-01-01\naccounts: []\n",
       "input.yaml:1: `valuation_date` is not a date: `0000-01-01`"},
      {"valuation_date: [2026]\naccounts: []\n",
       "input.yaml:1: `valuation_date` is not a date: a list"},
      {"valuation_date: 2026-03-31\n", "input.yaml:1: missing `accounts`"},
      {"valuation_date: 2026-03-31\naccounts: { id: A }\n",
       "input.yaml:2: `accounts` is a mapping, not a list of accounts"},
      {"valuation_date: 2026-03-31\naccounts: []\nacounts: []\n",
       "input.yaml:3: unknown key `acounts`"},
      {"valuation_date: 2026-03-31\nvaluation_date: 2026-03-31\naccounts: []\n",
       "input.yaml:2: duplicate key `valuation_date`"},
      {"valuation_date: 2026-03-31\nfx: { EUR: 0 }\naccounts: []\n",
       "input.yaml:2: field `fx`: the rate of `EUR` is not a positive number: `0`"},
      {"valuation_date: 2026-03-31\nfx: { EUR: .nan }\naccounts: []\n",
       "the rate of `EUR` is not a positive number"},
      {"valuation_date: 2026-03-31\nfx: { eur: 1 }\naccounts: []\n",
       "field `fx`: `eur` is not a currency code"},
      {"valuation_date: 2026-03-31\nfx: { USD: 2 }\naccounts: []\n",
       "the rate of the base currency `USD` must be 1"},
      {"valuation_date: 2026-03-31\nfx: [1]\naccounts: []\n", "input.yaml:2: `fx` is a list"},
      {"valuation_date: 2026-03-31\nmarket:\n  funding_bump: lots\naccounts: []\n",
       "input.yaml:3: market: field `funding_bump` is not a percent: `lots`"},
      {"valuation_date: 2026-03-31\nmarket: { colour: red }\naccounts: []\n",
       "input.yaml:2: market: unknown field `colour`"},
      {"valuation_date: 2026-03-31\naccounts:\n  - { requirement: 1 }\n",
       "input.yaml:3: field `id`: an account needs an id"},
      {"valuation_date: 2026-03-31\naccounts:\n  - { id: A, requirement: 1 }\n  - { id: A, "
       "requirement: 1 }\n",
       "input.yaml:4: field `id`: duplicate account id `A` (first at line 3)"},
      {"valuation_date: 2026-03-31\naccounts:\n  - 5\n", "input.yaml:3: an account is `5`"},
      {"valuation_date: 2026-03-31\naccounts:\n  - { id: A, requirement: 1, positions: 5 }\n",
       "input.yaml:3: field `positions` of account `A` is `5`, not a list"},
      {"valuation_date: 2026-03-31\naccounts:\n  - id: A\n    positions: [ 7 ]\n",
       "input.yaml:4: a position is `7`, not a mapping"},
      {"valuation_date: 2026-03-31\naccounts: []\npositions_csv: [a]\n",
       "input.yaml:3: field `positions_csv` is a list, not a file path"},
      {"valuation_date: 2026-03-31\naccounts:\n  - &a { id: A, requirement: 1 }\n  - *a\n",
       "input.yaml:3: an account or position is an alias"},
  };
  for (const Case& c : cases) {
    INFO(c.yaml);
    const LoadResult result = Load(c.yaml);
    INFO(Messages(result));
    REQUIRE(HasErrors(result.diagnostics));
    CHECK(HasMessage(result, c.message));
    for (const Diagnostic& d : result.diagnostics) {
      CHECK(d.file == nullptr);
      CHECK(KindPhase(d.kind) == Phase::Io);
    }
    CheckShape(result.input);
  }
}

TEST_CASE("aliases cannot multiply positions", "[loaders]") {
  std::string yaml =
      "valuation_date: 2026-03-31\naccounts:\n  - id: A\n    requirement: 1\n    positions: &p\n"
      "      - { id: P, asset_class: cash, issuer: X, quantity: 1, market_value: 1 }\n";
  for (int i = 0; i < 1000; ++i) {
    yaml += "  - { id: B" + std::to_string(i) + ", requirement: 1, positions: *p }\n";
  }
  const LoadResult result = Load(yaml);
  CHECK(HasMessage(result, "input.yaml:6: an account or position is an alias"));
  CHECK(result.input.positions.size() == 1);
}

// ---- hostile inputs -------------------------------------------------------------------------

// Loads `yaml` on a 256 KiB stack: it must return with an error, without crashing.
void ExpectRefused(const std::string& yaml, std::string_view message = {}) {
  LoadResult result;
  RunWithStack(256 * 1024, [&] { result = Load(yaml); });
  INFO(Messages(result).substr(0, 2000));
  CHECK(HasErrors(result.diagnostics));
  if (!message.empty()) CHECK(HasMessage(result, message));
  CheckShape(result.input);
}

TEST_CASE("hostile YAML: empty, binary, huge lines, deep nesting", "[loaders]") {
  ExpectRefused("", "input.yaml:1: the input is empty");
  ExpectRefused("   \n\n# only a comment\n", "the input is empty");
  ExpectRefused(std::string("valuation_date: 2026-03-31\n\x00\x01\x02", 29),
                "input.yaml:2: control character 0x00");
  ExpectRefused("valuation_date: 2026-03-31\naccounts: [\xC3\x28]\n",
                "input.yaml:2: invalid UTF-8");
  std::string binary;
  std::mt19937 random(7);
  for (int i = 0; i < 4096; ++i)
    binary.push_back(static_cast<char>(random() % 256));
  ExpectRefused(binary);
  ExpectRefused(std::string(1 << 20, 'x'), "not a mapping");
  ExpectRefused("valuation_date: 2026-03-31\naccounts: " + std::string(1 << 20, 'x') + "\n",
                "not a list");
  ExpectRefused("key: \"" + std::string(1 << 20, 'q') + "\n");  // yaml-cpp ends the quote at EOF
  std::string printable;
  const std::string alphabet = "[]{}-:?&*!|>'\"#, \tab0";
  for (int i = 0; i < (1 << 20); ++i)
    printable.push_back(alphabet[random() % alphabet.size()]);
  ExpectRefused(printable);
  ExpectRefused("valuation_date: 2026-03-31\naccounts: " + printable + "\n");

  const std::string too_deep = "nesting deeper than 64 levels";
  ExpectRefused(std::string(10'000, '['), "input.yaml:1: " + too_deep);
  ExpectRefused(std::string(10'000, '{'), too_deep);
  ExpectRefused("accounts: !tag &anchor " + std::string(10'000, '['), too_deep);
  ExpectRefused("accounts: |\n    text\n  " + std::string(10'000, '['), too_deep);
  ExpectRefused("accounts: " + std::string(10'000, '[') + std::string(10'000, ']'), too_deep);
  std::string dashes;
  for (int i = 0; i < 10'000; ++i)
    dashes += "- ";
  ExpectRefused(dashes + "x\n", too_deep);
  std::string keys;
  for (int i = 0; i < 1'000; ++i)
    keys += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  ExpectRefused(keys, too_deep);
  std::string mixed = "valuation_date: 2026-03-31\naccounts:\n";
  for (int i = 0; i < 5'000; ++i)
    mixed += "- [ { a: ";
  ExpectRefused(mixed, too_deep);
}

TEST_CASE("hostile YAML: quoted and commented brackets do not count as nesting", "[loaders]") {
  const std::string brackets(500, '[');
  const LoadResult result = Load(
      WithPositions("      - { id: P1, asset_class: cash, issuer: \"" + brackets +
                    "\", quantity: 1, market_value: 1 }  # " + brackets +
                    "\n      - id: P2\n        issuer: '" + brackets +
                    "'\n        asset_class: cash\n        quantity: 1\n        market_value: 1\n"
                    "        maturity: |\n          " +
                    brackets + "\n"));
  INFO(Messages(result));
  REQUIRE(result.diagnostics.empty());
  CHECK(TextOf(result.input, "P1", "issuer") == brackets);
  CHECK(RejectionOf(result.input, "P2") ==
        "field `maturity` is not a date: `" + brackets.substr(0, 40) + "...`");
}

TEST_CASE("hostile YAML: mutations of a valid input never crash", "[loaders]") {
  const std::string valid = WithPositions(
      "      - { id: P1, asset_class: cash, issuer: X, quantity: 1, market_value: 1 }\n"
      "      - id: P2\n        issuer: \"a\"\n        asset_class: cash\n"
      "        quantity: 2\n        market_value: 3\n");
  std::mt19937 random(1234);
  const std::string alphabet = "[]{}-:?&*!|>'\"#,\n x0";
  for (int round = 0; round < 2000; ++round) {
    std::string text = valid;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(at, 1, c);
          break;
        default:
          text.erase(at, 1);
          break;
      }
    }
    const LoadResult result = Load(text);
    CheckShape(result.input);
  }
}

TEST_CASE("hostile CSV: binary bytes and a 1 MB line", "[loaders]") {
  std::string binary = "account,id\n";
  std::mt19937 random(99);
  for (int i = 0; i < 100'000; ++i)
    binary.push_back(static_cast<char>(random() % 256));
  const CsvCase b = WriteCsvCase("binary", binary);
  const LoadResult b_result = LoadInput(Policy(), b.yaml.string());
  CHECK(HasErrors(b_result.diagnostics));
  CHECK(b_result.diagnostics.size() <= 101);
  CheckShape(b_result.input);

  const CsvCase g = WriteCsvCase("garbage", "account,id\n" + std::string(1 << 20, 'g') + "\n");
  const LoadResult g_result = LoadInput(Policy(), g.yaml.string());
  CHECK(HasMessage(g_result, g.csv_path + ":2: the row has 1 field; the header has 2"));
}

// ---- scale ----------------------------------------------------------------------------------

// Loads `rows` generated CSV rows and checks the result's shape. Speed is measured by
// bench/eval_bench (BM_LoadCsv1M), never asserted here.
void LoadManyRows(int rows) {
  std::string csv = "account,id,asset_class,rating,issuer,quantity,currency,market_value\n";
  csv.reserve(static_cast<std::size_t>(rows) * 48);
  const char* ratings[] = {"AAA", "AA", "A", "BBB"};
  for (int i = 0; i < rows; ++i) {
    csv += (i % 3 == 0 ? "A," : "B,");
    csv += "P" + std::to_string(i) + ",equity," + ratings[i % 4] + ",ISSUER" +
           std::to_string(i % 500) + "," + std::to_string(i % 1000) + ",EUR," + std::to_string(i) +
           ".5\n";
  }
  const CsvCase c = WriteCsvCase("many", csv);
  WriteFile(c.yaml,
            "valuation_date: 2026-03-31\nfx: { EUR: 1.08 }\naccounts:\n  - { id: A, requirement: "
            "1 }\n  - { id: B, requirement: 1 }\npositions_csv: many.csv\n");
  const LoadResult result = LoadInput(Policy(), c.yaml.string());
  REQUIRE(Messages(result).empty());
  CHECK(result.input.positions.size() == static_cast<std::size_t>(rows));
  CHECK(result.input.accounts[0].position_count == static_cast<std::uint32_t>((rows + 2) / 3));
  CHECK(NumberOf(result.input, "P" + std::to_string(rows - 1), "market_value") ==
        (rows - 1 + 0.5) * 1.08);
  CheckShape(result.input);
  std::filesystem::remove(c.csv_path);
}

TEST_CASE("CSV: 100,000 rows load, grouped by account, every value in place", "[loaders]") {
  LoadManyRows(100'000);
}

}  // namespace
}  // namespace collat::runtime

namespace collat::runtime {
namespace {

TEST_CASE("money is quantised to cents once converted; out of range money is a rejection",
          "[loaders]") {
  const std::string yaml = R"(valuation_date: 2026-03-31
fx: { EUR: 1.08, GBP: 1.2345 }
accounts:
  - id: A
    requirement: 1_000
    positions:
      - { id: ODD, currency: GBP, asset_class: cash, issuer: X, quantity: 1, market_value: 10.01 }
      - { id: TIE, asset_class: cash, issuer: X, quantity: 1, market_value: 0.125 }
      - { id: HUGE, currency: EUR, asset_class: cash, issuer: X, quantity: 1, market_value: 1.7e308 }
      - { id: BIG, asset_class: cash, issuer: X, quantity: 1, market_value: 10_000_000_000_000 }
      - { id: MAX, asset_class: cash, issuer: X, quantity: 1, market_value: 9_999_999_999_999.99 }
)";
  const LoadResult result = Load(yaml);
  REQUIRE(result.diagnostics.empty());
  const Input& input = result.input;
  CheckShape(input);
  // 10.01 GBP x 1.2345 = 12.357345 USD -> 12.36; 0.125 is a tie -> 0.12 (2 is even).
  CHECK(NumberOf(input, "ODD", "market_value") == 12.36);
  CHECK(NumberOf(input, "TIE", "market_value") == 0.12);
  CHECK(RejectionOf(input, "HUGE") ==
        "field `market_value` is out of range once converted to USD: 1.7e+308 x 1.08 is not below "
        "10^15 units of the policy's precision (2 decimal places)");
  CHECK_FALSE(Known(input, "HUGE", "market_value"));
  CHECK(input.positions.market_value[PositionIndex(input, "HUGE")] == 0);
  CHECK(RejectionOf(input, "BIG").find("field `market_value` is out of range") == 0);
  CHECK(RejectionOf(input, "MAX").empty());
  CHECK(NumberOf(input, "MAX", "market_value") == 9'999'999'999'999.99);
}

}  // namespace
}  // namespace collat::runtime
