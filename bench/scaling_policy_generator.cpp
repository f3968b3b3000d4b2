#include "bench/scaling_policy_generator.h"

#include <algorithm>

#include <fmt/format.h>

namespace collat::bench {
namespace {

constexpr double kMarketValue = 1000;
constexpr double kRequirement = 10000;
constexpr std::size_t kAccounts = 4;

// A position of the input, before it is written out.
struct Draft {
  std::string issuer;
  double quantity = 0;
  ExpectedPosition expected;
};

std::string Header(ScalingShape shape, std::size_t items) {
  return fmt::format(R"(policy scaling_{0} "Generated policy with {1} {0}" {{
  version "1"
  effective 2026-01-01
  currency USD
  source "bench/scaling_policy_generator.cpp"
}}

position {{
  issuer: text
  quantity: number
  market_value: money
}}

account {{
  requirement: money
}}

)",
                     ScalingShapeName(shape), items);
}

// A rate in percent for item i: 1% to 40%.
int RatePercent(std::size_t i) {
  return 1 + static_cast<int>(i % 40);
}

void Eligible(Draft& d, std::string rule, double haircut_percent) {
  d.expected.eligible = true;
  d.expected.rules = {std::move(rule)};
  d.expected.haircut = haircut_percent / 100;
  d.expected.adjusted_value = kMarketValue - 10 * haircut_percent;  // exact in cents
}

// ---- rules ---------------------------------------------------------------------------------

std::string RulesPolicy(std::size_t n) {
  std::string out = "eligibility {\n";
  for (std::size_t i = 0; i < n; ++i) {
    switch (i % 3) {
      case 0:
        if (i % 30 == 0) {
          out += fmt::format("  accept a{0} effective 2025-01-01 when issuer == \"I{0}\"\n", i);
          out += fmt::format("  accept a{0} effective 2027-01-01 when issuer == \"X{0}\"\n", i);
        } else {
          out += fmt::format("  accept a{0} when issuer == \"I{0}\"\n", i);
        }
        break;
      case 1:
        out += fmt::format("  accept b{0} when quantity >= {0} and quantity < {1}\n", i, i + 1);
        break;
      default:
        out += fmt::format(
            "  reject c{0} when issuer in {{\"R{0}\", \"S{0}\"}} \"issuer {0} barred\"\n", i);
        break;
    }
  }
  return out + "}\n\nhaircut flat = 10%\n";
}

Draft RulesTarget(std::size_t k) {
  Draft d;
  switch (k % 3) {
    case 0:
      d.issuer = fmt::format("I{}", k);
      d.quantity = 0.5;
      Eligible(d, fmt::format("a{}", k), 10);
      break;
    case 1:
      d.issuer = fmt::format("Q{}", k);
      d.quantity = static_cast<double>(k) + 0.5;
      Eligible(d, fmt::format("b{}", k), 10);
      break;
    default:
      d.issuer = fmt::format("S{}", k);
      d.quantity = 0.5;
      d.expected.rules = {fmt::format("c{}", k)};
      d.expected.reason = fmt::format("issuer {} barred", k);
      break;
  }
  return d;
}

// Hits no accept rule: the issuer of rule a0's future version, and an unknown issuer.
std::vector<Draft> RulesMisses() {
  std::vector<Draft> out(2);
  out[0].issuer = "X0";
  out[1].issuer = "nobody";
  for (Draft& d : out) {
    d.quantity = 0.25;
    d.expected.reason = "no accept rule holds";
  }
  return out;
}

// ---- arms ----------------------------------------------------------------------------------

constexpr const char* kAcceptAll = "eligibility {\n  accept all when quantity >= 0\n}\n\n";

std::string ArmsPolicy(std::size_t n) {
  std::string out = kAcceptAll;
  out += "haircut h = match {\n";
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 2 == 0) {
      out += fmt::format("  m{0}: issuer == \"I{0}\" => {1}%\n", i, RatePercent(i));
    } else {
      out += fmt::format("  m{0}: quantity >= {0} and quantity < {1} => {2}%\n", i, i + 1,
                         RatePercent(i));
    }
  }
  return out + "  other: else => 50%\n}\n";
}

Draft ArmsTarget(std::size_t k) {
  Draft d;
  d.issuer = k % 2 == 0 ? fmt::format("I{}", k) : fmt::format("Q{}", k);
  d.quantity = k % 2 == 0 ? 0.5 : static_cast<double>(k) + 0.5;
  Eligible(d, "all", RatePercent(k));
  d.expected.arm = fmt::format("m{}", k);
  return d;
}

std::vector<Draft> ArmsMisses(std::size_t n) {
  std::vector<Draft> out(2);
  out[0].issuer = "nobody";
  out[0].quantity = 0.25;
  out[1].issuer = fmt::format("I{}", n + 1);
  out[1].quantity = static_cast<double>(n) + 0.5;
  for (Draft& d : out) {
    Eligible(d, "all", 50);
    d.expected.arm = "other";
  }
  return out;
}

// ---- bands ---------------------------------------------------------------------------------

// Band i is `< i+1` for even i and `<= i+1` for odd i: ascending either way.
std::string BandsPolicy(std::size_t n) {
  std::string out = kAcceptAll;
  out += "haircut h = schedule quantity {\n";
  for (std::size_t i = 0; i < n; ++i)
    out += fmt::format("  {} {}: {}%\n", i % 2 == 0 ? "<" : "<=", i + 1, RatePercent(i));
  return out + "  else: 50%\n}\n";
}

