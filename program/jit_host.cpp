#include "program/jit_host.h"

namespace collat::program {

Result<std::shared_ptr<jit::JitEngine>> JitHost::Engine() {
  const std::lock_guard lock(mutex_);
  if (!engine_) {
    auto created = jit::JitEngine::Create();
    if (!created) return Error{created.error()};
    engine_ = std::move(*created);
  }
  return engine_;
}

Result<std::shared_ptr<const jit::Kernel>> JitHost::Compile(
    const std::shared_ptr<const ir::Policy>& policy, const jit::JitOptions& options) {
  auto engine = Engine();
  if (!engine) return Error{engine.error()};
  return (*engine)->Compile(policy, options);  // JitEngine::Compile is thread-safe
}

}  // namespace collat::program
