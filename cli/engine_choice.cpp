#include "cli/engine_choice.h"

#include <cstdio>
#include <map>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "base/render.h"

#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "runtime/evaluate.h"

namespace collat::cli {

void AddEngineOptions(CLI::App& command, EngineChoice& choice) {
  command.add_option("--engine", choice.engine, "Evaluation engine (default jit)")
      ->check(CLI::IsMember({"jit", "interp"}));
  command.add_option("-O", choice.opt_level, "JIT optimisation level, -O0 to -O3 (default -O2)")
      ->check(CLI::Range(0, 3));
  command.add_option("--threads", choice.threads, "Threads evaluating accounts (default 1)")
      ->check(CLI::Range(1U, 256U));
  command.add_option("--cache-dir", choice.cache_dir,
                     "Directory of the JIT's object cache (default: no cache)");
}

namespace {

Result<std::shared_ptr<const jit::Kernel>> CompileKernel(
    const EngineChoice& choice, const std::shared_ptr<const ir::Policy>& policy) {
  static std::shared_ptr<jit::JitEngine> engine;  // one per process, created on first use
  if (!engine) {
    auto created = jit::JitEngine::Create();
    if (!created) return Error{created.error()};
    engine = *created;
  }
  auto kernel = engine->Compile(policy, {choice.opt_level, choice.cache_dir});
  if (kernel && !(*kernel)->stats().cache_refused.empty()) {  // the run goes on without a cache
    std::fputs(RenderDiagnostic(MakeDiagnostic(DiagnosticKind::object_cache_refused, nullptr, {},
                                               (*kernel)->stats().cache_refused))
                   .c_str(),
               stderr);
  }
  return kernel;
}

}  // namespace

Result<runtime::Report> EvaluateWith(const EngineChoice& choice,
                                     const std::shared_ptr<const ir::Policy>& policy,
                                     const runtime::Input& input) {
  if (choice.engine == "interp") return runtime::Evaluate(*policy, input, choice.threads);
  auto kernel = CompileKernel(choice, policy);
  if (!kernel) return Error{kernel.error()};
  try {
    return jit::EvaluateWithKernel(*policy, (*kernel)->plan(), (*kernel)->fn(), input,
                                   choice.threads);
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
}

runtime::PolicyEvaluator TestEvaluator(const EngineChoice& choice) {
  if (choice.engine == "interp") return {};
  auto kernels =
      std::make_shared<std::map<const ir::Policy*, std::shared_ptr<const jit::Kernel>>>();
  return [choice, kernels](const std::shared_ptr<const ir::Policy>& policy,
                           const runtime::Input& input) {
    auto& kernel = (*kernels)[policy.get()];
    if (!kernel) {
      auto compiled = CompileKernel(choice, policy);
      if (!compiled) throw std::runtime_error(compiled.error());
      kernel = *compiled;
    }
    return jit::EvaluateWithKernel(*policy, kernel->plan(), kernel->fn(), input, choice.threads);
  };
}

}  // namespace collat::cli
