#include "runtime/unknown_causes.h"

#include <algorithm>

namespace collat::runtime {

std::vector<std::string> MissingFields(const Causes& causes) {
  std::vector<std::string> fields;
  for (const Cause& c : causes) {
    if (c.field) fields.push_back(c.text);
  }
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  return fields;
}

std::string DescribeCauses(const Causes& causes) {
  std::vector<std::string> parts = MissingFields(causes);
  const std::size_t fields = parts.size();
  for (const Cause& c : causes) {
    if (c.field) continue;
    if (std::find(parts.begin() + static_cast<std::ptrdiff_t>(fields), parts.end(), c.text) ==
        parts.end()) {
      parts.push_back(c.text);
    }
  }
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace collat::runtime
