// The LuaJIT baseline: a policy's batch kernel written in Lua (bench/lua/<policy>.lua), its loop
// inside Lua over the columnar kernel ABI's arrays through LuaJIT's FFI (the KernelArgs pointer
// passed as light userdata and cast with ffi.cast). It writes what the hand-written C++ kernel of
// the same policy writes (handwritten_kernels.h), into the same KernelArgs outputs.
//
// One lua_State per LuaKernel; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "compiler/ir.h"
#include "jit/kernel_abi.h"
#include "jit/kernel_plan.h"

struct lua_State;

namespace collat::bench {

class LuaKernel {
 public:
  // Loads `lua_dir`/<policy name>.lua (and kernel_abi.lua beside it) for `policy`, compiled with
  // `plan`: the kernel receives the plan's text indices and arm ids by name, and the policy's
  // account and market field indices. Errors name the script and Lua's message.
  static Result<std::unique_ptr<LuaKernel>> Load(const ir::Policy& policy,
                                                 const jit::KernelPlan& plan,
                                                 const std::string& lua_dir);
  ~LuaKernel();
  LuaKernel(const LuaKernel&) = delete;
  LuaKernel& operator=(const LuaKernel&) = delete;

  // Runs the kernel over positions [begin, end) of `args`; "" on success, else Lua's error.
  std::string Run(const jit::KernelArgs& args, std::uint64_t begin, std::uint64_t end);

 private:
  LuaKernel() = default;
  lua_State* state_ = nullptr;
  int kernel_ref_ = 0;     // registry reference of the kernel function
  int constants_ref_ = 0;  // registry reference of the constants table
};

}  // namespace collat::bench
