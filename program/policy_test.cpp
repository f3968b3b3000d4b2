#include "program/policy_test.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "runtime/load_input.h"
#include "runtime/report_json.h"

namespace collat::program {

using runtime::FormatDate;
using runtime::FormatDuration;
using runtime::LoadResult;

namespace {

namespace fs = std::filesystem;

struct Tolerances {
  double money = 0.01;
  double rate = 1e-9;
};

Diagnostic FileError(const std::string& path, std::string message) {
  return MakeDiagnostic(DiagnosticKind::io_error, nullptr, {},
                        fmt::format("{}: {}", path, std::move(message)));
}

std::string Show(double v) {
  return fmt::format("{}", v);
}

class CaseChecker {
 public:
  CaseChecker(const Report& report, const Tolerances& tol, CaseResult& out)
      : report_(report), tol_(tol), out_(out) {}

  void Number(const std::string& where, const YAML::Node& want, bool known, double actual,
              double tolerance) {
    if (want.IsNull()) {
      if (known) Fail(where, "null (unknown)", Show(actual));
      return;
    }
    const double expected = want.as<double>();
    if (!known) {
      Fail(where, Show(expected), "unknown");
    } else if (!(std::fabs(expected - actual) <= tolerance)) {
      Fail(where, Show(expected), Show(actual));
    }
  }

  void Strings(const std::string& where, const YAML::Node& want,
               const std::vector<std::string>& actual) {
    std::vector<std::string> expected;
    for (const auto& item : want)
      expected.push_back(item.as<std::string>());
    if (expected != actual) Fail(where, Join(expected), Join(actual));
  }

  void Position(const std::string& key, const YAML::Node& want) {
    const std::optional<PositionView> p = FindPosition(key);
    if (!p) {
      Fail("position " + key, "a position with this id", "none in the report");
      return;
    }
    const std::string at = "position " + key;
    for (const auto& item : want) {
      const std::string field = item.first.as<std::string>();
      const YAML::Node& v = item.second;
      if (field == "status") {
        const std::string actual(StatusName(p->status()));
        if (v.as<std::string>() != actual) Fail(at + " status", v.as<std::string>(), actual);
      } else if (field == "rules") {
        std::vector<std::string> rules;
        for (const std::string_view rule : p->rules())
          rules.emplace_back(rule);
        Strings(at + " rules", v, rules);
      } else if (field == "missing") {
        Strings(at + " missing", v, {p->missing().begin(), p->missing().end()});
      } else if (field == "reason") {
        const std::string reason(p->reason());
        if (v.as<std::string>() != reason) Fail(at + " reason", v.as<std::string>(), reason);
      } else if (field == "haircuts" || field == "margins") {
        for (const auto& h : v) {
          const std::string id = h.first.as<std::string>();
          const std::optional<ComponentView> c = FindComponent(*p, id);
          if (!c) {
            Fail(at + " " + field + "." + id, "a component", "none");
            continue;
          }
          Number(at + " " + field + "." + id, h.second, c->known(), c->value(), tol_.rate);
        }
      } else if (field == "haircut_rules") {
        for (const auto& h : v) {
          const std::string id = h.first.as<std::string>();
          const std::optional<ComponentView> c = FindComponent(*p, id);
          const std::string actual = !c ? "none" : std::string(c->rule());
          if (h.second.as<std::string>() != actual) {
            Fail(at + " haircut_rules." + id, h.second.as<std::string>(), actual);
          }
        }
      } else if (field == "market_value" || field == "adjusted_value" || field == "excess" ||
                 field == "counted_value") {
        const double actual = field == "market_value"     ? p->market_value()
                              : field == "adjusted_value" ? p->adjusted_value()
                              : field == "excess"         ? p->excess()
                                                          : p->counted_value();
        Number(at + " " + field, v, true, actual, tol_.money);
      } else {
        Fail(at + " " + field, "a known expectation key", "unknown key `" + field + "`");
      }
    }
  }

