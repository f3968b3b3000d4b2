// The embedder's entry point: an Engine compiles policy files or texts into Policy objects, with
// the evaluation engine and options chosen once at Create.
//
//   auto engine = collat::Engine::Create({});            // JIT, -O2, one thread, no cache
//   auto policy = engine->CompileFile("margin.collat");  // Policy, or diagnostics
//
// Thread-safety: an Engine is a cheap, copyable handle to shared state; its methods may be called
// from any number of threads at once. Policies keep what they need of the engine alive, so an
// Engine may be destroyed while its policies are in use.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collat/expected.h"
#include "collat/policy.h"

namespace collat {

enum class EngineKind {
  Jit,          // native code through LLVM: compiled once per policy, fastest evaluation
  Interpreter,  // the reference interpreter: no compile step, the executable specification
  // By input size, as `collat eval` without -O: the interpreter below 20,000 positions, above it
  // the JIT at -O2, compiled on the first such input (opt_level is ignored). LLVM starts only then.
  Tiered,
};

struct EngineOptions {
  EngineKind engine = EngineKind::Jit;
  int opt_level = 2;  // JIT optimisation level, 0..3 (ignored by the interpreter)
  // JIT object cache directory; empty: no cache. A directory or key file other users could write
  // or read is refused: compiled without a cache, with an `object_cache_refused` warning
  // (docs/embedding.md, "Object cache").
  std::string cache_dir;
  unsigned threads = 1;  // threads per evaluation, 1..256; the report is the same for any count

  // File access (docs/embedding.md, "Security model"): a policy's imports and data tables, and an
  // input's `positions_csv`, are read only inside allowed folders, after `..` and symbolic links
  // are resolved; anything else is an error naming the path, and nothing of it is read.
  // The folder of the compiled file (CompileFile), of `virtual_name` (CompileSource) and of an
  // input file (LoadInputFile; the current directory for LoadInputText) is allowed when
  // `allow_named_folder`; `allow_paths` are more folders. With allow_named_folder false and no
  // allow_paths, no file is read but those the embedder names itself: a policy compiled with
  // CompileSource then reads nothing at all.
  std::vector<std::string> allow_paths;
  bool allow_named_folder = true;
  // The cost bound (docs/language.md 16.5): the most IR nodes one position and one account may
  // evaluate, and the most that inlining function calls may make; beyond it a policy does not
  // compile (diagnostic `cost_limit_exceeded`). At least 1.
  std::uint64_t max_cost = 1'000'000;
};

class Engine {
 public:
  // Checks the options (an out-of-range opt_level or thread count is ErrorCode::InvalidArgument)
  // and, for EngineKind::Jit, starts the JIT (a failure is ErrorCode::Jit).
  static Expected<Engine> Create(const EngineOptions& options);

  const EngineOptions& options() const;

  // Reads, parses and checks a policy file and the files it imports (paths relative to it), then,
  // with the JIT, compiles it to native code. Errors: ErrorCode::Io when the file cannot be read,
  // ErrorCode::Compile with every diagnostic when the policy has errors, ErrorCode::Jit.
  // Warnings of a policy that compiles are in Policy::warnings().
  Expected<Policy> CompileFile(const std::string& path) const;

  // The same from text in memory. `virtual_name` names the text in diagnostics; imports and data
  // files are read relative to its directory.
  Expected<Policy> CompileSource(std::string_view source_text,
                                 const std::string& virtual_name) const;

  // The same with more files in memory: imports and data files are looked up in `files` first
  // (keys are paths as the policy reaches them: relative to virtual_name's folder, normalised, so
  // "lib/./m.collat" is "lib/m.collat"), then on disk inside the allowed folders. With
  // allow_named_folder false and no allow_paths, nothing is read from disk: a policy and its
  // modules compile entirely from memory (the language server's unsaved buffers, the C ABI).
  Expected<Policy> CompileSource(std::string_view source_text, const std::string& virtual_name,
                                 const std::map<std::string, std::string>& files) const;

  struct State;

 private:
  friend struct EngineAccess;
  explicit Engine(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace collat
