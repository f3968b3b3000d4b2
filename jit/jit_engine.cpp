#include "jit/jit_engine.h"

#include <array>
#include <chrono>
#include <mutex>

#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/IRReader/IRReader.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>

#include "compiler/ir_dump.h"
#include "compiler/policy_hash.h"
#include "jit/kernel_builtins.h"
#include "jit/lower.h"
#include "jit/object_cache.h"

namespace collat::jit {
namespace {

std::string Message(llvm::Error error) {
  return llvm::toString(std::move(error));
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

llvm::CodeGenOptLevel CodegenLevel(int opt_level) {
  switch (opt_level) {
    case 0:
      return llvm::CodeGenOptLevel::None;
    case 1:
      return llvm::CodeGenOptLevel::Less;
    case 3:
      return llvm::CodeGenOptLevel::Aggressive;
    default:
      return llvm::CodeGenOptLevel::Default;
  }
}

llvm::OptimizationLevel PipelineLevel(int opt_level) {
  switch (opt_level) {
    case 0:
      return llvm::OptimizationLevel::O0;
    case 1:
      return llvm::OptimizationLevel::O1;
    case 3:
      return llvm::OptimizationLevel::O3;
    default:
      return llvm::OptimizationLevel::O2;
  }
}

void InitializeLlvmOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

// A TargetMachine for the host CPU with its features; strict IEEE floating point (the defaults:
// no unsafe math, FP contraction off so no fused multiply-add is formed).
Result<std::unique_ptr<llvm::TargetMachine>> HostMachine(int opt_level) {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) return Error{"cannot describe the host CPU: " + Message(builder.takeError())};
  builder->setCodeGenOptLevel(CodegenLevel(opt_level));
  llvm::TargetOptions options;
  options.AllowFPOpFusion = llvm::FPOpFusion::Strict;
  options.UnsafeFPMath = false;
  options.NoInfsFPMath = false;
  options.NoNaNsFPMath = false;
  builder->setOptions(options);
  auto machine = builder->createTargetMachine();
  if (!machine) return Error{"cannot create a target machine: " + Message(machine.takeError())};
  return std::move(*machine);
}

// The new pass manager's default pipeline at `opt_level`, with the target's cost model.
void Optimize(llvm::Module& module, llvm::TargetMachine& machine, int opt_level) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager passes =
      opt_level == 0 ? builder.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                     : builder.buildPerModuleDefaultPipeline(PipelineLevel(opt_level));
  passes.run(module, mam);
}

Result<std::string> EmitObject(llvm::Module& module, llvm::TargetMachine& machine) {
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream stream(buffer);
  llvm::legacy::PassManager codegen;
  if (machine.addPassesToEmitFile(codegen, stream, nullptr, llvm::CodeGenFileType::ObjectFile)) {
    return Error{"the target cannot emit object files"};
  }
  codegen.run(module);
  return std::string(buffer.begin(), buffer.end());
}

// Verifies, optimises and compiles a module for the host.
Result<std::string> CompileModule(llvm::Module& module, llvm::TargetMachine& machine,
                                  int opt_level) {
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple().str());
  std::string problems;
  llvm::raw_string_ostream out(problems);
  if (llvm::verifyModule(module, &out)) return Error{"invalid kernel module: " + out.str()};
  Optimize(module, machine, opt_level);
  return EmitObject(module, machine);
}

}  // namespace

