#include "runtime/grouping.h"

namespace collat::runtime {

Grouping::Canonical Grouping::Canonicalize(const ir::Value& key) const {
  switch (repr_) {
    case Repr::Number:
      return {key.number == 0 ? 0.0 : key.number, 0, 0, 0};  // -0 == 0
    case Repr::Integer:
      return {0.0, key.integer, 0, 0};
    case Repr::Duration:
      return {0.0, 0, key.duration.months, key.duration.days};
    case Repr::None:
      break;
  }
  return {0.0, 0, 0, 0};
}

void Grouping::Add(const ir::Value& key, std::size_t member) {
  const auto [it, fresh] = index_.emplace(Canonicalize(key), groups_.size());
  if (fresh) groups_.push_back(Group{key, {}});
  groups_[it->second].members.push_back(member);
}

}  // namespace collat::runtime
