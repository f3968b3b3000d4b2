// Engine: option checks, the JIT's start, and compiling policies into Policy states.
#include "collat/engine.h"

#include <exception>
#include <new>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "api/diagnostics.h"
#include "api/schema_key.h"
#include "api/state.h"
#include "compiler/load_program.h"
#include "compiler/policy_hash.h"
#include "runtime/load_data_table.h"

namespace collat {
namespace {

constexpr unsigned kMaxThreads = 256;

std::optional<ErrorInfo> CheckOptions(const EngineOptions& options) {
  if (options.opt_level < 0 || options.opt_level > 3) {
    return api::MakeError(ErrorCode::InvalidArgument,
                          fmt::format("opt_level must be 0 to 3, not {}", options.opt_level));
  }
  if (options.threads < 1 || options.threads > kMaxThreads) {
    return api::MakeError(ErrorCode::InvalidArgument, fmt::format("threads must be 1 to {}, not {}",
                                                                  kMaxThreads, options.threads));
  }
  if (options.max_cost < 1) {
    return api::MakeError(ErrorCode::InvalidArgument, "max_cost must be at least 1");
  }
  return std::nullopt;
}

CheckerOptions CheckerOptionsOf(const EngineOptions& options) {
  CheckerOptions out;
  out.max_cost = options.max_cost;
  return out;
}

// The Policy of a compile, or its errors; with the JIT, compiles the native kernel too.
Expected<Policy> Finish(const std::shared_ptr<const Engine::State>& engine, CompiledPolicy compiled,
                        const std::string& name) {
  if (compiled.io_error) {
    std::string message = compiled.diagnostics.empty() ? fmt::format("cannot read `{}`", name)
                                                       : compiled.diagnostics.front().message;
    return api::MakeError(ErrorCode::Io, std::move(message), api::ToInfos(compiled.diagnostics));
  }
  if (!compiled.policy || HasErrors(compiled.diagnostics)) {
    std::size_t errors = 0;
    for (const Diagnostic& d : compiled.diagnostics)
      errors += d.severity == Severity::Error ? 1 : 0;
    return api::MakeError(ErrorCode::Compile,
                          fmt::format("`{}` has {} error{}", name, errors, errors == 1 ? "" : "s"),
                          api::ToInfos(compiled.diagnostics));
  }
  auto state = std::make_shared<Policy::State>();
  state->ir = compiled.policy;
  state->sha256 = Sha256Hex(compiled.policy->canonical_source);
  state->schema = api::MakeSchema(*compiled.policy);
  state->schema_key = api::SchemaKey(*compiled.policy);
  state->warnings = api::ToInfos(compiled.diagnostics);
  state->engine = engine;
  if (engine->options.engine == EngineKind::Jit) {
    jit::JitOptions options;
    options.opt_level = engine->options.opt_level;
    options.cache_dir = engine->options.cache_dir;
    auto kernel = engine->jit->Compile(compiled.policy, options);
    if (!kernel.ok()) {
      return api::MakeError(ErrorCode::Jit, fmt::format("cannot compile `{}` to native code: {}",
                                                        name, kernel.error()));
    }
    state->kernel = std::move(kernel.value());
    const std::string& refused = state->kernel->stats().cache_refused;
    if (!refused.empty()) {
      state->warnings.push_back(
          api::ToInfo(MakeDiagnostic(DiagnosticKind::object_cache_refused, nullptr, {}, refused)));
    }
  }
  return PolicyAccess::Make(std::move(state));
}

}  // namespace

Expected<Engine> Engine::Create(const EngineOptions& options) {
  try {
    if (auto error = CheckOptions(options)) return std::move(*error);
    auto state = std::make_shared<State>();
    state->options = options;
    if (options.engine == EngineKind::Jit) {
      auto jit = jit::JitEngine::Create();
      if (!jit.ok()) {
        return api::MakeError(ErrorCode::Jit, fmt::format("cannot start the JIT: {}", jit.error()));
      }
      state->jit = std::move(jit.value());
    }
    return Engine(std::move(state));
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

const EngineOptions& Engine::options() const {
  return state_->options;
}

Expected<Policy> Engine::CompileFile(const std::string& path) const {
  try {
    return Finish(
        state_,
        collat::CompileFile(path, runtime::ReadDataTable, api::FileAccessOf(state_->options),
                            CheckerOptionsOf(state_->options)),
        path);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

Expected<Policy> Engine::CompileSource(std::string_view source_text,
                                       const std::string& virtual_name) const {
  try {
    return Finish(
        state_,
        CompileText(source_text, virtual_name, runtime::ReadDataTable,
                    api::FileAccessOf(state_->options), CheckerOptionsOf(state_->options)),
        virtual_name);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

}  // namespace collat