  void Account(const std::string& id, const YAML::Node& want) {
    std::optional<AccountView> a;
    for (const AccountView r : report_.accounts()) {
      if (!a && r.id() == id) a = r;
    }
    if (!a) {
      Fail("account " + id, "an account with this id", "none in the report");
      return;
    }
    const std::string at = "account " + id;
    for (const auto& item : want) {
      const std::string section = item.first.as<std::string>();
      if (section == "totals") {
        for (const auto& t : item.second) {
          const std::string k = t.first.as<std::string>();
          if (k == "by_status") {
            ByStatus(at, *a, t.second);
            continue;
          }
          const Totals& x = a->totals();
          const double* v = k == "gross_value"            ? &x.gross_value
                            : k == "eligible_value"       ? &x.eligible_value
                            : k == "haircut_value"        ? &x.haircut_value
                            : k == "concentration_excess" ? &x.concentration_excess
                            : k == "collateral_value"     ? &x.collateral_value
                                                          : nullptr;
          if (!v) {
            Fail(at + " totals." + k, "a total", "no such total");
            continue;
          }
          Number(at + " totals." + k, t.second, true, *v, tol_.money);
        }
      } else if (section == "outputs") {
        for (const auto& o : item.second)
          Output(at, *a, o.first.as<std::string>(), o.second);
      } else if (section == "limits") {
        for (const auto& l : item.second)
          Limit(at, *a, l.first.as<std::string>(), l.second);
      } else {
        Fail(at + " " + section, "totals, outputs or limits", "unknown key");
      }
    }
  }

 private:
  // Market value per status, summed over the account's positions in input order.
  // Reads the report's totals.by_status figures, as the JSON contract shows them.
  void ByStatus(const std::string& at, const AccountView& a, const YAML::Node& want) {
    const Totals& t = a.totals();
    for (const auto& s : want) {
      const std::string status = s.first.as<std::string>();
      const double* v = status == "eligible"     ? &t.eligible_market_value
                        : status == "ineligible" ? &t.ineligible_value
                        : status == "unknown"    ? &t.unknown_value
                        : status == "rejected"   ? &t.rejected_value
                                                 : nullptr;
      if (!v) {
        Fail(at + " totals.by_status." + status, "a status", "no such status");
        continue;
      }
      Number(at + " totals.by_status." + status, s.second, true, *v, tol_.money);
    }
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
      out += (i ? ", " : "") + v[i];
    return out + "]";
  }

  void Fail(std::string where, std::string expected, std::string actual) {
    out_.mismatches.push_back({std::move(where), std::move(expected), std::move(actual)});
  }

  // `P1` names the only position P1 of the report; `ACC/P1` the one of account ACC.
  std::optional<PositionView> FindPosition(const std::string& key) const {
    const auto slash = key.find('/');
    std::optional<PositionView> found;
    for (const AccountView a : report_.accounts()) {
      if (slash != std::string::npos && a.id() != key.substr(0, slash)) continue;
      const std::string id = slash == std::string::npos ? key : key.substr(slash + 1);
      for (const PositionView p : a.positions()) {
        if (p.id() == id) {
          if (found) return std::nullopt;  // ambiguous: write ACC/ID
          found = p;
        }
      }
    }
    return found;
  }

  // The first component of `p` with id `id`, of any kind.
  static std::optional<ComponentView> FindComponent(const PositionView& p, const std::string& id) {
    for (const ComponentView c : p.components()) {
      if (c.id() == id) return c;
    }
    return std::nullopt;
  }

