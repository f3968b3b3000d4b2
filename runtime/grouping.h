// Grouping positions by a key, as tiers and limits do: groups are ordered by their first member
// in input order, and keys are equal as the `==` operator says (so 0 and -0 are one group).
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "compiler/ir.h"
#include "runtime/value_ops.h"

namespace collat::runtime {

struct Group {
  ir::Value key;                     // the first member's key
  std::vector<std::size_t> members;  // in the order added (callers add in input order)
};

class Grouping {
 public:
  // `repr` is the key type's representation; Repr::None puts every member in one group (a
  // declaration without a key).
  explicit Grouping(Repr repr) : repr_(repr) {}

  void Add(const ir::Value& key, std::size_t member);
  const std::vector<Group>& groups() const { return groups_; }

 private:
  using Canonical = std::tuple<double, std::int64_t, std::int32_t, std::int32_t>;
  Canonical Canonicalize(const ir::Value& key) const;

  Repr repr_;
  std::map<Canonical, std::size_t> index_;
  std::vector<Group> groups_;
};

}  // namespace collat::runtime
