// What the policy generator decided and the input generator must match: the schemas (field types
// and whether each is required, optional or defaulted), the valuation date, and pools of the
// constants the policy mentions (texts, numbers, dates), so inputs hit schedule bounds, table keys
// and set members exactly.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace collat::difftest {

// The generator's types: the language's field types, with the two enums it declares.
enum class Ty : std::uint8_t { Number, Percent, Money, Bool, Text, Cls, Rating, Date, Duration };

// `enum Cls { ... }` (plain) and `enum Rt ordered { ... }` (highest first).
inline constexpr std::array<std::string_view, 5> kClsLabels = {"c_cash", "c_gov", "c_corp", "c_eq",
                                                               "c_gold"};
inline constexpr std::array<std::string_view, 6> kRtLabels = {"r_aaa", "r_aa", "r_a",
                                                              "r_bbb", "r_bb", "r_b"};

enum class FieldMode : std::uint8_t { Required, Optional, Defaulted };

struct FieldSpec {
  std::string name;
  Ty ty = Ty::Number;
  FieldMode mode = FieldMode::Required;
  std::string default_text;  // Defaulted: the default as written in the policy
};

struct Model {
  std::int64_t valuation_date = 0;  // days since 1970-01-01
  std::vector<FieldSpec> position, account, market;
  std::vector<std::string> texts;    // text constants of the policy, unquoted
  std::vector<std::string> numbers;  // non-negative numeric literals of the policy, as written
  std::vector<std::int64_t> dates;   // date literals of the policy
};

// The type's name in a schema or a signature.
std::string_view TypeName(Ty ty);

}  // namespace collat::difftest