  void Output(const std::string& at, const AccountView& a, const std::string& name,
              const YAML::Node& want) {
    const std::span<const OutputResult> outputs = a.outputs();
    const auto o = std::find_if(outputs.begin(), outputs.end(),
                                [&](const OutputResult& r) { return r.name == name; });
    const std::string where = at + " outputs." + name;
    if (o == outputs.end()) {
      Fail(where, "an output", "none");
      return;
    }
    switch (o->type) {
      case ValueType::Number:
      case ValueType::Percent:
      case ValueType::Money:
        Number(where, want, o->known, o->number, tol_.money);
        return;
      case ValueType::Bool: {
        const std::string actual = !o->known ? "null" : o->boolean ? "true" : "false";
        const std::string expected = want.IsNull() ? "null" : want.as<bool>() ? "true" : "false";
        if (actual != expected) Fail(where, expected, actual);
        return;
      }
      case ValueType::Text:
      case ValueType::Enum:
      case ValueType::Date:
      case ValueType::Duration: {
        const std::string actual = !o->known ? "null" : o->value_text;
        const std::string expected = want.IsNull() ? "null" : want.as<std::string>();
        if (actual != expected) Fail(where, expected, actual);
        return;
      }
    }
  }

  void LimitFields(const std::string& where, const LimitResult& l, const YAML::Node& want) {
    for (const auto& f : want) {
      const std::string k = f.first.as<std::string>();
      if (k == "breached") {
        const bool expected = f.second.as<bool>();
        if (expected != l.breached) {
          Fail(where + ".breached", expected ? "true" : "false", l.breached ? "true" : "false");
        }
        continue;
      }
      const double* v = k == "cap"         ? &l.cap
                        : k == "used"      ? &l.used
                        : k == "excess"    ? &l.excess
                        : k == "shortfall" ? &l.shortfall
                                           : nullptr;
      if (!v) {
        Fail(where + "." + k, "cap, used, excess, shortfall or breached", "unknown key");
        continue;
      }
      Number(where + "." + k, f.second, true, *v, tol_.money);
    }
  }

  void Limit(const std::string& at, const AccountView& a, const std::string& id,
             const YAML::Node& want) {
    const std::string where = at + " limits." + id;
    const auto find = [&](const std::string& group) -> const LimitResult* {
      for (const LimitResult& l : a.limits()) {
        if (l.id == id && l.group == group) return &l;
      }
      return nullptr;
    };
    if (want["groups"]) {
      for (const auto& g : want["groups"]) {
        const std::string group = g.first.as<std::string>();
        const LimitResult* l = find(group);
        if (!l) {
          Fail(where + "[" + group + "]", "a group", "none");
          continue;
        }
        LimitFields(where + "[" + group + "]", *l, g.second);
      }
      return;
    }
    const LimitResult* l = find("");
    if (!l) {
      Fail(where, "a limit result", "none");
      return;
    }
    LimitFields(where, *l, want);
  }

