// An input laid out for a batch kernel (kernel_abi.h): column pointers into runtime::Input,
// flattened account and market fields, bound text codes, the versions in force, and the output
// arrays. Built once per evaluation; the kernel may then run over any ranges of positions.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "compiler/ir.h"
#include "jit/kernel_abi.h"
#include "jit/kernel_plan.h"
#include "runtime/input.h"
#include "runtime/match_index.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"

namespace collat::jit {

// The output arrays of one run over a window of positions [begin, end), indexed from 0 at `begin`
// (KernelInput::RunWindow). One per thread, reused from run to run, so an evaluation holds outputs
// for a window rather than for the whole input.
class KernelWindow {
 public:
  const KernelArgs& args() const { return args_; }

 private:
  friend class KernelInput;
  std::vector<std::uint8_t> status_, rule_state_, component_known_, trace_length_, tier_member_,
      limit_member_;
  std::vector<double> component_value_;
  std::vector<std::int32_t> trace_;
  std::vector<KernelValue> tier_key_, limit_key_;
  std::vector<KernelColumn> columns_;
  KernelArgs args_{};
};

class KernelInput {
 public:
  // `policy`, `plan` and `input` must outlive this object. Binds the plan's texts with `text`
  // (in plan order, so fresh codes are the same on every engine and thread).
  // `whole_outputs`: allocate output arrays for every position (args(), Run); else only windows
  // (RunWindow) have outputs.
  KernelInput(const ir::Policy& policy, const KernelPlan& plan, const runtime::Input& input,
              const runtime::InForce& in_force, runtime::TextBinder& text,
              bool whole_outputs = true);
  KernelInput(const KernelInput&) = delete;
  KernelInput& operator=(const KernelInput&) = delete;

  const KernelArgs& args() const { return args_; }
  std::size_t positions() const { return positions_; }
  std::size_t max_trace() const { return max_trace_; }

  // Runs `kernel` over positions [begin, end).
  void Run(KernelFn kernel, std::size_t begin, std::size_t end) const {
    kernel(&args_, begin, end);
  }
  // Runs `kernel` over positions [begin, end) into `window`, whose outputs are then indexed from 0
  // at `begin`.
  void RunWindow(KernelFn kernel, std::size_t begin, std::size_t end, KernelWindow& window) const;

 private:
  void AllocateOutputs(std::size_t n);

  std::size_t positions_ = 0, rules_ = 0, components_ = 0, max_trace_ = 1, tiers_ = 0, limits_ = 0;
  std::vector<KernelColumn> columns_;
  std::vector<std::uint8_t> valid_;
  std::vector<KernelValue> account_fields_;
  std::vector<KernelValue> market_fields_;
  std::vector<std::int64_t> text_codes_;
  std::vector<std::uint8_t> rule_in_force_, component_in_force_, tiers_in_force_, limit_in_force_;
  std::vector<std::int32_t> table_version_;
  std::vector<std::unique_ptr<runtime::MatchIndex>> match_indexes_;  // per plan indexed match
  std::vector<const void*> match_index_pointers_;
  // Outputs.
  std::vector<std::uint8_t> status_, rule_state_, component_known_, trace_length_, tier_member_,
      limit_member_;
  std::vector<double> component_value_;
  std::vector<std::int32_t> trace_;
  std::vector<KernelValue> tier_key_, limit_key_;
  KernelArgs args_{};
};

// ir::Value <-> KernelValue.
KernelValue ToKernelValue(const ir::Value& v);
ir::Value FromKernelValue(const KernelValue& v);

}  // namespace collat::jit
