// Tests' plain copies of a report (read through the public views, so they test the views too),
// and the way back: a report built from a hand-written copy, for renderer tests. Test-only: the
// product has one report type (collat/report.h).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "collat/report.h"
#include "compiler/ir.h"
#include "runtime/evaluate.h"
#include "runtime/input.h"

namespace collat::testing {

struct ComponentSnap {
  std::string id;
  ComponentKind kind = ComponentKind::Haircut;
  bool known = false;
  double value = 0;
  std::string rule;
};

struct PositionSnap {
  std::string id;
  Status status = Status::Unknown;
  std::vector<std::string> rules;
  std::string reason;
  std::vector<std::string> missing;
  std::vector<ComponentSnap> components;
  double market_value = 0;
  double adjusted_value = 0;
  double excess = 0;
  double counted_value = 0;
};

struct AccountSnap {
  std::string id;
  std::string rejection;
  Totals totals;
  std::vector<OutputResult> outputs;
  std::vector<LimitResult> limits;
  std::vector<PositionSnap> positions;
};

struct ReportSnap {
  std::string policy_name;
  std::string policy_version;
  std::string policy_sha256;
  std::string currency;
  int precision = 2;
  Date valuation_date;
  std::vector<std::string> warnings;
  std::vector<AccountSnap> accounts;
};

inline PositionSnap Snapshot(const PositionView& p) {
  PositionSnap s;
  s.id = p.id();
  s.status = p.status();
  for (const std::string_view rule : p.rules())
    s.rules.emplace_back(rule);
  s.reason = p.reason();
  s.missing.assign(p.missing().begin(), p.missing().end());
  for (const ComponentView c : p.components())
    s.components.push_back(
        {std::string(c.id()), c.kind(), c.known(), c.value(), std::string(c.rule())});
  s.market_value = p.market_value();
  s.adjusted_value = p.adjusted_value();
  s.excess = p.excess();
  s.counted_value = p.counted_value();
  return s;
}

inline ReportSnap Snapshot(const Report& r) {
  ReportSnap s;
  s.policy_name = r.policy_name();
  s.policy_version = r.policy_version();
  s.policy_sha256 = r.policy_sha256();
  s.currency = r.currency();
  s.precision = r.precision();
  s.valuation_date = r.valuation_date();
  s.warnings.assign(r.warnings().begin(), r.warnings().end());
  for (const AccountView a : r.accounts()) {
    AccountSnap as;
    as.id = a.id();
    as.rejection = a.rejection();
    as.totals = a.totals();
    as.outputs.assign(a.outputs().begin(), a.outputs().end());
    as.limits.assign(a.limits().begin(), a.limits().end());
    for (const PositionView p : a.positions())
      as.positions.push_back(Snapshot(p));
    s.accounts.push_back(std::move(as));
  }
  return s;
}

// A report holding `s`: rules, reasons, component slots and arms interned in order of first
// appearance. A position with missing fields (or UNKNOWN) keeps its reason in the side table.
inline Report Build(const ReportSnap& s) {
  auto c = std::make_shared<ReportColumns>();
  c->policy_name = s.policy_name;
  c->policy_version = s.policy_version;
  c->policy_sha256 = s.policy_sha256;
  c->currency = s.currency;
  c->precision = s.precision;
  c->valuation_date = s.valuation_date;
  c->warnings = s.warnings;
  const auto intern = [](std::vector<std::string>& table, const std::string& text) {
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (table[i] == text) return static_cast<std::uint32_t>(i);
    }
    table.push_back(text);
    return static_cast<std::uint32_t>(table.size() - 1);
  };
  c->reasons = {""};
  c->arms = {""};
  auto ids = std::make_shared<std::pair<std::vector<std::string>, std::vector<std::string>>>();
  // Slots: (id, kind, k-th occurrence within a position).
  std::vector<std::pair<std::size_t, std::size_t>> slot_key;  // (slot, occurrence)
  for (const AccountSnap& a : s.accounts) {
    for (const PositionSnap& p : a.positions) {
      ids->first.push_back(p.id);
      ids->second.emplace_back();
      for (const std::string& rule : p.rules)
        intern(c->rule_ids, rule);
      std::vector<std::size_t> used;
      for (const ComponentSnap& comp : p.components) {
        std::size_t found = c->component_ids.size();
        for (std::size_t k = 0; k < c->component_ids.size() && found == c->component_ids.size();
             ++k) {
          const bool taken = std::find(used.begin(), used.end(), k) != used.end();
          if (!taken && c->component_ids[k] == comp.id && c->component_kinds[k] == comp.kind)
            found = k;
        }
        if (found == c->component_ids.size()) {
          c->component_ids.push_back(comp.id);
          c->component_kinds.push_back(comp.kind);
        }
        used.push_back(found);
      }
    }
  }
  const std::size_t n = ids->first.size();
  const std::size_t slots = c->component_ids.size();
  c->rule_words = (c->rule_ids.size() + 63) / 64;
  c->rule_bits.assign(n * c->rule_words, 0);
  c->component_state.assign(n * slots, ComponentState::Absent);
  c->component_value.assign(n * slots, 0.0);
  c->component_arm.assign(n * slots, 0);
  std::size_t index = 0;
  for (const AccountSnap& a : s.accounts) {
    AccountRecord record;
    record.id = a.id;
    record.rejection = a.rejection;
    record.first_position = static_cast<std::uint32_t>(index);
    record.position_count = static_cast<std::uint32_t>(a.positions.size());
    record.totals = a.totals;
    record.outputs = a.outputs;
    record.limits = a.limits;
    for (const PositionSnap& p : a.positions) {
      c->status.push_back(p.status);
      for (const std::string& rule : p.rules) {
        const std::uint32_t r = intern(c->rule_ids, rule);
        c->rule_bits[index * c->rule_words + r / 64] |= std::uint64_t{1} << (r % 64);
      }
      if (p.status == Status::Unknown || !p.missing.empty()) {
        c->reason.push_back(kReasonUnknownDetail);
        record.unknowns.push_back({static_cast<std::uint32_t>(index), p.reason, p.missing});
      } else {
        c->reason.push_back(intern(c->reasons, p.reason));
      }
      c->market_value.push_back(p.market_value);
      c->adjusted_value.push_back(p.adjusted_value);
      c->excess.push_back(p.excess);
      c->counted_value.push_back(p.counted_value);
      std::vector<std::size_t> used;
      for (const ComponentSnap& comp : p.components) {
        std::size_t slot = 0;
        for (std::size_t k = 0; k < slots; ++k) {
          const bool taken = std::find(used.begin(), used.end(), k) != used.end();
          if (!taken && c->component_ids[k] == comp.id && c->component_kinds[k] == comp.kind) {
            slot = k;
            break;
          }
        }
        used.push_back(slot);
        const std::size_t e = index * slots + slot;
        c->component_state[e] = comp.known ? ComponentState::Known : ComponentState::Unknown;
        c->component_value[e] = comp.value;
        c->component_arm[e] = comp.rule.empty() ? 0 : intern(c->arms, comp.rule);
      }
      ++index;
    }
    c->accounts.push_back(std::move(record));
  }
  c->position_ids = ids->first;
  c->position_rejections = ids->second;
  c->input_owner = ids;
  return Report(std::move(c));
}

// The interpreter's report of a copy of `input`, as plain values.
inline ReportSnap EvaluateSnap(const ir::Policy& policy, const runtime::Input& input,
                               unsigned threads = 1) {
  return Snapshot(
      runtime::Evaluate(policy, std::make_shared<const runtime::Input>(input), threads));
}

}  // namespace collat::testing
