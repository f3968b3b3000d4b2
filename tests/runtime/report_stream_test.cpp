// The streaming report writers: JSON byte-identical to a document tree built and dumped by
// nlohmann::json (the renderer they replace, kept here as the oracle), every rendering identical
// for any thread count, JSON Lines as the JSON report's accounts, CSV quoted as RFC 4180 says.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/report_build.h"
#include "runtime/report_csv.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"
#include "runtime/report_writer.h"
#include "tests/report_snapshot.h"

namespace collat::runtime {
namespace {

using Json = nlohmann::ordered_json;
// Hand-written reports (tests/report_snapshot.h), rendered through a report built from them.
using Snap = testing::ReportSnap;
using AccountResult = testing::AccountSnap;
using PositionResult = testing::PositionSnap;

// ---- the oracle: the former document-tree renderer ---------------------------------------------

Json Number(double value) {
  if (!std::isfinite(value)) return nullptr;
  if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

Json Strings(const std::vector<std::string>& texts) {  // NOLINT
  Json array = Json::array();
  for (const std::string& text : texts)
    array.push_back(text);
  return array;
}

Json AccountDom(const AccountResult& a) {
  Json j = Json::object();
  j["id"] = a.id;
  if (!a.rejection.empty()) j["rejection"] = a.rejection;
  const Totals& t = a.totals;
  Json totals = Json::object();
  totals["gross_value"] = Number(t.gross_value);
  totals["eligible_value"] = Number(t.eligible_value);
  totals["haircut_value"] = Number(t.haircut_value);
  totals["concentration_excess"] = Number(t.concentration_excess);
  totals["collateral_value"] = Number(t.collateral_value);
  Json by_status = Json::object();
  by_status["eligible"] = Number(t.eligible_market_value);
  by_status["ineligible"] = Number(t.ineligible_value);
  by_status["unknown"] = Number(t.unknown_value);
  by_status["rejected"] = Number(t.rejected_value);
  totals["by_status"] = by_status;
  j["totals"] = totals;
  Json outputs = Json::object();
  for (const OutputResult& o : a.outputs) {
    if (!o.known) {
      outputs[o.name] = nullptr;
    } else if (o.type == ValueType::Text) {
      outputs[o.name] = o.text;
    } else if (o.type == ValueType::Bool) {
      outputs[o.name] = o.boolean;
    } else {
      outputs[o.name] = Number(o.number);
    }
  }
  j["outputs"] = outputs;
  Json limits = Json::array();
  for (const LimitResult& l : a.limits) {
    Json lj = Json::object();
    lj["id"] = l.id;
    lj["group"] = l.group.empty() ? Json(nullptr) : Json(l.group);
    lj["kind"] = l.is_max ? "max" : "min";
    lj["on"] = l.on;
    lj["cap"] = Number(l.cap);
    lj["used"] = Number(l.used);
    lj["excess"] = Number(l.excess);
    lj["shortfall"] = Number(l.shortfall);
    lj["breached"] = l.breached;
    limits.push_back(lj);
  }
  j["limits"] = limits;
  Json positions = Json::array();
  for (const PositionResult& p : a.positions) {
    Json pj = Json::object();
    pj["id"] = p.id;
    pj["status"] = StatusName(p.status);
    pj["rules"] = Strings(p.rules);
    pj["reason"] = p.reason;
    pj["missing"] = Strings(p.missing);
    for (const auto kind : {ComponentKind::Haircut, ComponentKind::Margin}) {
      Json object = Json::object();
      for (const testing::ComponentSnap& c : p.components) {
        if (c.kind == kind) object[c.id] = c.known ? Number(c.value) : Json(nullptr);
      }
      pj[kind == ComponentKind::Haircut ? "haircuts" : "margins"] = object;
    }
    Json rules = Json::object();
    for (const testing::ComponentSnap& c : p.components) {
      if (!c.rule.empty()) rules[c.id] = c.rule;
    }
    pj["haircut_rules"] = rules;
    pj["market_value"] = Number(p.market_value);
    pj["adjusted_value"] = Number(p.adjusted_value);
    pj["excess"] = Number(p.excess);
    pj["counted_value"] = Number(p.counted_value);
    positions.push_back(pj);
  }
  j["positions"] = positions;
  return j;
}

Json HeaderDom(const Snap& report) {
  Json j = Json::object();
  j["report_version"] = kReportVersion;
  Json policy = Json::object();
  policy["name"] = report.policy_name;
  policy["version"] = report.policy_version;
  policy["sha256"] = report.policy_sha256;
  j["policy"] = policy;
  j["currency"] = report.currency;
  j["precision"] = report.precision;
  j["valuation_date"] = FormatDate(report.valuation_date);
  j["warnings"] = Strings(report.warnings);
  return j;
}

std::string DomJson(const Snap& report) {
  Json j = HeaderDom(report);
  Json accounts = Json::array();
  for (const AccountResult& a : report.accounts)
    accounts.push_back(AccountDom(a));
  j["accounts"] = accounts;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// ---- reports
// -------------------------------------------------------------------------------------

OutputResult Out(std::string name, ir::TypeKind kind, ir::Value value, std::string text) {
  ir::Output output;
  output.name = std::move(name);
  output.type = ir::Type::Of(kind);
  return MakeOutput(output, value, std::move(text));
}

// Texts that need escaping, replacement of malformed UTF-8, or neither.
const std::vector<std::string> kTexts = {"plain",
                                         "quote \" and \\ backslash",
                                         "tab\tnew\nline\r",
                                         "bell\x07 del\x7F",
                                         "Z\xC3\xBCrich",
                                         "bad \xC3 lead",
                                         "truncated \xE2\x82",
                                         "overlong \xC0\xAF x",
                                         "\xF0\x9F\x98\x80 emoji",
                                         "surrogate \xED\xA0\x80",
                                         "",
                                         "a,b"};

// Numbers at the edges of the integer and fixed-notation layouts.
const std::vector<double> kNumbers = {0.15,
                                      1e-5,
                                      0.1 + 0.2,
                                      1e15 + 0.5,
                                      1.5e16,
                                      -0.0,
                                      -2.75,
                                      123456789.12,
                                      5e-324,
                                      1e300,
                                      0.0001,
                                      9007199254740993.0,
                                      std::numeric_limits<double>::quiet_NaN()};

Snap AwkwardReport(std::size_t accounts) {
  Snap report;
  report.policy_name = "stream \"demo\"";
  report.policy_version = "1";
  report.currency = "USD";
  report.precision = 2;
  report.valuation_date = ToDate(20543);
  report.warnings = {"valuation date \xFF before"};
  for (std::size_t i = 0; i < accounts; ++i) {
    AccountResult a;
    a.id = "A" + std::to_string(i) + kTexts[i % kTexts.size()];
    if (i % 7 == 3) a.rejection = "duplicate account id";
    a.totals.gross_value = kNumbers[i % kNumbers.size()];
    a.totals.collateral_value = 1000.5 * static_cast<double>(i);
    a.outputs.push_back(Out("delivery", ir::TypeKind::Money, ir::Value::Number(12.5), ""));
    a.outputs.push_back(Out("note", ir::TypeKind::Text, ir::Value::Integer(0), kTexts[i % 5]));
    a.outputs.push_back(Out("flag", ir::TypeKind::Bool, ir::Value::Bool(i % 2 == 0), ""));
    if (i % 4 == 0) a.limits.push_back({"cap", "", true, "value", 5, 7, 2, 0, true});
    if (i % 4 == 1) {
      a.limits.push_back(
          {"issuer", kTexts[i % kTexts.size()], false, "quantity", 5, 1, 0, 4, true});
    }
    // Account 5 alone is bigger than a render block (report_writer.cpp).
    const std::size_t positions = i == 5 ? 9000 : i % 5;
    for (std::size_t k = 0; k < positions; ++k) {
      PositionResult p;
      p.id = "p" + std::to_string(k) + kTexts[k % kTexts.size()];
      p.status = static_cast<Status>(k % 4);
      if (k % 3 == 0) p.rules = {"r1", kTexts[k % kTexts.size()]};
      p.reason = kTexts[(k + 1) % kTexts.size()];
      if (p.status == Status::Unknown) p.missing = {"rating", "maturity"};
      p.components.push_back({"asset", ComponentKind::Haircut, k % 5 != 0,
                              kNumbers[k % kNumbers.size()], k % 2 ? "govt" : ""});
      p.components.push_back({"fx", ComponentKind::Haircut, true, 0.08, ""});
      if (k % 6 == 0) p.components.push_back({"im", ComponentKind::Margin, true, 1.05, "x"});
      // A repeated id keeps its first place and takes the last value, as a JSON object does.
      if (k % 11 == 0) p.components.push_back({"asset", ComponentKind::Haircut, true, 0.5, "y"});
      p.market_value = kNumbers[(k + i) % kNumbers.size()];
      p.adjusted_value = 0.07 * static_cast<double>(k);
      p.excess = 1.25;
      p.counted_value = -3.5;
      a.positions.push_back(std::move(p));
    }
    report.accounts.push_back(std::move(a));
  }
  return report;
}

TEST_CASE("streamed JSON is byte-identical to the document tree's dump", "[report_stream]") {
  for (const std::size_t accounts :
       {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{40}}) {
    const Snap snap = AwkwardReport(accounts);
    const Report report = testing::Build(snap);
    const std::string expected = DomJson(snap);
    for (const unsigned threads : {1u, 2u, 3u, 8u}) {
      INFO("accounts " << accounts << ", threads " << threads);
      CHECK(RenderJson(report, threads) == expected);
    }
  }
}

TEST_CASE("every rendering is the same bytes for any thread count", "[report_stream]") {
  const Report report = testing::Build(AwkwardReport(40));
  const CsvColumns columns{{{ComponentKind::Haircut, "asset"},
                            {ComponentKind::Haircut, "fx"},
                            {ComponentKind::Margin, "im"}},
                           {"delivery", "note", "flag"}};
  const std::string text = RenderText(report, 1);
  const std::string jsonl = RenderJsonl(report, 1);
  const std::string csv = RenderToString(report, PositionsCsvWriter(report, columns), 1);
  const std::string accounts = RenderToString(report, AccountsCsvWriter(report, columns), 1);
  CHECK(text.find("Account A5") != std::string::npos);
  for (const unsigned threads : {2u, 3u, 5u}) {
    INFO("threads " << threads);
    CHECK(RenderText(report, threads) == text);
    CHECK(RenderJsonl(report, threads) == jsonl);
    CHECK(RenderToString(report, PositionsCsvWriter(report, columns), threads) == csv);
    CHECK(RenderToString(report, AccountsCsvWriter(report, columns), threads) == accounts);
  }
}

TEST_CASE("a JSON Lines line is the header and one account of the JSON report", "[report_stream]") {
  const Snap snap = AwkwardReport(9);
  const Report report = testing::Build(snap);
  const std::string jsonl = RenderJsonl(report);
  std::size_t start = 0;
  std::size_t index = 0;
  while (start < jsonl.size()) {
    const std::size_t end = jsonl.find('\n', start);
    REQUIRE(end != std::string::npos);
    const std::string line = jsonl.substr(start, end - start);
    Json expected = HeaderDom(snap);
    expected["account"] = AccountDom(snap.accounts[index]);
    CHECK(line == expected.dump(-1, ' ', false, Json::error_handler_t::replace));
    start = end + 1;
    ++index;
  }
  CHECK(index == snap.accounts.size());
  CHECK(RenderJsonl(testing::Build(AwkwardReport(0))).empty());
}

TEST_CASE("CSV rows quote as RFC 4180 says and spell numbers as the JSON report",
          "[report_stream]") {
  Snap snap;
  snap.precision = 2;
  AccountResult a;
  a.id = "ACC,1";
  PositionResult p;
  p.id = "say \"hi\"";
  p.status = Status::Eligible;
  p.rules = {"cash", "govt"};
  p.reason = "two\nlines";
  p.components = {{"asset", ComponentKind::Haircut, true, 0.02, "govt"},
                  {"im", ComponentKind::Margin, false, 0, ""}};
  p.market_value = 3000000;
  p.adjusted_value = 2940000;
  p.counted_value = 2940000;
  a.positions.push_back(p);
  PositionResult q;
  q.id = "q";
  q.status = Status::Unknown;
  q.missing = {"rating", "maturity"};
  q.market_value = 500000.25;
  a.positions.push_back(q);
  a.totals.gross_value = 3500000.25;
  a.totals.collateral_value = 2940000;
  a.outputs.push_back(Out("delivery", ir::TypeKind::Money, ir::Value::Number(1.5), ""));
  a.outputs.push_back(Out("note", ir::TypeKind::Text, ir::Value::Unknown(), ""));
  snap.accounts.push_back(a);
  const Report report = testing::Build(snap);
  const CsvColumns columns{{{ComponentKind::Haircut, "asset"},
                            {ComponentKind::Haircut, "fx"},
                            {ComponentKind::Margin, "im"}},
                           {"delivery", "note"}};
  CHECK(RenderToString(report, PositionsCsvWriter(report, columns)) ==
        "account,position,status,rules,reason,missing,market_value,adjusted_value,excess,"
        "counted_value,haircut.asset,haircut.fx,margin.im\n"
        "\"ACC,1\",\"say \"\"hi\"\"\",eligible,cash;govt,\"two\nlines\",,3000000,2940000,0,"
        "2940000,0.02,,\n"
        "\"ACC,1\",q,unknown,,,rating;maturity,500000.25,0,0,0,,,\n");
  CHECK(RenderToString(report, AccountsCsvWriter(report, columns)) ==
        "account,rejection,gross_value,eligible_value,haircut_value,concentration_excess,"
        "collateral_value,by_status.eligible,by_status.ineligible,by_status.unknown,"
        "by_status.rejected,breached_limits,output.delivery,output.note\n"
        "\"ACC,1\",,3500000.25,0,0,0,2940000,0,0,0,0,0,1.5,\n");
}

}  // namespace
}  // namespace collat::runtime
