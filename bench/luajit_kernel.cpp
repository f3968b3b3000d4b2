#include "bench/luajit_kernel.h"

#include <lua.hpp>

namespace collat::bench {
namespace {

std::string PopError(lua_State* L) {
  const char* message = lua_tostring(L, -1);
  std::string text = message != nullptr ? message : "(no message)";
  lua_pop(L, 1);
  return text;
}

// Sets t[name] = value on the table at the top of the stack.
void SetField(lua_State* L, const std::string& name, lua_Number value) {
  lua_pushnumber(L, value);
  lua_setfield(L, -2, name.c_str());
}

// Pushes the constants table: texts, arms (first arm of each label), account and market field
// indices, max_trace.
void PushConstants(lua_State* L, const ir::Policy& policy, const jit::KernelPlan& plan) {
  lua_newtable(L);
  lua_newtable(L);
  for (std::size_t t = 0; t < plan.texts.size(); ++t)
    SetField(L, plan.texts[t], static_cast<lua_Number>(t));
  lua_setfield(L, -2, "texts");
  lua_newtable(L);
  for (std::size_t arm = plan.arm_labels.size(); arm-- > 0;)
    SetField(L, plan.arm_labels[arm], static_cast<lua_Number>(arm));
  lua_setfield(L, -2, "arms");
  lua_newtable(L);
  for (std::size_t f = 0; f < policy.account_fields.size(); ++f)
    SetField(L, policy.account_fields[f].name, static_cast<lua_Number>(f));
  lua_setfield(L, -2, "account");
  lua_newtable(L);
  for (std::size_t f = 0; f < policy.market_fields.size(); ++f)
    SetField(L, policy.market_fields[f].name, static_cast<lua_Number>(f));
  lua_setfield(L, -2, "market");
  SetField(L, "max_trace", static_cast<lua_Number>(plan.max_trace));
}

}  // namespace

Result<std::unique_ptr<LuaKernel>> LuaKernel::Load(const ir::Policy& policy,
                                                   const jit::KernelPlan& plan,
                                                   const std::string& lua_dir) {
  std::unique_ptr<LuaKernel> kernel(new LuaKernel());
  lua_State* L = luaL_newstate();
  if (L == nullptr) return Error{"luajit: cannot create a Lua state"};
  kernel->state_ = L;
  luaL_openlibs(L);

  // package.path = "<lua_dir>/?.lua", so the kernel's require("kernel_abi") finds its neighbour.
  lua_getglobal(L, "package");
  lua_pushstring(L, (lua_dir + "/?.lua").c_str());
  lua_setfield(L, -2, "path");
  lua_pop(L, 1);

  const std::string script = lua_dir + "/" + policy.header.name + ".lua";
  if (luaL_loadfile(L, script.c_str()) != 0 || lua_pcall(L, 0, 1, 0) != 0) {
    return Error{"luajit: " + script + ": " + PopError(L)};
  }
  if (!lua_isfunction(L, -1)) return Error{"luajit: " + script + " does not return a function"};
  kernel->kernel_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  PushConstants(L, policy, plan);
  kernel->constants_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  return kernel;
}

LuaKernel::~LuaKernel() {
  if (state_ != nullptr) lua_close(state_);
}

std::string LuaKernel::Run(const jit::KernelArgs& args, std::uint64_t begin, std::uint64_t end) {
  lua_State* L = state_;
  lua_rawgeti(L, LUA_REGISTRYINDEX, kernel_ref_);
  lua_pushlightuserdata(L, const_cast<jit::KernelArgs*>(&args));
  lua_pushnumber(L, static_cast<lua_Number>(begin));
  lua_pushnumber(L, static_cast<lua_Number>(end));
  lua_rawgeti(L, LUA_REGISTRYINDEX, constants_ref_);
  if (lua_pcall(L, 4, 0, 0) != 0) return PopError(L);
  return "";
}

}  // namespace collat::bench
