#include "runtime/explain_text.h"

#include <fmt/format.h>

#include "runtime/report_json.h"
#include "runtime/report_text.h"

namespace collat::runtime {
namespace {

std::string Join(const std::vector<std::string>& texts, const char* separator = ", ") {
  std::string out;
  for (const std::string& t : texts)
    out += (out.empty() ? "" : separator) + t;
  return out;
}

// `text` after `head`, its continuation lines indented by `indent` (source text keeps its own
// relative indentation).
std::string Block(const std::string& indent, const std::string& head, const std::string& text) {
  std::string out = indent + head;
  for (const char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out + "\n";
}

std::string Reads(const std::vector<Read>& reads) {
  std::vector<std::string> parts;
  for (const Read& r : reads)
    parts.push_back(r.name + " = " + r.value.shown);
  return Join(parts);
}

std::string StepText(const Step& s) {
  switch (s.kind) {
    case StepKind::Match:
      if (!s.taken.empty()) return "match: arm " + s.taken + " taken";
      return s.subject.empty()
                 ? "match: no arm holds"
                 : "match: stopped at arm " + s.subject + ", whose condition is unknown";
    case StepKind::Schedule:
      if (s.taken.empty())
        return fmt::format("schedule {}: no band taken ({} = {})", s.subject, s.subject,
                           s.subject_value.shown);
      return fmt::format("schedule {}: band {} taken ({} = {})", s.subject, s.taken, s.subject,
                         s.subject_value.shown);
    case StepKind::If:
      return fmt::format("if {}: {}{}", s.subject, s.subject_value.shown,
                         s.taken.empty() ? "" : " (" + s.taken + " branch)");
    case StepKind::Table:
      return fmt::format("table {}[{}]: {}", s.subject, s.subject_value.shown,
                         s.taken.empty() ? "no row" : "row " + s.taken);
    case StepKind::Transfer:
    case StepKind::Round: {
      std::vector<std::string> args;
      for (const Read& a : s.arguments)
        args.push_back(a.name + " " + a.value.shown);
      return fmt::format("{}{}: {}; {} = {}", s.subject,
                         s.taken.empty() ? "" : " (" + s.taken + ")", Join(args), s.note,
                         s.result.shown);
    }
  }
  return "";
}

// "-> value" and the steps and reads under it.
std::string Outcome(const Traced& t) {
  std::string out = "    -> " + t.value.shown;
  if (!t.value.value.known && !t.causes.empty()) out += " (" + t.causes + ")";
  if (!t.arms.empty()) out += " by arm " + Join(t.arms, " / ");
  out += "\n";
  for (const Step& s : t.steps) {
    if (s.kind == StepKind::Match && !s.taken.empty()) continue;  // shown as "by arm"
    out += "       " + StepText(s) + "\n";
  }
  return out;
}

const char* ComponentWord(ir::ComponentKind kind) {
  return kind == ir::ComponentKind::Haircut ? "haircut" : "margin";
}
const char* ComponentWord(ComponentKind kind) {
  return kind == ComponentKind::Haircut ? "haircut" : "margin";
}

std::string DecisionText(const PositionExplanation& e) {
  const ReportedPosition& r = e.result;
  std::string out;
  const auto list = [](const std::vector<std::string>& ids) {
    return ids.empty() ? std::string("none") : Join(ids);
  };
  out += "  rules that held: " + list(e.decision.held) + "\n";
  out += "  rules that failed: " + list(e.decision.failed) + "\n";
  if (e.decision.unknown.empty()) {
    out += "  rules that are unknown: none\n";
  } else {
    std::vector<std::string> parts;
    for (const RuleExplanation& rule : e.rules) {
      if (rule.condition.value.value.known) continue;
      parts.push_back(rule.condition.missing.empty()
                          ? rule.id
                          : rule.id + " (missing " + Join(rule.condition.missing) + ")");
    }
    out += "  rules that are unknown: " + Join(parts) + "\n";
  }
  switch (r.status) {
    case Status::Eligible:
      out += "  accepted by: " + Join(r.rules) + "\n";
      break;
    case Status::Ineligible:
      out += r.rules.empty() ? "  no accept rule holds\n" : "  vetoed by: " + Join(r.rules) + "\n";
      break;
    case Status::Unknown: {
      bool eligibility = !r.rules.empty();
      for (const std::string& id : r.rules) {
        bool unknown = false;
        for (const std::string& u : e.decision.unknown)
          unknown = unknown || u == id;
        eligibility = eligibility && unknown;
      }
      if (eligibility) {
        out += "  undecided: no rule decides while " + Join(r.rules) + " is unknown\n";
      } else if (!r.rules.empty()) {
        out += "  accepted by: " + Join(r.rules) +
               ", but a haircut, tier or limit part is unknown (see reason)\n";
      }
      break;
    }
    case Status::Rejected:
      break;
  }
  return out;
}

}  // namespace

std::string RenderPositionText(const PositionExplanation& e) {
  std::string out = fmt::format("Position {} of account {} ({})\n", e.id, e.account, e.source);
  if (!e.account_rejection.empty())
    out += fmt::format("  the account is rejected: {}\n", e.account_rejection);
  if (!e.rejection.empty()) out += fmt::format("  REJECTED: {}\n", e.rejection);
  out += "Fields\n";
  for (const Read& f : e.fields)
    out += fmt::format("  {} = {}\n", f.name, f.value.shown);
  for (const FxNote& fx : e.fx) {
    out += fmt::format("  market value: {} {} x {} (fx {}) = {} {}\n",
                       FormatMoney(fx.amount, e.places), fx.currency, fx.rate, fx.currency,
                       FormatMoney(fx.market_value, e.places), e.currency);
  }
  if (!e.lets.empty()) {
    out += "Lets used\n";
    for (const LetValue& l : e.lets)
      out += Block("  ", l.name + " = ",
                   l.source.empty() ? l.value.shown : l.source + " = " + l.value.shown);
  }
  if (e.rejection.empty() && e.account_rejection.empty()) {
    out += "Eligibility (rules in force, in written order)\n";
    for (const RuleExplanation& r : e.rules) {
      out += Block(
          "  ", fmt::format("{} {} when ", r.verb == ir::Verb::Accept ? "accept" : "reject", r.id),
          r.condition.source);
      out += Outcome(r.condition);
    }
    out += e.result.status == Status::Eligible
               ? "Haircut components (in force)\n"
               : "Haircut components (in force; they apply only to an eligible position)\n";
    for (const ComponentExplanation& c : e.components) {
      out += Block("  ", fmt::format("{} {} = ", ComponentWord(c.kind), c.id), c.value.source);
      out += Outcome(c.value);
    }
  }
  if (!e.tiers.empty()) {
    out += "Tiers (in force)\n";
    for (const TiersExplanation& t : e.tiers) {
      if (t.when.empty()) {
        out += fmt::format("  tiers {}: every position\n", t.id);
      } else {
        out += Block("  ", fmt::format("tiers {} when ", t.id), t.when.front().source);
        out += Outcome(t.when.front());
      }
      for (const Traced& g : t.group_by)
        out += Block("    ", "group by ", g.source + " = " + g.value.shown);
      out += t.member ? "    a member: the tiers' rate for its group is in the result\n"
                      : "    not a member\n";
    }
  }
  out += "Result\n";
  out += fmt::format("  status: {}\n", StatusName(e.result.status));
  if (e.result.status != Status::Rejected) out += DecisionText(e);
  if (!e.result.reason.empty()) out += fmt::format("  reason: {}\n", e.result.reason);
  for (std::size_t i = 0; i < e.result.components.size(); ++i) {
    const ReportedComponent& c = e.result.components[i];
    out += fmt::format("  {} {}: {}{}\n", e.result_is_tiers[i] ? "tiers" : ComponentWord(c.kind),
                       c.id, e.result_shown[i], c.rule.empty() ? "" : " (" + c.rule + ")");
  }
  out += fmt::format(
      "  market value {}, adjusted value {}, excess over limits {}, counted value {}\n",
      FormatMoney(e.result.market_value, e.places), FormatMoney(e.result.adjusted_value, e.places),
      FormatMoney(e.result.excess, e.places), FormatMoney(e.result.counted_value, e.places));
  for (const LimitShare& share : e.excess_by_limit) {
    out += fmt::format("  excess taken by limit {}{}: {}\n", share.limit,
                       share.group.empty() ? "" : " group \"" + share.group + "\"",
                       FormatMoney(share.excess, e.places));
  }
  return out;
}

std::string RenderAccountText(const AccountExplanation& e) {
  std::string out = fmt::format("Account {}\n", e.id);
  if (!e.rejection.empty()) out += fmt::format("  REJECTED: {}\n", e.rejection);
  const Totals& t = e.totals;
  out += "Totals\n";
  out += fmt::format("  gross value {}, eligible value {}, haircut value {}\n",
                     FormatMoney(t.gross_value, e.places), FormatMoney(t.eligible_value, e.places),
                     FormatMoney(t.haircut_value, e.places));
  out += fmt::format("  collateral value {} = eligible value {} - concentration excess {}\n",
                     FormatMoney(t.collateral_value, e.places),
                     FormatMoney(t.eligible_value, e.places),
                     FormatMoney(t.concentration_excess, e.places));
  out += "Outputs (in written order)\n";
  if (e.outputs.empty()) out += "  (none)\n";
  for (const OutputExplanation& o : e.outputs) {
    out += Block("  ", fmt::format("output {}: {} = ", o.name, o.type), o.value.source);
    if (!o.value.reads.empty()) out += "    reads: " + Reads(o.value.reads) + "\n";
    out += Outcome(o.value);
  }
  out += "Limits\n";
  if (e.limits.empty()) out += "  (none)\n";
  for (const LimitExplanation& l : e.limits) {
    const LimitResult& r = l.result;
    const bool money = l.on != ir::LimitOn::Quantity;
    const auto amount = [&](double v) {
      return money ? FormatMoney(v, e.places) : fmt::format("{}", v);
    };
    out += fmt::format("  {}{}: {} {}, used {}", r.id,
                       r.group.empty() ? "" : " group \"" + r.group + "\"",
                       r.is_max ? "max" : "min", amount(r.cap), amount(r.used));
    if (r.is_max) {
      out += fmt::format(", excess {}", FormatMoney(r.excess, e.places));
    } else {
      out += fmt::format(", shortfall {}", amount(r.shortfall));
    }
    out += r.breached ? " (BREACHED)\n" : "\n";
    for (const Attribution& a : l.attributed) {
      out += fmt::format("    taken from {}: {} ({} of the excess)\n", a.position,
                         FormatMoney(a.share, e.places),
                         FormatRate(r.excess > 0 ? a.share / r.excess : 0));
    }
  }
  return out;
}

}  // namespace collat::runtime