// The band a quantity falls in, by the bands' definition; n for `else`.
std::size_t BandOf(double quantity, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const double bound = static_cast<double>(i + 1);
    if (i % 2 == 0 ? quantity < bound : quantity <= bound) return i;
  }
  return n;
}

Draft BandsDraft(double quantity, std::size_t n) {
  Draft d;
  d.issuer = "any";
  d.quantity = quantity;
  const std::size_t band = BandOf(quantity, n);
  Eligible(d, "all", band < n ? RatePercent(band) : 50);
  return d;
}

// ---- limits --------------------------------------------------------------------------------

// Limit i caps issuer I<i> at 500 to 900 USD: absolute (i % 3 == 0), absolute by issuer (1), or
// 5% to 9% of the requirement of 10,000 USD (2).
double LimitCap(std::size_t i) {
  return 500 + 100 * static_cast<double>(i % 5);
}

std::string LimitsPolicy(std::size_t n) {
  std::string out = kAcceptAll;
  out += "haircut flat = 10%\n\n";
  for (std::size_t i = 0; i < n; ++i) {
    const auto cap = static_cast<int>(LimitCap(i));
    switch (i % 3) {
      case 0:
        out += fmt::format("limit cap{0} where issuer == \"I{0}\" max {1} USD\n", i, cap);
        break;
      case 1:
        out += fmt::format("limit cap{0} by issuer where issuer == \"I{0}\" max {1} USD\n", i, cap);
        break;
      default:
        out += fmt::format("limit cap{0} where issuer == \"I{0}\" max {1}% of requirement\n", i,
                           cap / 100);
        break;
    }
  }
  return out;
}

Draft LimitsTarget(std::size_t k) {
  Draft d;
  d.issuer = fmt::format("I{}", k);
  d.quantity = 1;
  Eligible(d, "all", 10);
  d.expected.excess = std::max(0.0, d.expected.adjusted_value - LimitCap(k));
  return d;
}

std::string Number(double v) {
  return fmt::format("{}", v);
}

}  // namespace

const char* ScalingShapeName(ScalingShape shape) {
  switch (shape) {
    case ScalingShape::Rules:
      return "rules";
    case ScalingShape::Arms:
      return "arms";
    case ScalingShape::Bands:
      return "bands";
    case ScalingShape::Limits:
      return "limits";
  }
  return "";
}

ScalingCase GenerateScalingCase(ScalingShape shape, std::size_t items, std::size_t positions) {
  items = std::max<std::size_t>(items, 1);
  positions = std::clamp<std::size_t>(positions, 1, items);
  std::vector<Draft> drafts;
  std::string policy = Header(shape, items);
  switch (shape) {
    case ScalingShape::Rules:
      policy += RulesPolicy(items);
      break;
    case ScalingShape::Arms:
      policy += ArmsPolicy(items);
      break;
    case ScalingShape::Bands:
      policy += BandsPolicy(items);
      break;
    case ScalingShape::Limits:
      policy += LimitsPolicy(items);
      break;
  }
  for (std::size_t p = 0; p < positions; ++p) {
    const std::size_t k = positions == 1 ? 0 : p * (items - 1) / (positions - 1);
    switch (shape) {
      case ScalingShape::Rules:
        drafts.push_back(RulesTarget(k));
        break;
      case ScalingShape::Arms:
        drafts.push_back(ArmsTarget(k));
        break;
      case ScalingShape::Bands:
        drafts.push_back(BandsDraft(static_cast<double>(k) + 0.5, items));
        break;
      case ScalingShape::Limits:
        drafts.push_back(LimitsTarget(k));
        break;
    }
  }
  std::vector<Draft> misses;
  switch (shape) {
    case ScalingShape::Rules:
      misses = RulesMisses();
      break;
    case ScalingShape::Arms:
      misses = ArmsMisses(items);
      break;
    case ScalingShape::Bands:
      // Beyond the last bound (`else`), and exactly on band 1's bound `<= 2`.
      misses = {BandsDraft(static_cast<double>(items) + 7, items), BandsDraft(2, items)};
      break;
    case ScalingShape::Limits:
      misses = {LimitsTarget(items + 1), LimitsTarget(items + 2)};
      for (Draft& d : misses)
        d.expected.excess = 0;  // no limit covers these issuers
      break;
  }
  drafts.insert(drafts.end(), misses.begin(), misses.end());

  ScalingCase out;
  out.policy = std::move(policy);
  out.positions = drafts.size();
  out.input = "valuation_date: 2026-06-30\naccounts:\n";
  const std::size_t accounts = std::min(kAccounts, drafts.size());
  for (std::size_t a = 0, j = 0; a < accounts; ++a) {
    out.input +=
        fmt::format("  - id: A{}\n    requirement: {}\n    positions:\n", a, Number(kRequirement));
    for (; j < drafts.size() && j * accounts / drafts.size() == a; ++j) {
      Draft& d = drafts[j];
      d.expected.id = fmt::format("P{}", j);
      out.input += fmt::format("      - {{ id: {}, issuer: {}, quantity: {}, market_value: {} }}\n",
                               d.expected.id, d.issuer, Number(d.quantity), Number(kMarketValue));
      out.expected.push_back(std::move(d.expected));
    }
  }
  return out;
}

}  // namespace collat::bench
