// PolicyHandle: the current policy and its version behind one mutex, held only to copy or replace
// a shared pointer, so readers never wait for a compile.
#include "collat/policy_handle.h"

#include <mutex>
#include <utility>

namespace collat {

struct PolicyHandle::State {
  State(Engine e, Policy initial)
      : engine(std::move(e)),
        current(std::make_shared<const Snapshot>(Snapshot{std::move(initial), 1})) {}

  Engine engine;
  std::mutex reload;  // serialises Reload/Swap, so versions follow the order of the swaps
  mutable std::mutex current_mutex;  // guards `current`
  std::shared_ptr<const Snapshot> current;
};

PolicyHandle::PolicyHandle(Engine engine, Policy initial)
    : state_(std::make_unique<State>(std::move(engine), std::move(initial))) {}

PolicyHandle::~PolicyHandle() = default;

PolicyHandle::Snapshot PolicyHandle::Current() const {
  std::shared_ptr<const Snapshot> current;
  {
    const std::lock_guard lock(state_->current_mutex);
    current = state_->current;
  }
  return *current;
}

std::uint64_t PolicyHandle::version() const {
  const std::lock_guard lock(state_->current_mutex);
  return state_->current->version;
}

std::uint64_t PolicyHandle::Swap(Policy next) {
  const std::lock_guard serial(state_->reload);
  std::shared_ptr<const Snapshot> replaced;  // released outside the lock
  const std::lock_guard lock(state_->current_mutex);
  const std::uint64_t version = state_->current->version + 1;
  replaced = std::exchange(state_->current,
                           std::make_shared<const Snapshot>(Snapshot{std::move(next), version}));
  return version;
}

Expected<std::uint64_t> PolicyHandle::Reload(const std::string& path) {
  Expected<Policy> compiled = state_->engine.CompileFile(path);
  if (!compiled.ok()) return compiled.error();
  return Swap(std::move(compiled).value());
}

Expected<std::uint64_t> PolicyHandle::ReloadSource(const std::string& source_text,
                                                   const std::string& virtual_name) {
  Expected<Policy> compiled = state_->engine.CompileSource(source_text, virtual_name);
  if (!compiled.ok()) return compiled.error();
  return Swap(std::move(compiled).value());
}

}  // namespace collat
