// Literal spellings for generated policies and inputs.
#include "difftest/literals.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "runtime/report_json.h"

namespace collat::difftest {

std::string_view TypeName(Ty ty) {
  switch (ty) {
    case Ty::Number:
      return "number";
    case Ty::Percent:
      return "percent";
    case Ty::Money:
      return "money";
    case Ty::Bool:
      return "bool";
    case Ty::Text:
      return "text";
    case Ty::Cls:
      return "Cls";
    case Ty::Rating:
      return "Rt";
    case Ty::Date:
      return "date";
    case Ty::Duration:
      return "duration";
  }
  return "number";
}

std::string Decimal(std::int64_t scaled, int decimals, bool groups) {
  const bool negative = scaled < 0;
  std::string digits = std::to_string(negative ? -scaled : scaled);
  while (digits.size() <= static_cast<std::size_t>(decimals))
    digits.insert(0, "0");
  std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
  std::string frac = digits.substr(digits.size() - static_cast<std::size_t>(decimals));
  if (groups && whole.size() > 3) {
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i > 0 && (whole.size() - i) % 3 == 0) grouped += '_';
      grouped += whole[i];
    }
    whole = grouped;
  }
  std::string out = (negative ? "-" : "") + whole;
  if (!frac.empty()) out += "." + frac;
  return out;
}

namespace {

std::int64_t Magnitude(Rng& rng) {
  static constexpr std::array<std::int64_t, 6> kTops = {2, 10, 100, 1000, 100000, 10000000};
  return static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(
             kTops[static_cast<std::size_t>(rng.Below(kTops.size()))]))) +
         (rng.Chance(10) ? 0 : 1);
}

}  // namespace

std::string NumberLiteral(Rng& rng, Model& model) {
  const int decimals = rng.Chance(70) ? 0 : rng.Int(1, 2);
  std::int64_t scaled = Magnitude(rng);
  for (int i = 0; i < decimals; ++i)
    scaled = scaled * 10 + rng.Int(0, 9);
  if (rng.Chance(8)) scaled = 0;
  std::string text = Decimal(scaled, decimals, rng.Chance(30));
  if (model.numbers.size() < 64) model.numbers.push_back(text);
  return text;
}

std::string RateLiteral(Rng& rng) {
  const int whole = rng.Chance(10) ? 100 : rng.Chance(10) ? 0 : rng.Int(0, 60);
  const int tenths = whole == 100 ? 0 : (rng.Chance(60) ? 0 : rng.Int(1, 9));
  if (rng.Chance(15)) return Decimal(whole * 10 + tenths, 3);  // 0.025 for 2.5%
  if (tenths == 0) return std::to_string(whole) + "%";
  return Decimal(whole * 10 + tenths, 1) + "%";
}

std::string MoneyLiteral(Rng& rng, Model& model) {
  if (rng.Chance(8)) return "0 USD";
  return NumberLiteral(rng, model) + " USD";
}

std::string DateText(std::int64_t days) {
  return runtime::FormatDate(days);
}

std::string DateLiteral(Rng& rng, Model& model) {
  static constexpr std::array<std::int64_t, 8> kOffsets = {0, 1, -1, 30, 365, 366, -400, 1826};
  std::int64_t days =
      model.valuation_date + kOffsets[static_cast<std::size_t>(rng.Below(kOffsets.size()))];
  if (rng.Chance(40)) days = model.valuation_date + rng.Int(-3000, 4000);
  if (model.dates.size() < 64) model.dates.push_back(days);
  return DateText(days);
}

std::string DurationLiteral(Rng& rng) {
  static constexpr std::array<std::string_view, 4> kUnits = {"d", "w", "m", "y"};
  const std::string_view unit = kUnits[static_cast<std::size_t>(rng.Below(kUnits.size()))];
  return std::to_string(rng.Int(0, unit == "d" ? 400 : 30)) + std::string(unit);
}

std::string TextConstant(Rng& rng, Model& model) {
  static constexpr std::array<std::string_view, 8> kTexts = {"I1",  "I2",  "I3",  "USD",
                                                             "EUR", "GBP", "XYZ", ""};
  std::string text(kTexts[static_cast<std::size_t>(rng.Below(kTexts.size()))]);
  if (rng.Chance(10)) text = "T" + std::to_string(rng.Int(0, 99));
  if (std::find(model.texts.begin(), model.texts.end(), text) == model.texts.end())
    model.texts.push_back(text);
  return text;
}

}  // namespace collat::difftest
