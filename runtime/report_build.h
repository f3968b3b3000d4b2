// How the runtime builds the one report type (collat/report.h): the columns of a ReportColumns,
// filled account by account by the steps of docs/language.md 15.2 (account_steps.h). Accounts are
// disjoint ranges of the position columns, so ranges of accounts are filled on several threads at
// once without locks; everything that depends on the order of filling (arm labels) is interned per
// range and merged in range order, so the columns do not depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "collat/report.h"
#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/versions.h"

namespace collat::runtime {

// The public value type of a checked type (an Error type, absent from a checked policy, is Number).
ValueType ToValueType(ir::TypeKind kind);

using collat::AccountRecord;
using collat::ComponentKind;
using collat::ComponentState;
using collat::LimitResult;
using collat::OutputResult;
using collat::Report;
using collat::ReportColumns;
using collat::Status;
using collat::Totals;

// The `reasons` table StartReport lays out: "", "no accept rule holds", then per policy rule i its
// own reason (RuleReason) and "rejected by <id>" (RejectedBy).
inline constexpr std::uint32_t kReasonNone = 0;
inline constexpr std::uint32_t kReasonNoAccept = 1;
inline std::uint32_t RuleReason(std::size_t rule) {
  return static_cast<std::uint32_t>(2 + 2 * rule);
}
inline std::uint32_t RejectedBy(std::size_t rule) {
  return static_cast<std::uint32_t>(3 + 2 * rule);
}

ComponentKind ToKind(ir::ComponentKind kind);

// Match arm labels met by one range of accounts, dense from 1 in order of first appearance (0 is
// "no arm"). Not thread-safe: one per range.
class ArmTable {
 public:
  std::uint32_t Intern(std::string_view label);
  const std::vector<std::string>& labels() const { return labels_; }  // labels()[0] is ""

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::vector<std::string> labels_ = {""};
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes_;
};

// A report being built and where each declaration's component lands.
struct ReportFrame {
  ReportColumns* columns = nullptr;
  std::size_t base = 0;                      // column index = Input::positions index - base
  std::vector<std::int32_t> component_slot;  // per Policy::components; -1 when not in force
  std::vector<std::int32_t> tiers_slot;      // per Policy::tiers; -1 when not in force
};

// One position's entries in the columns of a report being built.
class PositionRow {
 public:
  PositionRow(ReportColumns& c, AccountRecord& account, ArmTable& arms, std::size_t index)
      : c_(&c), account_(&account), arms_(&arms), index_(index) {}
  std::size_t index() const { return index_; }
  Status status() const { return c_->status[index_]; }
  void set_status(Status status) { c_->status[index_] = status; }
  void AddRule(std::size_t rule) {
    c_->rule_bits[index_ * c_->rule_words + rule / 64] |= std::uint64_t{1} << (rule % 64);
  }
  void ClearRules();
  void set_reason(std::uint32_t code) { c_->reason[index_] = code; }
  // Makes the position UNKNOWN with its own reason and missing fields (the account's side table,
  // replacing an earlier entry of this position).
  void SetUnknown(std::string reason, std::vector<std::string> missing);
  void SetComponent(std::size_t slot, bool known, double value, std::string_view arm);
  void ClearComponents();
  bool HasComponents() const;
  double& market_value() { return c_->market_value[index_]; }
  double& adjusted_value() { return c_->adjusted_value[index_]; }
  double& excess() { return c_->excess[index_]; }
  double& counted_value() { return c_->counted_value[index_]; }

 private:
  ReportColumns* c_;
  AccountRecord* account_;
  ArmTable* arms_;
  std::size_t index_;
};

// One position's status and money figures in the columns, by reference.
struct PositionCells {
  Status& status;
  double& market_value;
  double& adjusted_value;
  double& excess;
  double& counted_value;
};

// The positions of one account in the columns, indexed from 0 in input order.
class AccountPositions {
 public:
  class iterator {
   public:
    using value_type = PositionCells;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const AccountPositions* p, std::size_t i) : p_(p), i_(i) {}
    PositionCells operator*() const { return (*p_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

   private:
    const AccountPositions* p_ = nullptr;
    std::size_t i_ = 0;
  };
  AccountPositions(ReportColumns& c, std::size_t first, std::size_t count)
      : c_(&c), first_(first), count_(count) {}
  std::size_t size() const { return count_; }
  PositionCells operator[](std::size_t local) const {
    const std::size_t i = first_ + local;
    return {c_->status[i], c_->market_value[i], c_->adjusted_value[i], c_->excess[i],
            c_->counted_value[i]};
  }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, count_}; }

 private:
  ReportColumns* c_;
  std::size_t first_;
  std::size_t count_;
};

// Columns for every position of `input` and a record per account, with the header (3.2), the
// policy's string tables and the warnings; `input_owner` keeps the input alive for the report.
std::unique_ptr<ReportColumns> StartReport(const ir::Policy& policy, const Input& input,
                                           const InForce& in_force,
                                           std::shared_ptr<const void> input_owner);
// Columns for the positions of one account only (explanations re-run an account this way); the
// frame's base is the account's first position.
std::unique_ptr<ReportColumns> StartAccountReport(const ir::Policy& policy, const Input& input,
                                                  const InForce& in_force, std::uint32_t account);
ReportFrame FrameOf(const ir::Policy& policy, const InForce& in_force, ReportColumns& columns,
                    std::size_t base);

// Merges the arm tables of consecutive account ranges, in range order (`ranges`: the first
// account of each range, ascending, with its table), into columns.arms and renumbers the
// component_arm entries of each range's positions.
void MergeArms(ReportColumns& columns, std::vector<std::pair<std::size_t, ArmTable>>& ranges);

// The public output entry of a computed output value.
OutputResult MakeOutput(const ir::Output& output, const ir::Value& value, std::string text);

// Days since 1970-01-01 as a Date, and back.
Date ToDate(std::int64_t days);
std::int64_t DaysOf(const Date& date);

}  // namespace collat::runtime
