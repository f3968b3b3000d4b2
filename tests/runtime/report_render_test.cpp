// The report renderers: the exact JSON contract and the aligned text report, on hand-built reports.
// Every expected text here is written by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "runtime/report_build.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"
#include "tests/report_snapshot.h"

namespace collat::runtime {
namespace {

using ir::Type;
using ir::TypeKind;
using ir::Value;
// Hand-written reports, rendered through a report built from them (tests/report_snapshot.h).
using Report = testing::ReportSnap;
using AccountResult = testing::AccountSnap;
using PositionResult = testing::PositionSnap;
using ComponentResult = testing::ComponentSnap;

std::string RenderJson(const Report& report) {
  return runtime::RenderJson(testing::Build(report));
}
std::string RenderText(const Report& report) {
  return runtime::RenderText(testing::Build(report));
}

ComponentResult Haircut(std::string id, double rate, std::string rule = "") {
  return {std::move(id), ComponentKind::Haircut, true, rate, std::move(rule)};
}

ComponentResult UnknownHaircut(std::string id) {
  return {std::move(id), ComponentKind::Haircut, false, 0, ""};
}

ComponentResult Margin(std::string id, double ratio) {
  return {std::move(id), ComponentKind::Margin, true, ratio, ""};
}

OutputResult Output(std::string name, TypeKind kind, Value value, std::string text = "") {
  ir::Output output;
  output.name = std::move(name);
  output.type = Type::Of(kind);
  return MakeOutput(output, value, std::move(text));
}

PositionResult Position(std::string id, Status status, double market_value) {
  PositionResult p;
  p.id = std::move(id);
  p.status = status;
  p.market_value = market_value;
  return p;
}

Report EmptyReport() {
  Report report;
  report.policy_name = "haircut_demo";
  report.policy_version = "2026.1";
  report.policy_sha256 = "ab12";
  report.currency = "USD";
  report.valuation_date = ToDate(20543);  // 2026-03-31
  return report;
}

// One account: an eligible position with a haircut, its arm and a margin, an unknown one, a
// breached max limit, an ungrouped min limit and three outputs.
Report SmallReport() {
  Report report = EmptyReport();
  AccountResult a;
  a.id = "ACC-1";
  // gross 1,250,000 = eligible 1,000,000 + unknown 250,000; 1,000,000 = 980,000 + 20,000.
  a.totals = {1250000, 980000, 20000, 180000, 800000, 1000000, 0, 250000, 0};
  a.outputs = {Output("delivery", TypeKind::Money, Value::Number(1570000)),
               Output("share", TypeKind::Percent, Value::Number(0.15)),
               Output("call_due", TypeKind::Bool, Value::Bool(true))};
  a.limits = {{"issuer_cap", "ACME", true, "value", 800000, 980000, 180000, 0, true},
              {"floor", "", false, "market_value", 500000, 800000, 0, 0, false}};
  PositionResult p1 = Position("p1", Status::Eligible, 1000000);
  p1.rules = {"govt"};
  p1.components = {Haircut("asset", 0.02, "govt"), Margin("im", 1.05)};
  p1.adjusted_value = 980000;
  p1.excess = 180000;
  p1.counted_value = 800000;
  PositionResult p2 = Position("p2", Status::Unknown, 250000);
  p2.rules = {"debt", "junk"};
  p2.reason = "unknown: rating";
  p2.missing = {"rating"};
  p2.components = {UnknownHaircut("asset")};
  a.positions = {p1, p2};
  report.accounts.push_back(a);
  return report;
}

// A report whose one account has only the given outputs.
Report OutputsReport(std::vector<OutputResult> outputs) {
  Report report = EmptyReport();
  AccountResult a;
  a.id = "A";
  a.outputs = std::move(outputs);
  report.accounts.push_back(a);
  return report;
}

// The text between `"outputs": ` and the limits that follow it.
std::string OutputsJson(const Report& report) {
  const std::string json = RenderJson(report);
  const std::size_t from = json.find("\"outputs\": ");
  const std::size_t to = json.find(",\n      \"limits\"");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  return json.substr(from, to - from);
}

TEST_CASE("a small report renders as the exact JSON contract", "[reports]") {
  CHECK(RenderJson(SmallReport()) == R"({
  "report_version": "2",
  "policy": {
    "name": "haircut_demo",
    "version": "2026.1",
    "sha256": "ab12"
  },
  "currency": "USD",
  "precision": 2,
  "valuation_date": "2026-03-31",
  "warnings": [],
  "accounts": [
    {
      "id": "ACC-1",
      "totals": {
        "gross_value": 1250000,
        "eligible_value": 980000,
        "haircut_value": 20000,
        "concentration_excess": 180000,
        "collateral_value": 800000,
        "by_status": {
          "eligible": 1000000,
          "ineligible": 0,
          "unknown": 250000,
          "rejected": 0
        }
      },
      "outputs": {
        "delivery": 1570000,
        "share": 0.15,
        "call_due": true
      },
      "limits": [
        {
          "id": "issuer_cap",
          "group": "ACME",
          "kind": "max",
          "on": "value",
          "cap": 800000,
          "used": 980000,
          "excess": 180000,
          "shortfall": 0,
          "breached": true
        },
        {
          "id": "floor",
          "group": null,
          "kind": "min",
          "on": "market_value",
          "cap": 500000,
          "used": 800000,
          "excess": 0,
          "shortfall": 0,
          "breached": false
        }
      ],
      "positions": [
        {
          "id": "p1",
          "status": "eligible",
          "rules": [
            "govt"
          ],
          "reason": "",
          "missing": [],
          "haircuts": {
            "asset": 0.02
          },
          "margins": {
            "im": 1.05
          },
          "haircut_rules": {
            "asset": "govt"
          },
          "market_value": 1000000,
          "adjusted_value": 980000,
          "excess": 180000,
          "counted_value": 800000
        },
        {
          "id": "p2",
          "status": "unknown",
          "rules": [
            "debt",
            "junk"
          ],
          "reason": "unknown: rating",
          "missing": [
            "rating"
          ],
          "haircuts": {
            "asset": null
          },
          "margins": {},
          "haircut_rules": {},
          "market_value": 250000,
          "adjusted_value": 0,
          "excess": 0,
          "counted_value": 0
        }
      ]
    }
  ]
}
)");
}

TEST_CASE("an empty report still has every top-level key, in order", "[reports]") {
  CHECK(RenderJson(EmptyReport()) == R"({
  "report_version": "2",
  "policy": {
    "name": "haircut_demo",
    "version": "2026.1",
    "sha256": "ab12"
  },
  "currency": "USD",
  "precision": 2,
  "valuation_date": "2026-03-31",
  "warnings": [],
  "accounts": []
}
)");
}

