// Compiling a policy into a Program (program.h): the one place that turns "a policy and an engine
// choice" into something evaluable, for the CLI, the embedding API, the policy test runner,
// difftest and the golden tests.
//
// Thread-safe: a factory may compile from several threads at once; its programs share one JIT
// engine, started only when a program first needs native code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_roots.h"
#include "compiler/check.h"
#include "compiler/load_program.h"
#include "compiler/source_provider.h"
#include "program/program.h"

namespace collat::program {

class JitHost;

struct EngineChoice {
  enum class Kind {
    Auto,    // -O given: the JIT at that level; else tiered (tiered_program.h)
    Interp,  // the reference interpreter
    Jit,     // the JIT at opt_level (default 2), compiled before the first evaluation
  };
  Kind kind = Kind::Auto;
  std::optional<int> opt_level;  // 0..3
  std::string cache_dir;         // the JIT's object cache; empty: none
};

// The outcome of a compile.
struct Compiled {
  ProgramPtr program;  // null when the policy has errors, could not be read, or engine_error
  // The loader's and checker's diagnostics, then the engine's warnings (object_cache_refused).
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;     // the policy file itself could not be read
  std::string engine_error;  // the JIT could not start or could not compile the policy
};

class ProgramFactory {
 public:
  explicit ProgramFactory(EngineChoice choice = {});
  ~ProgramFactory();
  ProgramFactory(const ProgramFactory&);
  ProgramFactory& operator=(const ProgramFactory&);

  const EngineChoice& choice() const { return choice_; }
  // A factory of another engine choice sharing this one's JIT engine (difftest, the golden
  // tests: one LLVM for every level).
  ProgramFactory WithChoice(EngineChoice choice) const;

  // Reads, parses and checks the policy file `path` and what it imports and reads (inside the
  // roots of `access`, compiler/load_program.h), then makes its program.
  Compiled CompileFile(const std::string& path, const FileAccess& access = {},
                       const CheckerOptions& options = {}) const;
  // The same for a policy held in memory, named `name` (imports relative to its folder).
  Compiled CompileText(std::string_view text, const std::string& name,
                       const FileAccess& access = {}, const CheckerOptions& options = {}) const;
  // A policy whose imports and data files are read through `sources` only (compile.h).
  Compiled CompileSources(const SourceFilePtr& policy, const SourceProvider& sources,
                          const CheckerOptions& options = {}) const;
  // The program of a policy Check() accepted.
  Compiled Make(std::shared_ptr<const ir::Policy> policy) const;

  // Starts the JIT engine now when the choice compiles before evaluating (Jit, or Auto with a
  // level); the reason it cannot start, or "". A tiered choice starts it on first need.
  std::string StartJit() const;

 private:
  Compiled Finish(CompiledPolicy compiled) const;

  EngineChoice choice_;
  std::shared_ptr<JitHost> jit_;
};

}  // namespace collat::program
