// The result of an evaluation: the report of the JSON contract (docs/language.md 15.7), held as
// columns (collat/report_columns.h) and read through cheap views. Money is in the policy's base
// currency. ToJson() and ToText() render the report exactly as `collat eval --format json` and
// `collat eval` print it, byte for byte.
//
// A Report is immutable and cheap to copy (copies share the columns); it keeps alive everything
// its views refer to, so views and the string_views they return are valid while any copy of the
// report lives. Safe to read from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "collat/report_columns.h"
#include "collat/values.h"

namespace collat {

// One component of a position: a haircut, margin or tiers declaration.
class ComponentView {
 public:
  ComponentView(const ReportColumns* c, std::size_t entry, std::size_t slot)
      : c_(c), entry_(entry), slot_(slot) {}
  std::string_view id() const { return c_->component_ids[slot_]; }
  ComponentKind kind() const { return c_->component_kinds[slot_]; }
  bool known() const { return c_->component_state[entry_] == ComponentState::Known; }
  double value() const { return c_->component_value[entry_]; }  // rate or ratio
  // The match arm that chose it ("" when no match did); nested arms joined with "/".
  std::string_view rule() const { return c_->arms[c_->component_arm[entry_]]; }
  std::size_t slot() const { return slot_; }  // index into ReportColumns::component_ids

 private:
  const ReportColumns* c_;
  std::size_t entry_;
  std::size_t slot_;
};

// A position's components, in the report's order (the slots that are not Absent).
class ComponentList {
 public:
  class iterator {
   public:
    using value_type = ComponentView;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const ReportColumns* c, std::size_t row, std::size_t slot)
        : c_(c), row_(row), slot_(slot) {
      Skip();
    }
    ComponentView operator*() const { return {c_, row_ + slot_, slot_}; }
    iterator& operator++() {
      ++slot_;
      Skip();
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.slot_ == b.slot_; }

   private:
    void Skip() {
      const std::size_t slots = c_->component_ids.size();
      while (slot_ < slots && c_->component_state[row_ + slot_] == ComponentState::Absent)
        ++slot_;
    }
    const ReportColumns* c_ = nullptr;
    std::size_t row_ = 0;
    std::size_t slot_ = 0;
  };

  ComponentList(const ReportColumns* c, std::size_t position)
      : c_(c), row_(position * c->component_ids.size()) {}
  iterator begin() const { return {c_, row_, 0}; }
  iterator end() const { return {c_, row_, c_->component_ids.size()}; }
  bool empty() const { return begin() == end(); }
  std::size_t size() const;

 private:
  const ReportColumns* c_;
  std::size_t row_;
};

// The ids of a position's deciding rules, in the policy's written order.
class RuleList {
 public:
  class iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const ReportColumns* c, std::size_t position, std::size_t rule)
        : c_(c), position_(position), rule_(rule) {
      Skip();
    }
    std::string_view operator*() const { return c_->rule_ids[rule_]; }
    std::size_t index() const { return rule_; }  // into ReportColumns::rule_ids
    iterator& operator++() {
      ++rule_;
      Skip();
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.rule_ == b.rule_; }

   private:
    void Skip() {
      const std::size_t rules = c_->rule_ids.size();
      const std::uint64_t* words = c_->rule_bits.data() + position_ * c_->rule_words;
      while (rule_ < rules && ((words[rule_ / 64] >> (rule_ % 64)) & 1u) == 0)
        ++rule_;
    }
    const ReportColumns* c_ = nullptr;
    std::size_t position_ = 0;
    std::size_t rule_ = 0;
  };

  RuleList(const ReportColumns* c, std::size_t position) : c_(c), position_(position) {}
  iterator begin() const { return {c_, position_, 0}; }
  iterator end() const { return {c_, position_, c_->rule_ids.size()}; }
  bool empty() const { return begin() == end(); }
  std::size_t size() const;

 private:
  const ReportColumns* c_;
  std::size_t position_;
};

class PositionView {
 public:
  PositionView(const ReportColumns* c, const AccountRecord* account, std::size_t index)
      : c_(c), account_(account), index_(index) {}
  std::size_t index() const { return index_; }  // into the report's position columns
  std::string_view id() const { return c_->position_ids[index_]; }
  Status status() const { return c_->status[index_]; }
  RuleList rules() const { return {c_, index_}; }
  // The rejection or rule reason text; "" when there is none.
  std::string_view reason() const;
  // Fields whose absence made the status unknown (empty unless UNKNOWN).
  std::span<const std::string> missing() const;
  ComponentList components() const { return {c_, index_}; }
  double market_value() const { return c_->market_value[index_]; }
  double adjusted_value() const { return c_->adjusted_value[index_]; }
  double excess() const { return c_->excess[index_]; }
  double counted_value() const { return c_->counted_value[index_]; }