TEST_CASE("keys keep the contract's order whatever their names sort as", "[reports]") {
  // Outputs and components keep their written order, not alphabetical order.
  Report report = OutputsReport({Output("zeta", TypeKind::Number, Value::Number(1)),
                                 Output("alpha", TypeKind::Number, Value::Number(2))});
  PositionResult p = Position("p", Status::Eligible, 10);
  p.components = {Haircut("zz", 0.5, "b"), Haircut("aa", 0.25, "a")};
  report.accounts[0].positions = {p};
  const std::string json = RenderJson(report);
  const std::vector<std::string> keys = {
      "\"id\": \"A\"",      "\"totals\"",    "\"outputs\"",      "\"zeta\"",
      "\"alpha\"",          "\"limits\"",    "\"positions\"",    "\"id\": \"p\"",
      "\"status\"",         "\"rules\"",     "\"reason\"",       "\"missing\"",
      "\"haircuts\"",       "\"zz\": 0.5",   "\"aa\": 0.25",     "\"margins\"",
      "\"haircut_rules\"",  "\"zz\": \"b\"", "\"aa\": \"a\"",    "\"market_value\"",
      "\"adjusted_value\"", "\"excess\"",    "\"counted_value\""};
  std::size_t at = 0;
  for (const std::string& key : keys) {
    INFO(key);
    const std::size_t found = json.find(key, at);
    REQUIRE(found != std::string::npos);
    at = found + key.size();
  }
}

