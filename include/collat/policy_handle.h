// Hot reload: a PolicyHandle holds the policy currently in force and swaps it atomically.
//
// Current() returns a snapshot: the Policy it holds stays valid (and unchanged) for as long as the
// caller keeps it, so an evaluation in flight finishes on the policy it started with, while new
// calls to Current() see the new one. Every successful Reload or Swap increments the version.
// A Reload whose policy does not compile changes nothing and returns the diagnostics.
//
// Thread-safe: Current() may be called from any number of threads while another thread reloads.
// Reloads are serialised, so versions follow the order of the swaps.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "collat/engine.h"
#include "collat/expected.h"
#include "collat/policy.h"

namespace collat {

class PolicyHandle {
 public:
  struct Snapshot {
    Policy policy;
    std::uint64_t version = 0;  // 1 for the initial policy, then +1 per swap
  };

  // `engine` compiles the files given to Reload.
  PolicyHandle(Engine engine, Policy initial);
  ~PolicyHandle();
  PolicyHandle(const PolicyHandle&) = delete;
  PolicyHandle& operator=(const PolicyHandle&) = delete;

  Snapshot Current() const;
  std::uint64_t version() const;

  // Compiles `path` with the handle's engine and, when it compiles, swaps it in; returns the new
  // version. On any error the current policy stays and the error (with diagnostics) is returned.
  Expected<std::uint64_t> Reload(const std::string& path);
  // The same from text (see Engine::CompileSource).
  Expected<std::uint64_t> ReloadSource(const std::string& source_text,
                                       const std::string& virtual_name);
  // Swaps in an already compiled policy; returns the new version. May throw std::bad_alloc (one
  // small allocation), and nothing else.
  std::uint64_t Swap(Policy next);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace collat
