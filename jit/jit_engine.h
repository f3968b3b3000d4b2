// The JIT: compiles a checked policy into a native batch kernel (kernel_abi.h) with LLVM ORC.
// One LLJIT per engine; each compiled policy lives in its own JITDylib, removed when the last
// Kernel referring to it is released. Generated code can resolve only the runtime builtins the
// engine registers (kernel_builtins.h): never libc, never the process's symbols.
//
// Optimisation: the IR goes through the new pass manager's default per-module pipeline at the
// requested level, with a TargetMachine for the host CPU and codegen at the matching level.
// Arithmetic is strict IEEE binary64: no fast-math flags, no FP contraction, no reassociation,
// so a kernel computes exactly what the reference interpreter computes.
//
// Object cache: with a cache directory, compiled objects are stored under a key hashing the
// policy's IR and canonical source, the LLVM version, the host CPU and features, the options and
// the kernel ABI version. The directory must belong to the current user and be writable by no
// one else, and each file carries an HMAC-SHA256 under the directory's key file (object_cache.h,
// cache_directory.h); a refused directory means compiling without a cache (CompileStats says
// why). A cached file is loaded only when its header, key, length and HMAC all check out;
// anything else (corrupt, truncated, foreign, forged) is recompiled and rewritten.
//
// Thread-safe: Compile may be called from several threads; Kernels may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "compiler/ir.h"
#include "jit/kernel_abi.h"
#include "jit/kernel_plan.h"

namespace collat::jit {

struct JitOptions {
  int opt_level = 2;      // 0..3: the IR pipeline and codegen level
  std::string cache_dir;  // empty: no object cache
};

// How a Compile went, for benchmarks and tools.
struct CompileStats {
  bool cache_hit = false;
  double lower_ms = 0;     // IR generation (0 on a cache hit)
  double optimize_ms = 0;  // pass pipeline and code generation (0 on a cache hit)
  double link_ms = 0;      // adding the object and resolving the kernel
  std::string cache_note;  // why a cache file was not used ("", "missing", "corrupt: ...")
  // Why the cache directory was refused (loose permissions, another owner, a bad key file), so
  // this compile ran without a cache; "" when it was used or none was asked for.
  std::string cache_refused;
};

class JitEngine;

// A compiled policy: the kernel's entry point and the plan it was lowered with. Keeps the policy,
// the engine and its code alive; the code is unloaded when the last reference goes.
class Kernel {
 public:
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  KernelFn fn() const { return fn_; }
  const KernelPlan& plan() const { return plan_; }
  const ir::Policy& policy() const { return *policy_; }
  const CompileStats& stats() const { return stats_; }

 private:
  friend class JitEngine;
  struct Private;
  Kernel() = default;
  std::shared_ptr<const ir::Policy> policy_;
  std::shared_ptr<JitEngine> engine_;
  KernelPlan plan_;
  KernelFn fn_ = nullptr;
  CompileStats stats_;
  std::unique_ptr<Private> private_;
};

class JitEngine : public std::enable_shared_from_this<JitEngine> {
 public:
  static Result<std::shared_ptr<JitEngine>> Create();
  ~JitEngine();
  JitEngine(const JitEngine&) = delete;
  JitEngine& operator=(const JitEngine&) = delete;

  Result<std::shared_ptr<const Kernel>> Compile(std::shared_ptr<const ir::Policy> policy,
                                                const JitOptions& options);

  // The policy's kernel module as LLVM IR text, after the pipeline of `opt_level`.
  static std::string DumpLlvm(const ir::Policy& policy, int opt_level);

  // Links a module given as LLVM IR text into a fresh JITDylib and looks up `symbol` in it: for
  // tests that what generated code may call is restricted. The error names what failed.
  Result<std::uint64_t> LinkIrForTest(const std::string& ir_text, const std::string& symbol);

  // The host CPU name and LLVM version, as the cache key sees them.
  std::string HostDescription() const;

  struct Impl;

 private:
  friend class Kernel;
  JitEngine() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace collat::jit
