// How a policy's batch kernel numbers what it cannot know at compile time: text constants (their
// codes are bound per input, runtime::TextBinder) and match arms (a component's trace records arm
// ids; the driver turns them back into labels). Built the same way by the lowering and by the
// driver, from the policy alone: a deterministic walk of every expression a position can reach
// (rules, components, tiers `when`/`group by`, limit `where`/`by`, and through them lets and
// tables), in declaration order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir.h"

namespace collat::jit {

struct KernelPlan {
  std::vector<std::string> texts;       // by text index
  std::vector<std::string> arm_labels;  // by arm id: the label a trace shows ("#2" unlabelled)
  std::size_t max_trace = 1;            // the most arms one component can pick (at least 1)

  // The index of a text constant; -1 when the policy's position expressions never mention it.
  std::int32_t TextIndex(std::string_view text) const;
  // The id of a match arm of the policy; -1 for an arm the plan did not see.
  std::int32_t ArmId(const ir::MatchArm& arm) const;

  // A match of more than kIndexedArms arms with indexable arms (runtime/match_index.h): the
  // lowering looks the arm up by the subjects' values (collat_match_candidate, with this input's
  // runtime::MatchIndex in KernelArgs::match_indexes) and calls only the ranges of arms that hold
  // the candidate or an arm that is not indexed.
  static constexpr std::size_t kIndexedArms = 64;
  struct IndexedMatch {
    const ir::Expr* match = nullptr;
    std::vector<const ir::Expr*> subjects;  // one per index group, in group order
    std::vector<std::size_t> others;        // the arms not indexed, ascending
  };
  std::vector<IndexedMatch> indexed_matches;
  // The id of an indexed match (its place in indexed_matches); -1 when it is not indexed.
  std::int32_t IndexedMatchId(const ir::Expr& match) const;

  std::unordered_map<std::string, std::int32_t> text_index;
  std::unordered_map<const ir::MatchArm*, std::int32_t> arm_ids;
  std::unordered_map<const ir::Expr*, std::int32_t> indexed_match_ids;
};

KernelPlan PlanKernel(const ir::Policy& policy);

}  // namespace collat::jit
