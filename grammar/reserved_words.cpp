#include <algorithm>
#include <array>
#include <string_view>

#include "grammar/grammar.h"

namespace collat::grammar {

bool IsReservedWord(std::string_view word) {
  // Sorted for binary search; the same words as rules::reserved.
  static constexpr std::array<std::string_view, 32> kWords = {
      "accept",   "and",   "effective", "eligibility", "else",   "enum",    "false",     "fn",
      "haircut",  "if",    "import",    "in",          "is",     "known",   "let",       "limit",
      "margin",   "match", "not",       "or",          "output", "policy",  "rebalance", "reject",
      "schedule", "table", "then",      "tiers",       "true",   "unknown", "when",      "where"};
  return std::binary_search(kWords.begin(), kWords.end(), word);
}

}  // namespace collat::grammar
