// Evaluation inputs for generated policies.
#include "difftest/input_gen.h"

#include <array>
#include <string_view>

#include "difftest/literals.h"

namespace collat::difftest {
namespace {

class InputBuilder {
 public:
  InputBuilder(Rng& rng, const Model& model) : rng_(rng), model_(model) {}

  std::string Build() {
    std::string out = "valuation_date: " + DateText(model_.valuation_date) + "\nfx: {";
    static constexpr std::array<std::string_view, 3> kRates = {"EUR: 1.08", "GBP: 1.27",
                                                               "JPY: 0.0067"};
    bool first = true;
    for (const std::string_view rate : kRates) {
      if (rng_.Chance(85)) {
        out += std::string(first ? " " : ", ") + std::string(rate);
        first = false;
      }
    }
    out += first ? "}\n" : " }\n";
    if (!model_.market.empty()) {
      strict_ = true;  // a bad market value is a file error, not a rejected record
      out += "market: " + Record(model_.market, "") + "\n";
      strict_ = false;
    }
    out += "accounts:\n";
    const int accounts = rng_.Int(1, 4);
    for (int a = 0; a < accounts; ++a) {
      out += "  - id: A" + std::to_string(a + 1) + "\n";
      for (const FieldSpec& f : model_.account) {
        if (Present(f)) out += "    " + f.name + ": " + Value(f) + "\n";
      }
      const int positions = rng_.Int(0, 7);
      if (positions == 0 && rng_.Chance(50)) continue;
      out += "    positions:\n";
      for (int p = 0; p < positions; ++p) {
        const int id = rng_.Chance(3) && p > 0 ? p : p + 1;  // now and then a repeated id
        out += "      - " + Record(model_.position, "p" + std::to_string(id)) + "\n";
      }
    }
    return out;
  }

 private:
  bool Present(const FieldSpec& f) {
    switch (f.mode) {
      case FieldMode::Required:
        return !rng_.Chance(3);
      case FieldMode::Optional:
        return rng_.Chance(70);
      case FieldMode::Defaulted:
        return rng_.Chance(55);
    }
    return true;
  }

  std::string Record(const std::vector<FieldSpec>& fields, const std::string& id) {
    std::string out = "{";
    bool first = true;
    if (!id.empty()) {
      out += " id: " + id;
      first = false;
    }
    for (const FieldSpec& f : fields) {
      // Market fields without a default must be present: their absence is a file error.
      const bool must = id.empty() && f.mode == FieldMode::Required;
      if (!must && !Present(f)) continue;
      out += std::string(first ? " " : ", ") + f.name + ": " + Value(f);
      first = false;
    }
    return out + (first ? "}" : " }");
  }

  std::string Pooled(const std::vector<std::string>& pool) {
    return pool[static_cast<std::size_t>(rng_.Below(pool.size()))];
  }

  std::string Number(bool mostly_positive) {
    if (!model_.numbers.empty() && rng_.Chance(35)) return Pooled(model_.numbers);
    if (rng_.Chance(10)) return "0";
    std::int64_t scaled = rng_.Int(0, 1) == 0 ? rng_.Int(1, 100) : rng_.Int(1, 5000000);
    const int decimals = rng_.Chance(70) ? 0 : 2;
    if (decimals > 0) scaled = scaled * 100 + rng_.Int(0, 99);
    if (rng_.Chance(mostly_positive ? 4 : 15)) scaled = -scaled;
    return Decimal(scaled, decimals, rng_.Chance(20));
  }

  std::string Value(const FieldSpec& f) {
    if (f.name == "currency") {
      // Mostly codes with a rate (when fx lists them); CHF never has one.
      static constexpr std::array<std::string_view, 8> kCodes = {"USD", "USD", "USD", "EUR",
                                                                 "EUR", "GBP", "JPY", "CHF"};
      return "\"" + std::string(kCodes[static_cast<std::size_t>(rng_.Below(kCodes.size()))]) + "\"";
    }
    switch (f.ty) {
      case Ty::Number:
        return Number(f.name == "quantity");
      case Ty::Percent:
        return "\"" + std::to_string(rng_.Int(0, 120)) + (rng_.Chance(70) ? "%\"" : "e-2\"");
      case Ty::Money: {
        const std::string n = Number(f.name == "market_value");
        return !strict_ && rng_.Chance(5) ? "\"" + n + " EUR\"" : n;
      }
      case Ty::Bool:
        return rng_.Chance(50) ? "true" : "false";
      case Ty::Text: {
        static constexpr std::array<std::string_view, 5> kTexts = {"I1", "I2", "I4", "USD", ""};
        if (!model_.texts.empty() && rng_.Chance(60)) return "\"" + Pooled(model_.texts) + "\"";
        return "\"" + std::string(kTexts[static_cast<std::size_t>(rng_.Below(kTexts.size()))]) +
               "\"";
      }
      case Ty::Cls:
        if (!strict_ && rng_.Chance(1)) return "c_bad";
        return std::string(kClsLabels[static_cast<std::size_t>(rng_.Below(kClsLabels.size()))]);
      case Ty::Rating:
        if (!strict_ && rng_.Chance(1)) return "r_bad";
        return std::string(kRtLabels[static_cast<std::size_t>(rng_.Below(kRtLabels.size()))]);
      case Ty::Date:
        if (!model_.dates.empty() && rng_.Chance(40)) {
          return DateText(model_.dates[static_cast<std::size_t>(rng_.Below(model_.dates.size()))]);
        }
        return DateText(model_.valuation_date + rng_.Int(-2000, 4000));
      case Ty::Duration:
        return DurationLiteral(rng_);
    }
    return "0";
  }

  Rng& rng_;
  const Model& model_;
  bool strict_ = false;
};

}  // namespace

std::string GenerateInput(Rng& rng, const Model& model) {
  return InputBuilder(rng, model).Build();
}

}  // namespace collat::difftest
