#include <string>

#include "runtime/input.h"

namespace collat::runtime {

std::string Positions::Source(std::size_t i) const {
  return source_prefix[source_file[i]] + std::to_string(source_line[i]);
}

std::uint32_t Positions::SourcePrefix(std::string_view prefix) {
  for (std::size_t p = 0; p < source_prefix.size(); ++p) {
    if (source_prefix[p] == prefix) return static_cast<std::uint32_t>(p);
  }
  source_prefix.emplace_back(prefix);
  return static_cast<std::uint32_t>(source_prefix.size() - 1);
}

}  // namespace collat::runtime
