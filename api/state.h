// The shared states behind the public handles (Engine, Policy, Input) and the accessors the api/
// sources use to make and open them. Internal to api/: the public headers only name these types.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/file_roots.h"
#include "collat/engine.h"
#include "collat/input.h"
#include "collat/policy.h"
#include "compiler/ir.h"
#include "program/program.h"
#include "program/program_factory.h"
#include "runtime/input.h"

namespace collat {

struct Engine::State {
  EngineOptions options;
  program::ProgramFactory factory;  // of options' engine; its JIT started by Create
};

struct Policy::State {
  program::ProgramPtr program;           // the compiled policy every Evaluate runs
  std::shared_ptr<const ir::Policy> ir;  // program->shared_policy()
  Schema schema;
  std::string schema_key;  // equal keys: an Input of one policy fits the other (schema_key.h)
  std::vector<DiagnosticInfo> warnings;
  std::shared_ptr<const Engine::State> engine;
};

struct Input::State {
  runtime::Input input;
  std::string schema_key;
};

namespace api {
// The file access of an engine's compiles and input loads (base/file_roots.h).
inline FileAccess FileAccessOf(const EngineOptions& options) {
  FileAccess access;
  access.allow_paths = options.allow_paths;
  access.naming_folder = options.allow_named_folder;
  return access;
}
}  // namespace api

struct EngineAccess {
  static Engine Make(std::shared_ptr<const Engine::State> state) {
    return Engine(std::move(state));
  }
  static const Engine::State& Open(const Engine& engine) { return *engine.state_; }
};

struct PolicyAccess {
  static Policy Make(std::shared_ptr<const Policy::State> state) {
    return Policy(std::move(state));
  }
  static const Policy::State& Open(const Policy& policy) { return *policy.state_; }
};

struct InputAccess {
  static Input Make(std::shared_ptr<const Input::State> state) { return Input(std::move(state)); }
  static const Input::State& Open(const Input& input) { return *input.state_; }
  // The input's data, sharing ownership with the handle (a report keeps it alive).
  static std::shared_ptr<const runtime::Input> Data(const Input& input) {
    return {input.state_, &input.state_->input};
  }
};

}  // namespace collat
