// Why a value is unknown: the missing fields it read, and other causes (division by zero, a table
// without a row for the key, no match arm holding, ...). The expression evaluator collects them;
// positions report them in `missing` and `reason`.
#pragma once

#include <string>
#include <vector>

namespace collat::runtime {

struct Cause {
  bool field = false;  // true: `text` names a missing field; false: `text` describes the cause
  std::string text;    // position fields by name, others as "account.x" / "market.x"
};

using Causes = std::vector<Cause>;

// The missing fields among `causes`: sorted, without duplicates.
std::vector<std::string> MissingFields(const Causes& causes);

// The causes as one text: the missing fields (sorted, unique), then the other causes in the order
// they occurred (unique), joined with ", ". Empty when there are none.
std::string DescribeCauses(const Causes& causes);

}  // namespace collat::runtime
