// Start-up tiering (docs/performance.md, "Start-up"): a Program that evaluates inputs of fewer
// than kTierPositions positions with the reference interpreter and larger ones with a -O2 batch
// kernel, compiled once, on the first large input. A small run never starts LLVM (a -O2 compile
// costs 30-70 ms; the interpreter decides ten positions in microseconds); a large one pays the
// compile once and runs native code. The report does not depend on the tier (the engines agree
// to the byte), so the choice is only a matter of time.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "program/jit_host.h"
#include "program/program.h"

namespace collat::program {

// Inputs with at least this many positions are evaluated by the JIT (measured in
// docs/performance.md: below it, interpreting costs less than compiling at -O2).
inline constexpr std::size_t kTierPositions = 20'000;

class TieredProgram final : public Program {
 public:
  // `cache_dir`: the JIT's object cache for the kernel, empty for none.
  TieredProgram(std::shared_ptr<const ir::Policy> policy, std::shared_ptr<JitHost> jit,
                std::string cache_dir, std::size_t tier_positions = kTierPositions)
      : Program(std::move(policy)),
        jit_(std::move(jit)),
        cache_dir_(std::move(cache_dir)),
        tier_positions_(tier_positions) {}
  Engine engine() const override { return Engine::Tiered; }

 private:
  Result<collat::Report> Run(std::shared_ptr<const runtime::Input> input,
                             const EvaluateOptions& options) const override;
  // The -O2 kernel, compiled on the first call (a failure is remembered and returned again).
  Result<std::shared_ptr<const jit::Kernel>> Kernel() const;

  std::shared_ptr<JitHost> jit_;
  std::string cache_dir_;
  std::size_t tier_positions_;
  mutable std::mutex mutex_;  // guards kernel_ and error_: compiled at most once
  mutable std::shared_ptr<const jit::Kernel> kernel_;
  mutable std::string error_;
};

}  // namespace collat::program
