// Runs one case on every engine and compares the JSON reports byte for byte: the reference
// interpreter on one thread (the reference), the interpreter on three threads, and the JIT's
// kernels at -O0 and -O2 (one shared engine) on one and three threads. A case whose policy does
// not check or whose input does not load is a generator bug, reported as such.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace collat::program {
class ProgramFactory;
}

namespace collat::difftest {

enum class Verdict { Agree, GeneratorBug, Mismatch };

struct Outcome {
  Verdict verdict = Verdict::Agree;
  std::string message;    // what failed: diagnostics, or the engines and the first differing line
  std::string reference;  // the interpreter's report (when it ran)
  // What kind of failure this is, independent of line numbers and values: "" when the engines
  // agree, "mismatch", or "policy:" / "input:" and the sorted diagnostic kinds of a generator bug.
  // A reduced case must keep the reason of the case it came from.
  std::string reason;
};

class DiffRunner {
 public:
  // `with_jit` false compares the interpreter with itself across thread counts only.
  static Result<std::unique_ptr<DiffRunner>> Create(bool with_jit);
  ~DiffRunner();
  DiffRunner(const DiffRunner&) = delete;
  DiffRunner& operator=(const DiffRunner&) = delete;

  Outcome Run(const std::string& policy_text, const std::string& input_yaml) const;

 private:
  DiffRunner() = default;
  // The programs every case runs: the interpreter, then (with the JIT) -O0 and -O2, sharing one
  // JIT engine.
  std::vector<std::pair<std::string, std::shared_ptr<const program::ProgramFactory>>> jits_;
};

// "line N: expected | actual" for the first line where `a` and `b` differ.
std::string FirstDifference(const std::string& a, const std::string& b);

}  // namespace collat::difftest
