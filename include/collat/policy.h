// A compiled policy: immutable, thread-safe, cheap to copy (copies share one compiled form, and
// native code with the JIT). Made by Engine::CompileFile or Engine::CompileSource; it keeps the
// engine state it needs alive, so it may outlive the Engine.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "collat/diagnostic.h"
#include "collat/expected.h"
#include "collat/input.h"
#include "collat/report.h"
#include "collat/schema.h"

namespace collat {

class Policy {
 public:
  const std::string& name() const;
  const std::string& version() const;  // the header's `version`; "" when it has none
  // Lower-case hex SHA-256 of the canonical (formatted) source, imports and data files included:
  // the `policy_sha256` of every report.
  const std::string& sha256() const;
  const Schema& schema() const;
  const std::vector<DiagnosticInfo>& warnings() const;

  // Evaluates every account of `input`, with the engine and thread count of the Engine that
  // compiled this policy. Pure and deterministic: the same policy and input give a byte-identical
  // report on either engine, with any thread count. Safe to call from many threads at once.
  // Errors: ErrorCode::Schema when `input` was built for a policy with a different schema
  // (field names, types, enums, defaults or base currency); ErrorCode::Internal (out of memory).
  Expected<Report> Evaluate(const Input& input) const;

  struct State;

 private:
  friend struct PolicyAccess;
  explicit Policy(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace collat
