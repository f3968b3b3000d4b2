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
#include "compiler/source_provider.h"
#include "program/program_factory.h"

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

program::ProgramFactory FactoryOf(const EngineOptions& options) {
  program::EngineChoice choice;
  using Kind = program::EngineChoice::Kind;
  switch (options.engine) {
    case EngineKind::Jit:
      choice.kind = Kind::Jit;
      choice.opt_level = options.opt_level;
      break;
    case EngineKind::Interpreter:
      choice.kind = Kind::Interp;
      break;
    case EngineKind::Tiered:
      choice.kind = Kind::Auto;  // no level: tiered
      break;
  }
  choice.cache_dir = options.cache_dir;
  return program::ProgramFactory(std::move(choice));
}

// The Policy of a compile, or its errors; with the JIT, its program holds the native kernel.
Expected<Policy> Finish(const std::shared_ptr<const Engine::State>& engine,
                        program::Compiled compiled, const std::string& name) {
  if (compiled.io_error) {
    std::string message = compiled.diagnostics.empty() ? fmt::format("cannot read `{}`", name)
                                                       : compiled.diagnostics.front().message;
    return api::MakeError(ErrorCode::Io, std::move(message), api::ToInfos(compiled.diagnostics));
  }
  if (!compiled.engine_error.empty()) {
    return api::MakeError(ErrorCode::Jit, fmt::format("cannot compile `{}` to native code: {}",
                                                      name, compiled.engine_error));
  }
  if (!compiled.program || HasErrors(compiled.diagnostics)) {
    std::size_t errors = 0;
    for (const Diagnostic& d : compiled.diagnostics)
      errors += d.severity == Severity::Error ? 1 : 0;
    return api::MakeError(ErrorCode::Compile,
                          fmt::format("`{}` has {} error{}", name, errors, errors == 1 ? "" : "s"),
                          api::ToInfos(compiled.diagnostics));
  }
  auto state = std::make_shared<Policy::State>();
  state->program = compiled.program;
  state->ir = compiled.program->shared_policy();
  state->schema = api::MakeSchema(*state->ir);
  state->schema_key = api::SchemaKey(*state->ir);
  state->warnings = api::ToInfos(compiled.diagnostics);  // object_cache_refused included
  state->engine = engine;
  return PolicyAccess::Make(std::move(state));
}

}  // namespace

Expected<Engine> Engine::Create(const EngineOptions& options) {
  try {
    if (auto error = CheckOptions(options)) return std::move(*error);
    auto state = std::make_shared<State>(State{options, FactoryOf(options)});
    if (const std::string failed = state->factory.StartJit(); !failed.empty()) {
      return api::MakeError(ErrorCode::Jit, fmt::format("cannot start the JIT: {}", failed));
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
    return Finish(state_,
                  state_->factory.CompileFile(path, api::FileAccessOf(state_->options),
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
        state_->factory.CompileText(source_text, virtual_name, api::FileAccessOf(state_->options),
                                    CheckerOptionsOf(state_->options)),
        virtual_name);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

Expected<Policy> Engine::CompileSource(std::string_view source_text,
                                       const std::string& virtual_name,
                                       const std::map<std::string, std::string>& files) const {
  try {
    const auto disk = std::make_shared<const FileSources>(
        FileRoots::For(api::FileAccessOf(state_->options), virtual_name));
    const MemorySources sources(files, disk);
    return Finish(state_,
                  state_->factory.CompileSources(
                      std::make_shared<const SourceFile>(virtual_name, std::string(source_text)),
                      sources, CheckerOptionsOf(state_->options)),
                  virtual_name);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

}  // namespace collat
