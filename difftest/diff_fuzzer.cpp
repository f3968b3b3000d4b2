// libFuzzer target for long differential runs: the input bytes drive the generator's choices
// (then a seed hashed from them), and the generated case must give byte-identical JSON reports
// on the interpreter and the JIT at -O0 and -O2, on one and three threads. A mismatch or a
// generated policy that does not check prints the case and aborts, so libFuzzer saves the input;
// replay it with the same binary, or feed the printed case to `collat eval`.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "difftest/diff_runner.h"
#include "difftest/generate_case.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace collat::difftest;
  static const std::unique_ptr<DiffRunner> runner = [] {
    auto created = DiffRunner::Create(true);
    if (!created) {
      std::fprintf(stderr, "diff_fuzzer: %s\n", created.error().c_str());
      std::abort();
    }
    return std::move(*created);
  }();
  const Case c = GenerateCaseFromBytes({data, size});
  const Outcome outcome = runner->Run(c.policy, c.input);
  if (outcome.verdict == Verdict::Agree) return 0;
  std::fprintf(stderr, "%s\n--- policy.collat\n%s--- input.yaml\n%s", outcome.message.c_str(),
               c.policy.c_str(), c.input.c_str());
  std::abort();
}