  const Report& report_;
  const Tolerances& tol_;
  CaseResult& out_;
};

// Marks what a report exercised, for the coverage summary.
void Exercise(const Report& report, std::set<std::string>& seen) {
  for (const AccountView a : report.accounts()) {
    for (const PositionView p : a.positions()) {
      for (const std::string_view r : p.rules())
        seen.insert("rule " + std::string(r));
      for (const ComponentView c : p.components()) {
        if (!c.rule().empty()) seen.insert("arm " + std::string(c.rule()));
        if (c.known()) seen.insert("component " + std::string(c.id()));
      }
    }
    for (const LimitResult& l : a.limits()) {
      if (l.used != 0 || l.breached) seen.insert("limit " + l.id);
    }
  }
}

std::vector<std::string> Declared(const ir::Policy& policy) {
  std::set<std::string> out;
  for (const ir::Rule& r : policy.rules)
    out.insert("rule " + r.id);
  for (const ir::Component& c : policy.components) {
    if (c.value->op == ir::Op::Match) {
      for (const ir::MatchArm& arm : c.value->arms)
        out.insert("arm " + arm.label);
    }
  }
  for (const ir::Tiers& t : policy.tiers)
    out.insert("component " + t.id);
  for (const ir::Limit& l : policy.limits)
    out.insert("limit " + l.id);
  return {out.begin(), out.end()};
}

}  // namespace

TestFileResult RunPolicyTests(const std::string& test_file, const ProgramFactory& factory,
                              const FileAccess& access, const EvaluateOptions& options) {
  TestFileResult result;
  result.path = test_file;
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(test_file);
  } catch (const YAML::Exception& e) {
    result.diagnostics.push_back(FileError(
        test_file, e.mark.is_null() ? e.msg : fmt::format("line {}: {}", e.mark.line + 1, e.msg)));
    return result;
  }
  try {
    if (!doc.IsMap() || !doc["policy"] || !doc["cases"] || !doc["cases"].IsSequence()) {
      result.diagnostics.push_back(
          FileError(test_file, "a test file is a mapping with `policy:` and a list of `cases:`"));
      return result;
    }
    const fs::path dir = fs::path(test_file).parent_path();
    result.policy_path = (dir / doc["policy"].as<std::string>()).string();
    const Compiled compiled = factory.CompileFile(result.policy_path, access);
    for (const Diagnostic& d : compiled.diagnostics) {
      (d.kind == DiagnosticKind::object_cache_refused ? result.engine_warnings : result.diagnostics)
          .push_back(d);
    }
    if (!compiled.program && compiled.engine_error.empty()) return result;
    const std::shared_ptr<const ir::Policy> policy =
        compiled.program ? compiled.program->shared_policy() : nullptr;
    Tolerances tol;
    if (doc["tolerance"]) tol.money = doc["tolerance"].as<double>();
    if (doc["rate_tolerance"]) tol.rate = doc["rate_tolerance"].as<double>();
    std::set<std::string> seen;
    std::size_t n = 0;
    for (const auto& c : doc["cases"]) {
      ++n;
      CaseResult cr;
      cr.name = c["name"] ? c["name"].as<std::string>() : fmt::format("case {}", n);
      if (!c["input"] || !c["expect"]) {
        cr.diagnostics.push_back(FileError(test_file, fmt::format("case `{}` needs `input:` and "
                                                                  "`expect:`",
                                                                  cr.name)));
        result.cases.push_back(std::move(cr));
        continue;
      }
      const std::string input_text = YAML::Dump(c["input"]);
      LoadResult loaded = runtime::LoadInputFromString(
          *policy, input_text, fmt::format("{} (case `{}`)", test_file, cr.name), dir.string(),
          access);
      cr.diagnostics = loaded.diagnostics;
      if (!HasErrors(loaded.diagnostics)) {
        Result<Report> evaluated =
            compiled.program
                ? compiled.program->Evaluate(
                      std::make_shared<const runtime::Input>(std::move(loaded.input)), options)
                : Result<Report>(Error{compiled.engine_error});
        if (!evaluated) {
          cr.diagnostics.push_back(FileError(
              test_file,
              fmt::format("case `{}`: the engine failed: {}", cr.name, evaluated.error())));
          result.cases.push_back(std::move(cr));
          continue;
        }
        const Report& report = *evaluated;
        Exercise(report, seen);
        CaseChecker check(report, tol, cr);
        const YAML::Node& expect = c["expect"];
        if (expect["positions"]) {
          for (const auto& p : expect["positions"])
            check.Position(p.first.as<std::string>(), p.second);
        }
        if (expect["accounts"]) {
          for (const auto& a : expect["accounts"])
            check.Account(a.first.as<std::string>(), a.second);
        }
      }
      result.cases.push_back(std::move(cr));
    }
    for (const std::string& d : Declared(*policy)) {
      if (seen.count(d) == 0) result.uncovered.push_back(d);
    }
  } catch (const YAML::Exception& e) {
    result.diagnostics.push_back(FileError(
        test_file, e.mark.is_null() ? e.msg : fmt::format("line {}: {}", e.mark.line + 1, e.msg)));
  }
  return result;
}

}  // namespace collat::program
