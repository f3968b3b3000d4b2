// A compiled policy ready to evaluate, in the spirit of cel-cpp's Runtime -> Program -> Evaluate:
// every caller (the CLI, the embedding API, the policy test runner, explain, difftest, the golden
// tests) evaluates through this one object, made by a ProgramFactory (program_factory.h).
//
// Immutable and thread-safe: Evaluate may be called from any number of threads at once, and a
// Program keeps everything it evaluates with (the checked policy, a compiled kernel) alive.
// Problems in the data are entries of the report; engine failures (a kernel that cannot be
// compiled, a kernel that disagrees with the interpreter) are error values, never exceptions.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "collat/report.h"
#include "compiler/ir.h"
#include "runtime/input.h"

namespace collat::program {

// What a Program evaluates with.
enum class Engine {
  Interp,  // the reference interpreter (runtime/evaluate.h)
  Jit,     // a batch kernel compiled at a fixed -O level before the first evaluation
  Tiered,  // the interpreter for small inputs, a -O2 kernel compiled on first need for large ones
};
std::string_view EngineName(Engine engine);

struct EvaluateOptions {
  unsigned threads = 1;  // 1..256; the report is byte-identical for any count
};

class Program {
 public:
  virtual ~Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  const ir::Policy& policy() const { return *policy_; }
  const std::shared_ptr<const ir::Policy>& shared_policy() const { return policy_; }
  // The policy's identity (ir::Policy::sha256, computed once by the checker).
  const std::string& sha256() const { return policy_->sha256; }
  virtual Engine engine() const = 0;

  // Evaluates `input`, which must have been loaded for policy(); the report's policy_sha256 is
  // sha256(). Same contract as runtime::Evaluate, on every engine: byte-identical reports. The
  // report refers to the input's position ids and keeps `input` alive.
  Result<collat::Report> Evaluate(std::shared_ptr<const runtime::Input> input,
                                  const EvaluateOptions& options = {}) const;

 protected:
  explicit Program(std::shared_ptr<const ir::Policy> policy) : policy_(std::move(policy)) {}
  virtual Result<collat::Report> Run(std::shared_ptr<const runtime::Input> input,
                                     const EvaluateOptions& options) const = 0;

 private:
  std::shared_ptr<const ir::Policy> policy_;
};

using ProgramPtr = std::shared_ptr<const Program>;

}  // namespace collat::program
