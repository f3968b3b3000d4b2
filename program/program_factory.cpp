#include "program/program_factory.h"

#include <utility>

#include "compiler/load_program.h"
#include "jit/object_cache.h"
#include "program/compile.h"
#include "program/interpreted_program.h"
#include "program/jit_host.h"
#include "program/jit_program.h"
#include "program/tiered_program.h"

namespace collat::program {
namespace {

Diagnostic CacheRefused(const std::string& why) {
  return MakeDiagnostic(DiagnosticKind::object_cache_refused, nullptr, {}, why);
}

}  // namespace

ProgramFactory::ProgramFactory(EngineChoice choice)
    : choice_(std::move(choice)), jit_(std::make_shared<JitHost>()) {}
ProgramFactory::~ProgramFactory() = default;
ProgramFactory::ProgramFactory(const ProgramFactory&) = default;
ProgramFactory& ProgramFactory::operator=(const ProgramFactory&) = default;

ProgramFactory ProgramFactory::WithChoice(EngineChoice choice) const {
  ProgramFactory out(std::move(choice));
  out.jit_ = jit_;
  return out;
}

Compiled ProgramFactory::CompileFile(const std::string& path, const FileAccess& access,
                                     const CheckerOptions& options) const {
  return Finish(program::CompileFile(path, access, options));
}

Compiled ProgramFactory::CompileText(std::string_view text, const std::string& name,
                                     const FileAccess& access,
                                     const CheckerOptions& options) const {
  return Finish(program::CompileText(text, name, access, options));
}

Compiled ProgramFactory::CompileSources(const SourceFilePtr& policy, const SourceProvider& sources,
                                        const CheckerOptions& options) const {
  return Finish(program::CompileSources(policy, sources, options));
}

Compiled ProgramFactory::Finish(CompiledPolicy compiled) const {
  Compiled out;
  out.io_error = compiled.io_error;
  if (!compiled.policy) {
    out.diagnostics = std::move(compiled.diagnostics);
    return out;
  }
  out = Make(std::move(compiled.policy));
  compiled.diagnostics.insert(compiled.diagnostics.end(),
                              std::make_move_iterator(out.diagnostics.begin()),
                              std::make_move_iterator(out.diagnostics.end()));
  out.diagnostics = std::move(compiled.diagnostics);
  return out;
}

Compiled ProgramFactory::Make(std::shared_ptr<const ir::Policy> policy) const {
  Compiled out;
  using Kind = EngineChoice::Kind;
  if (choice_.kind == Kind::Interp) {
    out.program = std::make_shared<InterpretedProgram>(std::move(policy));
    return out;
  }
  if (choice_.kind == Kind::Auto && !choice_.opt_level) {
    // The tiered program compiles on its first large input; a refused cache is reported now,
    // as an eager compile would, whether or not that compile ever happens.
    if (!choice_.cache_dir.empty()) {
      auto opened = jit::ObjectCache::Open(choice_.cache_dir);
      if (!opened)
        out.diagnostics.push_back(CacheRefused("object cache not used: " + opened.error()));
    }
    out.program = std::make_shared<TieredProgram>(std::move(policy), jit_, choice_.cache_dir);
    return out;
  }
  auto kernel = jit_->Compile(policy, {choice_.opt_level.value_or(2), choice_.cache_dir});
  if (!kernel) {
    out.engine_error = kernel.error();
    return out;
  }
  const std::string& refused = (*kernel)->stats().cache_refused;
  if (!refused.empty()) out.diagnostics.push_back(CacheRefused(refused));  // compiled without
  out.program = std::make_shared<JitProgram>(std::move(policy), std::move(*kernel));
  return out;
}

std::string ProgramFactory::StartJit() const {
  if (choice_.kind == EngineChoice::Kind::Interp) return {};
  if (choice_.kind == EngineChoice::Kind::Auto && !choice_.opt_level) return {};
  auto engine = jit_->Engine();
  return engine ? std::string() : engine.error();
}

}  // namespace collat::program
