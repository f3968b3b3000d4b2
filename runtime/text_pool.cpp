#include "runtime/input.h"

namespace collat::runtime {

std::int64_t TextPool::Intern(std::string_view text) {
  const auto it = codes_.find(text);
  if (it != codes_.end()) return it->second;
  const auto code = static_cast<std::int64_t>(texts_.size());
  texts_.emplace_back(text);
  codes_.emplace(texts_.back(), code);
  return code;
}

std::int64_t TextPool::Find(std::string_view text) const {
  const auto it = codes_.find(text);
  return it == codes_.end() ? kAbsent : it->second;
}

}  // namespace collat::runtime
