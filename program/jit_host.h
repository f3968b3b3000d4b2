// One JIT engine (an LLJIT), started on first use and shared by every program of a factory, so a
// run that never needs native code never pays for starting LLVM. Thread-safe.
#pragma once

#include <memory>
#include <mutex>

#include "base/result.h"
#include "jit/jit_engine.h"

namespace collat::program {

class JitHost {
 public:
  // The engine, started now if it was not; an error when LLVM cannot start (tried again on the
  // next call).
  Result<std::shared_ptr<jit::JitEngine>> Engine();

  // Compiles `policy` into a kernel with the shared engine.
  Result<std::shared_ptr<const jit::Kernel>> Compile(
      const std::shared_ptr<const ir::Policy>& policy, const jit::JitOptions& options);

 private:
  std::mutex mutex_;  // guards engine_
  std::shared_ptr<jit::JitEngine> engine_;
};

}  // namespace collat::program