 private:
  const UnknownDetail* Detail() const;
  const ReportColumns* c_;
  const AccountRecord* account_;
  std::size_t index_;
};

class PositionList {
 public:
  class iterator {
   public:
    using value_type = PositionView;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const ReportColumns* c, const AccountRecord* a, std::size_t i) : c_(c), a_(a), i_(i) {}
    PositionView operator*() const { return {c_, a_, i_}; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

   private:
    const ReportColumns* c_ = nullptr;
    const AccountRecord* a_ = nullptr;
    std::size_t i_ = 0;
  };

  PositionList(const ReportColumns* c, const AccountRecord* a) : c_(c), a_(a) {}
  std::size_t size() const { return a_->position_count; }
  bool empty() const { return size() == 0; }
  PositionView operator[](std::size_t k) const { return {c_, a_, a_->first_position + k}; }
  iterator begin() const { return {c_, a_, a_->first_position}; }
  iterator end() const { return {c_, a_, std::size_t{a_->first_position} + a_->position_count}; }
  std::size_t first() const { return a_->first_position; }  // report index of [0]

 private:
  const ReportColumns* c_;
  const AccountRecord* a_;
};

class AccountView {
 public:
  AccountView(const ReportColumns* c, const AccountRecord* a) : c_(c), a_(a) {}
  std::string_view id() const { return a_->id; }
  // Non-empty: the account itself was rejected, naming the field.
  std::string_view rejection() const { return a_->rejection; }
  const Totals& totals() const { return a_->totals; }
  std::span<const OutputResult> outputs() const { return a_->outputs; }
  std::span<const LimitResult> limits() const { return a_->limits; }
  PositionList positions() const { return {c_, a_}; }
  const AccountRecord& record() const { return *a_; }

 private:
  const ReportColumns* c_;
  const AccountRecord* a_;
};

class AccountList {
 public:
  class iterator {
   public:
    using value_type = AccountView;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const ReportColumns* c, std::size_t i) : c_(c), i_(i) {}
    AccountView operator*() const { return {c_, &c_->accounts[i_]}; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

   private:
    const ReportColumns* c_ = nullptr;
    std::size_t i_ = 0;
  };

  explicit AccountList(const ReportColumns* c) : c_(c) {}
  std::size_t size() const { return c_->accounts.size(); }
  bool empty() const { return size() == 0; }
  AccountView operator[](std::size_t i) const { return {c_, &c_->accounts[i]}; }
  iterator begin() const { return {c_, 0}; }
  iterator end() const { return {c_, size()}; }

 private:
  const ReportColumns* c_;
};

class Report {
 public:
  Report();  // no accounts, empty header
  explicit Report(std::shared_ptr<const ReportColumns> columns);

  const std::string& policy_name() const { return c_->policy_name; }
  const std::string& policy_version() const { return c_->policy_version; }
  const std::string& policy_sha256() const { return c_->policy_sha256; }
  const std::string& currency() const { return c_->currency; }  // of every money figure
  int precision() const { return c_->precision; }  // decimal places of every money figure
  const Date& valuation_date() const { return c_->valuation_date; }
  std::span<const std::string> warnings() const { return c_->warnings; }

  AccountList accounts() const { return AccountList(c_.get()); }
  // Every position of every account, in input order (accounts' positions are contiguous).
  std::size_t position_count() const { return c_->status.size(); }
  PositionView position(std::size_t index) const;

  // The typed columns, one entry per position (ReportColumns documents the rest).
  std::span<const Status> statuses() const { return c_->status; }
  std::span<const double> market_values() const { return c_->market_value; }
  std::span<const double> adjusted_values() const { return c_->adjusted_value; }
  std::span<const double> excesses() const { return c_->excess; }
  std::span<const double> counted_values() const { return c_->counted_value; }
  std::span<const std::string> position_ids() const { return c_->position_ids; }
  const ReportColumns& columns() const { return *c_; }

  // Pretty-printed JSON ending in a newline: the stable contract, byte-identical for equal reports.
  // Like the standard containers, these two may throw std::bad_alloc, and nothing else.
  std::string ToJson() const;
  // The aligned text report of `collat eval`. For people, not for tools.
  std::string ToText() const;

 private:
  std::shared_ptr<const ReportColumns> c_;  // never null
};

}  // namespace collat
