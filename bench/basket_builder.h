// Building a runtime::Input directly, without a loader: every column of the policy's schema sized
// to the basket, defaults filled as the loaders fill them, accounts over contiguous blocks of
// positions. The per-policy basket generators (basket_*.cpp) set the values.
#pragma once

#include <cstdint>
#include <random>
#include <string_view>

#include "compiler/ir.h"
#include "runtime/input.h"

namespace collat::bench {

class BasketBuilder {
 public:
  // `positions` positions over `accounts` accounts (account a holds a contiguous block), valued on
  // `valuation_date` (days). Every field starts unknown, except fields with a default, which hold
  // it. Account fields start unknown too (defaults filled).
  BasketBuilder(const ir::Policy& policy, std::size_t positions, std::size_t accounts,
                std::int64_t valuation_date);

  std::size_t positions() const { return input_.positions.size(); }
  std::size_t accounts() const { return input_.accounts.size(); }

  // Position field values (the field must exist; the value's kind must match its type).
  void Number(std::string_view field, std::size_t i, double v);
  void Integer(std::string_view field, std::size_t i, std::int64_t v);
  void Text(std::string_view field, std::size_t i, std::string_view text);
  void Enum(std::string_view field, std::size_t i, std::string_view label);
  void Missing(std::string_view field, std::size_t i);
  // The market value in the base currency: the `market_value` column and Positions::market_value.
  void MarketValue(std::size_t i, double v);
  // Marks the position rejected by the input, as a loader would (no field is read).
  void Reject(std::size_t i, std::string reason);

  void AccountValue(std::size_t account, std::string_view field, ir::Value v);
  void AccountText(std::size_t account, std::string_view field, std::string_view text);
  void AccountEnum(std::size_t account, std::string_view field, std::string_view label);
  void MarketValueField(std::string_view field, ir::Value v);
  void Fx(std::string currency, double rate) { input_.market.fx[std::move(currency)] = rate; }

  // The rank of `label` in the enum of position field `field`.
  std::int64_t Rank(std::string_view field, std::string_view label) const;

  runtime::Input Take() { return std::move(input_); }

 private:
  runtime::Column& Column(std::string_view field);
  std::size_t AccountField(std::string_view field) const;
  std::int64_t EnumRank(const ir::Type& type, std::string_view label) const;

  const ir::Policy& policy_;
  runtime::Input input_;
};

// Draws used by the generators: a fixed-seed engine and small helpers on it.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  double Uniform(double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng_); }
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return Uniform(0, 1) < p; }
  // An index into `weights`, drawn with those relative weights.
  template <std::size_t N>
  std::size_t Pick(const double (&weights)[N]) {
    double total = 0;
    for (double w : weights)
      total += w;
    double x = Uniform(0, total);
    for (std::size_t k = 0; k < N; ++k) {
      if (x < weights[k]) return k;
      x -= weights[k];
    }
    return N - 1;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace collat::bench
