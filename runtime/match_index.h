// An index over the arms of a large `match` (issue 9: evaluation near-linear in the arms). Without
// it the position that takes arm k tries arms 0 to k; with it, arms whose condition is a test of
// one field against constants are looked up by the field's value, and only the other arms are tried
// in order, up to the candidate the lookup gives.
//
// Indexable conditions (a "subject" is a position or account field, a "constant" an Op::Const of
// the same type; no set types):
// - equality `subject == constant` (either side) on a text, enum, bool or date field: grouped by
//   subject, a hash from the constant's value (a text's code for this input) to the first arm;
// - a range: `subject < constant` (<=, >, >=, either side) on a number, percent or money field,
//   or an `and` of such comparisons on one subject (the interval's intersection): grouped by
//   subject, sorted by lower end and binary searched, when the group's non-empty intervals are
//   pairwise disjoint (otherwise the group's arms are not indexed).
// Every other arm (`else`, an empty interval, any other condition) is "other": tried in order.
//
// Contract (what makes the indexed result the sequential one): when every group's subject is
// known, an indexed arm's condition is known and true exactly when the subject's value is its key
// (lies in its interval), so each group's lookup is the group's first arm that holds and the first
// indexed arm that holds is the minimum of the lookups; an arm before it that holds or is unknown
// can only be an "other" arm, and those are tried in written order. A condition of an indexed arm
// has no effect besides its value (fields and constants only: no lets, no calls, no causes when
// known), so skipping the false ones changes neither causes nor trace. When a subject is unknown
// the caller evaluates the arms in order instead (the unknown condition, its causes, as written).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "compiler/ir.h"

namespace collat::runtime {

class MatchIndex {
 public:
  // Smaller matches are evaluated in order (the index would cost more than it saves).
  static constexpr std::size_t kMinArms = 16;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // `constant` gives a Const node's value for the current input (text constants are bound per
  // input). The index is only valid for that input.
  MatchIndex(const ir::Expr& match, const std::function<ir::Value(const ir::Expr&)>& constant);

  // No arm is indexable: evaluate in order.
  bool empty() const { return groups_.empty(); }

  // The subjects to evaluate, one per group, in group order.
  std::size_t groups() const { return groups_.size(); }
  const ir::Expr& subject(std::size_t group) const { return *groups_[group].subject; }

  // The first arm of `group` whose condition holds for the KNOWN subject value `v`; kNone if none.
  std::size_t Find(std::size_t group, const ir::Value& v) const;

  // The arms that are not indexed, ascending.
  const std::vector<std::size_t>& others() const { return others_; }

 private:
  struct Interval {
    bool has_lo = false, lo_closed = false, has_hi = false, hi_closed = false;
    double lo = 0, hi = 0;
    std::size_t arm = 0;
    bool LowerAdmits(double x) const { return !has_lo || lo < x || (lo == x && lo_closed); }
    bool UpperAdmits(double x) const { return !has_hi || x < hi || (x == hi && hi_closed); }
    bool Empty() const;
  };
  enum class Kind : std::uint8_t { Equal, Range };
  struct Group {
    Kind kind = Kind::Equal;
    const ir::Expr* subject = nullptr;
    std::unordered_map<std::int64_t, std::size_t> first;  // Equal: value -> first arm
    std::vector<Interval> intervals;                      // Range: sorted by lower end
  };
  struct Classified {
    Kind kind = Kind::Equal;
    const ir::Expr* subject = nullptr;
    std::int64_t key = 0;  // Equal
    Interval interval;     // Range
  };

  static std::optional<Classified> Classify(
      const ir::Expr& condition, const std::function<ir::Value(const ir::Expr&)>& constant);
  static bool Disjoint(const std::vector<Interval>& sorted);

  std::vector<Group> groups_;
  std::vector<std::size_t> others_;
};

}  // namespace collat::runtime