struct JitEngine::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  llvm::orc::JITDylib* builtins = nullptr;
  std::string host;  // triple, CPU and features: part of every cache key
  std::mutex mutex;  // serialises JITDylib creation, linking and removal
  std::uint64_t next_id = 0;
  // Errors the session reports on the side (e.g. "Symbols not found: [ system ]") while a link
  // runs under `mutex`; folded into that link's error value instead of printed.
  std::string session_errors;

  // One TargetMachine per optimisation level, made on first use; a TargetMachine is not safe to
  // use from two threads at once, so compiles take `compile_mutex`.
  std::mutex compile_mutex;
  std::array<std::unique_ptr<llvm::TargetMachine>, 4> machines;

  Result<std::string> Compile(llvm::Module& module, int opt_level) {
    std::lock_guard<std::mutex> lock(compile_mutex);
    auto& machine = machines[static_cast<std::size_t>(opt_level)];
    if (!machine) {
      auto made = HostMachine(opt_level);
      if (!made) return Error{made.error()};
      machine = std::move(*made);
    }
    return CompileModule(module, *machine, opt_level);
  }

  // Links `object` into a fresh JITDylib that sees only the builtins; returns the address of
  // `symbol` and the JITDylib (to remove when done).
  Result<std::pair<llvm::orc::JITDylib*, std::uint64_t>> Link(const std::string& object,
                                                              const std::string& symbol) {
    std::lock_guard<std::mutex> lock(mutex);
    llvm::orc::ExecutionSession& session = jit->getExecutionSession();
    auto dylib = session.createJITDylib("collat.policy." + std::to_string(next_id++));
    if (!dylib) return Error{Message(dylib.takeError())};
    dylib->addToLinkOrder(*builtins);
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(object, "collat-kernel");
    if (llvm::Error error = jit->addObjectFile(*dylib, std::move(buffer))) {
      llvm::consumeError(session.removeJITDylib(*dylib));
      return Error{"cannot load the kernel object: " + Message(std::move(error))};
    }
    session_errors.clear();
    auto address = jit->lookup(*dylib, symbol);
    if (!address) {
      std::string why = Message(address.takeError());
      if (!session_errors.empty()) why = session_errors + " (" + why + ")";
      llvm::consumeError(session.removeJITDylib(*dylib));
      return Error{"cannot link the kernel: " + why};
    }
    return std::make_pair(&*dylib, address->getValue());
  }

  void Remove(llvm::orc::JITDylib* dylib) {
    std::lock_guard<std::mutex> lock(mutex);
    llvm::consumeError(jit->getExecutionSession().removeJITDylib(*dylib));
  }
};

struct Kernel::Private {
  llvm::orc::JITDylib* dylib = nullptr;
};

Kernel::~Kernel() {
  if (private_ && private_->dylib != nullptr && engine_) engine_->impl_->Remove(private_->dylib);
}

JitEngine::~JitEngine() = default;

Result<std::shared_ptr<JitEngine>> JitEngine::Create() {
  InitializeLlvmOnce();
  auto impl = std::make_unique<Impl>();
  auto target = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!target) return Error{"cannot describe the host CPU: " + Message(target.takeError())};
  llvm::SubtargetFeatures features = target->getFeatures();
  impl->host = target->getTargetTriple().str() + " " + llvm::sys::getHostCPUName().str() + " " +
               features.getString();
  // No platform (no static initialisers to run) and, above all, no process symbols: generated
  // code resolves only what the builtins JITDylib defines.
  auto jit = llvm::orc::LLJITBuilder()
                 .setJITTargetMachineBuilder(std::move(*target))
                 .setLinkProcessSymbolsByDefault(false)
                 .setPlatformSetUp(llvm::orc::setUpInactivePlatform)
                 .create();
  if (!jit) return Error{"cannot create the JIT: " + Message(jit.takeError())};
  impl->jit = std::move(*jit);
  llvm::orc::ExecutionSession& session = impl->jit->getExecutionSession();
  Impl* state = impl.get();
  session.setErrorReporter([state](llvm::Error error) {
    // Called during a link, which holds state->mutex.
    state->session_errors +=
        (state->session_errors.empty() ? "" : "; ") + Message(std::move(error));
  });
  auto builtins = session.createJITDylib("collat.builtins");
  if (!builtins) return Error{"cannot create the builtins: " + Message(builtins.takeError())};
  llvm::orc::SymbolMap symbols;
  for (const BuiltinSymbol& builtin : KernelBuiltins()) {
    symbols[impl->jit->mangleAndIntern(builtin.name)] = {
        llvm::orc::ExecutorAddr::fromPtr(builtin.address),
        llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  }
  if (llvm::Error error = builtins->define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
    return Error{"cannot register the builtins: " + Message(std::move(error))};
  }
  impl->builtins = &*builtins;
  std::shared_ptr<JitEngine> engine(new JitEngine());
  engine->impl_ = std::move(impl);
  return engine;
}