TEST_CASE("every output type renders as the contract says", "[reports]") {
  const Report report = OutputsReport({
      Output("n", TypeKind::Number, Value::Number(3)),
      Output("frac", TypeKind::Number, Value::Number(2.5)),
      Output("pct", TypeKind::Percent, Value::Number(0.975)),
      Output("cash", TypeKind::Money, Value::Number(1234567.25)),
      Output("yes", TypeKind::Bool, Value::Bool(true)),
      Output("no", TypeKind::Bool, Value::Bool(false)),
      Output("name", TypeKind::Text, Value::Integer(7), "ACME \"Corp\""),
      Output("grade", TypeKind::Enum, Value::Integer(4), "AA"),
      Output("day", TypeKind::Date, Value::Integer(0)),
      Output("leap", TypeKind::Date, Value::Integer(19417)),
      Output("half", TypeKind::Duration, Value::OfDuration({6, 0})),
      Output("year", TypeKind::Duration, Value::OfDuration({12, 0})),
      Output("mixed", TypeKind::Duration, Value::OfDuration({18, 0})),
      Output("month", TypeKind::Duration, Value::OfDuration({0, 30})),
      Output("all", TypeKind::Duration, Value::OfDuration({25, 3})),
      Output("none", TypeKind::Duration, Value::OfDuration({0, 0})),
      Output("missing", TypeKind::Money, Value::Unknown()),
      Output("missing_text", TypeKind::Text, Value::Unknown(), "stale"),
  });
  CHECK(OutputsJson(report) == R"("outputs": {
        "n": 3,
        "frac": 2.5,
        "pct": 0.975,
        "cash": 1234567.25,
        "yes": true,
        "no": false,
        "name": "ACME \"Corp\"",
        "grade": "AA",
        "day": "1970-01-01",
        "leap": "2023-03-01",
        "half": "6m",
        "year": "1y",
        "mixed": "1y6m",
        "month": "30d",
        "all": "2y1m3d",
        "none": "0d",
        "missing": null,
        "missing_text": null
      })");
}

TEST_CASE("numbers are shortest round-trip decimals; -0 is 0; non-finite is null", "[reports]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const Report report = OutputsReport({
      Output("neg_zero", TypeKind::Money, Value::Number(-0.0)),
      Output("negative", TypeKind::Money, Value::Number(-12.5)),
      Output("sum", TypeKind::Number, Value::Number(0.1 + 0.2)),
      Output("big", TypeKind::Money, Value::Number(1e16)),
      Output("tiny", TypeKind::Number, Value::Number(1e-7)),
      Output("nan", TypeKind::Number, Value::Number(nan)),
      Output("inf", TypeKind::Money, Value::Number(-inf)),
  });
  CHECK(OutputsJson(report) == R"("outputs": {
        "neg_zero": 0,
        "negative": -12.5,
        "sum": 0.30000000000000004,
        "big": 1e+16,
        "tiny": 1e-07,
        "nan": null,
        "inf": null
      })");
}

TEST_CASE("a negative zero or non-finite position value renders as 0 or null", "[reports]") {
  Report report = OutputsReport({});
  PositionResult p = Position("p", Status::Ineligible, -0.0);
  p.adjusted_value = std::numeric_limits<double>::infinity();
  p.components = {Haircut("h", -0.0)};
  report.accounts[0].positions = {p};
  report.accounts[0].totals.gross_value = -0.0;
  const std::string json = RenderJson(report);
  CHECK(json.find("\"gross_value\": 0,") != std::string::npos);
  CHECK(json.find("\"market_value\": 0,") != std::string::npos);
  CHECK(json.find("\"adjusted_value\": null,") != std::string::npos);
  CHECK(json.find("\"h\": 0") != std::string::npos);
  CHECK(json.find(": -0") == std::string::npos);
}

TEST_CASE("an account's rejection appears only when set", "[reports]") {
  Report report = OutputsReport({});
  CHECK(RenderJson(report).find("rejection") == std::string::npos);
  report.accounts[0].rejection = "duplicate account id";
  CHECK(RenderJson(report).find("      \"id\": \"A\",\n      \"rejection\": \"duplicate account "
                                "id\",\n      \"totals\": {") != std::string::npos);
}

TEST_CASE("malformed UTF-8 renders as U+FFFD and non-ASCII text stays as is", "[reports]") {
  Report report = OutputsReport({});
  report.accounts[0].id = "Z\xC3\xBCrich\xFF";
  CHECK(RenderJson(report).find("\"id\": \"Z\xC3\xBCrich\xEF\xBF\xBD\"") != std::string::npos);
}

TEST_CASE("rendering is deterministic", "[reports]") {
  const Report report = SmallReport();
  const Report copy = SmallReport();
  CHECK(RenderJson(report) == RenderJson(report));
  CHECK(RenderJson(report) == RenderJson(copy));
  CHECK(RenderText(report) == RenderText(report));
  CHECK(RenderText(report) == RenderText(copy));
}

