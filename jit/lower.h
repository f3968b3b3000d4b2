// Lowering of a checked policy (compiler/ir.h) to LLVM IR: one function, kKernelSymbol, with the
// KernelFn signature (kernel_abi.h), that decides step 2 of docs/language.md 15.2 for a range of
// positions. Expressions are lowered node by node with the interpreter's semantics
// (runtime/expr_eval.h): the same three-valued logic, the same evaluation order and short
// circuits, the same binary64 operations (no fast-math flags, so no contraction or
// reassociation), and calls to the runtime's own builtins (kernel_builtins.h) for calendar and
// rounding functions. The module references no other symbol.
#pragma once

#include <memory>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "compiler/ir.h"
#include "jit/kernel_plan.h"

namespace collat::jit {

inline constexpr const char* kKernelSymbol = "collat_kernel";

std::unique_ptr<llvm::Module> LowerPolicy(const ir::Policy& policy, const KernelPlan& plan,
                                          llvm::LLVMContext& context);

}  // namespace collat::jit