std::string JitEngine::HostDescription() const {
  return std::string("LLVM ") + LLVM_VERSION_STRING + " " + impl_->host;
}

Result<std::shared_ptr<const Kernel>> JitEngine::Compile(std::shared_ptr<const ir::Policy> policy,
                                                         const JitOptions& options) {
  if (!policy) return Error{"no policy to compile"};
  if (options.opt_level < 0 || options.opt_level > 3) {
    return Error{"optimisation level " + std::to_string(options.opt_level) + " is not 0..3"};
  }
  std::shared_ptr<Kernel> kernel(new Kernel());
  kernel->policy_ = policy;
  kernel->engine_ = shared_from_this();
  kernel->plan_ = PlanKernel(*policy);
  if (kernel->plan_.max_trace > 255) {
    return Error{"a component of policy " + policy->header.name +
                 " can pick more than 255 match arms; the JIT records at most 255"};
  }
  CompileStats& stats = kernel->stats_;

  const std::string key = Sha256Hex(DumpIr(*policy) + '\0' + policy->canonical_source + '\0' +
                                    HostDescription() + "\0O" + std::to_string(options.opt_level) +
                                    "\0abi" + std::to_string(kKernelAbiVersion));
  std::optional<ObjectCache> cache;
  if (!options.cache_dir.empty()) {
    auto opened = ObjectCache::Open(options.cache_dir);
    if (opened) {
      cache.emplace(std::move(*opened));
    } else {
      stats.cache_refused = "object cache not used: " + opened.error();
      stats.cache_note = "refused: " + opened.error();
    }
  }
  std::optional<std::string> object;
  if (cache) {
    object = cache->Load(key, stats.cache_note);
    stats.cache_hit = object.has_value();
  }
  if (!object) {
    auto start = std::chrono::steady_clock::now();
    llvm::LLVMContext context;
    std::unique_ptr<llvm::Module> module = LowerPolicy(*policy, kernel->plan_, context);
    stats.lower_ms = MillisecondsSince(start);
    start = std::chrono::steady_clock::now();
    auto compiled = impl_->Compile(*module, options.opt_level);
    if (!compiled) return Error{compiled.error()};
    stats.optimize_ms = MillisecondsSince(start);
    object = std::move(*compiled);
    if (cache) {
      const std::string failed = cache->Store(key, *object);
      if (!failed.empty()) stats.cache_note += (stats.cache_note.empty() ? "" : "; ") + failed;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  auto linked = impl_->Link(*object, kKernelSymbol);
  if (!linked) return Error{linked.error()};
  stats.link_ms = MillisecondsSince(start);
  kernel->private_ = std::make_unique<Kernel::Private>();
  kernel->private_->dylib = linked->first;
  kernel->fn_ = reinterpret_cast<KernelFn>(static_cast<std::uintptr_t>(linked->second));
  return std::shared_ptr<const Kernel>(std::move(kernel));
}

std::string JitEngine::DumpLlvm(const ir::Policy& policy, int opt_level) {
  InitializeLlvmOnce();
  const KernelPlan plan = PlanKernel(policy);
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = LowerPolicy(policy, plan, context);
  auto machine = HostMachine(opt_level);
  if (machine) {
    module->setDataLayout((*machine)->createDataLayout());
    module->setTargetTriple((*machine)->getTargetTriple().str());
    Optimize(*module, **machine, opt_level);
  }
  std::string text;
  llvm::raw_string_ostream out(text);
  module->print(out, nullptr);
  return out.str();
}

Result<std::uint64_t> JitEngine::LinkIrForTest(const std::string& ir_text,
                                               const std::string& symbol) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic problem;
  std::unique_ptr<llvm::Module> module =
      llvm::parseIR(llvm::MemoryBufferRef(ir_text, "test-module"), problem, context);
  if (!module) return Error{"cannot parse the module: " + problem.getMessage().str()};
  auto object = impl_->Compile(*module, 0);
  if (!object) return Error{object.error()};
  auto linked = impl_->Link(*object, symbol);
  if (!linked) return Error{linked.error()};
  impl_->Remove(linked->first);
  return linked->second;
}

}  // namespace collat::jit