TEST_CASE("the text report aligns its tables", "[reports]") {
  CHECK(RenderText(SmallReport()) ==
        "Policy haircut_demo, version 2026.1\n"
        "sha256 ab12\n"
        "Valuation date 2026-03-31\n"
        "Money in USD, exact to 2 decimal places\n"
        "\n"
        "Account ACC-1\n"
        "  Positions\n"
        "    id  status    rules       market value  haircuts                     adjusted      "
        "excess     counted  reason\n"
        "    p1  eligible  govt        1,000,000.00  asset 2% (govt), im 1.05x  980,000.00  "
        "180,000.00  800,000.00\n"
        "    p2  unknown   debt, junk    250,000.00  asset unknown                    0.00        "
        "0.00        0.00  unknown: rating\n"
        "  Totals\n"
        "    gross value                1,250,000.00\n"
        "      eligible market value    1,000,000.00\n"
        "      ineligible market value          0.00\n"
        "      unknown market value       250,000.00\n"
        "      rejected market value            0.00\n"
        "    haircut value                 20,000.00\n"
        "    eligible value               980,000.00\n"
        "    concentration excess         180,000.00\n"
        "    collateral value             800,000.00\n"
        "  Limits\n"
        "    id          group  kind         cap        used  excess/shortfall\n"
        "    issuer_cap  ACME   max   800,000.00  980,000.00        180,000.00  BREACHED\n"
        "    floor       -      min   500,000.00  800,000.00              0.00\n"
        "  Outputs\n"
        "    delivery = 1,570,000.00\n"
        "    share    = 15%\n"
        "    call_due = true\n");
}

TEST_CASE("the text report aligns UTF-8 ids by code points", "[reports]") {
  Report report = EmptyReport();
  AccountResult a;
  a.id = "Z\xC3\xBCrich";
  a.positions = {Position("\xC3\xA9t\xC3\xA9", Status::Rejected, 1.5),
                 Position("abcd", Status::Eligible, 10)};
  a.positions[0].reason = "bad\tdate";
  report.accounts.push_back(a);
  const std::string text = RenderText(report);
  // "été" is three columns, padded like the four of "abcd"; the tab shows as a space.
  CHECK(text.find("Account Z\xC3\xBCrich\n"
                  "  Positions\n"
                  "    id    status    rules  market value  haircuts  adjusted  excess  counted  "
                  "reason\n"
                  "    \xC3\xA9t\xC3\xA9   rejected  -              1.50  -             0.00    "
                  "0.00     0.00  bad date\n"
                  "    abcd  eligible  -             10.00  -             0.00    0.00     0.00\n"
                  "  Totals\n") != std::string::npos);
  CHECK(text.find("  Limits\n    (none)\n  Outputs\n    (none)\n") != std::string::npos);
}

TEST_CASE("the text report formats money, rates and every output type", "[reports]") {
  const Report report = OutputsReport({
      Output("big", TypeKind::Money, Value::Number(-1234567.891)),
      Output("round", TypeKind::Money, Value::Number(999.996)),
      Output("neg_zero", TypeKind::Money, Value::Number(-0.001)),
      Output("rate", TypeKind::Percent, Value::Number(0.9775)),
      Output("half", TypeKind::Percent, Value::Number(0.005)),
      Output("fine", TypeKind::Percent, Value::Number(0.1234567)),
      Output("count", TypeKind::Number, Value::Number(12345)),
      Output("ratio", TypeKind::Number, Value::Number(1.0 / 3.0)),
      Output("flag", TypeKind::Bool, Value::Bool(false)),
      Output("grade", TypeKind::Enum, Value::Integer(1), "AA"),
      Output("due", TypeKind::Date, Value::Integer(20543)),
      Output("term", TypeKind::Duration, Value::OfDuration({18, 0})),
      Output("gone", TypeKind::Money, Value::Unknown()),
      Output("bad", TypeKind::Number, Value::Number(std::nan(""))),
  });
  const std::string text = RenderText(report);
  CHECK(text.find("  Outputs\n"
                  "    big      = -1,234,567.89\n"
                  "    round    = 1,000.00\n"
                  "    neg_zero = 0.00\n"
                  "    rate     = 97.75%\n"
                  "    half     = 0.5%\n"
                  "    fine     = 12.3457%\n"
                  "    count    = 12,345\n"
                  "    ratio    = 0.3333\n"
                  "    flag     = false\n"
                  "    grade    = AA\n"
                  "    due      = 2026-03-31\n"
                  "    term     = 1y6m\n"
                  "    gone     = unknown\n"
                  "    bad      = n/a\n") != std::string::npos);
}

}  // namespace
}  // namespace collat::runtime
