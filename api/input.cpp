// Input's accessors and the YAML entry points (runtime/load_input.h behind the public types).
#include "collat/input.h"

#include <algorithm>
#include <exception>
#include <utility>

#include <fmt/format.h>

#include "api/diagnostics.h"
#include "api/state.h"
#include "collat/input_builder.h"
#include "compiler/value.h"
#include "runtime/load_input.h"

namespace collat {
namespace {

Expected<Input> FromLoad(const Policy& policy, runtime::LoadResult loaded,
                         const std::string& name) {
  if (HasErrors(loaded.diagnostics)) {
    bool io = false;
    for (const Diagnostic& d : loaded.diagnostics)
      io = io || d.kind == DiagnosticKind::io_error || d.kind == DiagnosticKind::file_too_large;
    const ErrorCode code = io && loaded.diagnostics.size() == 1 ? ErrorCode::Io : ErrorCode::Input;
    return api::MakeError(
        code, fmt::format("cannot load `{}`: {}", name, loaded.diagnostics.front().message),
        api::ToInfos(loaded.diagnostics));
  }
  auto state = std::make_shared<Input::State>();
  state->input = std::move(loaded.input);
  state->schema_key = PolicyAccess::Open(policy).schema_key;
  return InputAccess::Make(std::move(state));
}

}  // namespace

Date Input::valuation_date() const {
  Date date;
  ir::CivilFromDays(state_->input.market.valuation_date, date.year, date.month, date.day);
  return date;
}

std::size_t Input::account_count() const {
  return state_->input.accounts.size();
}

std::size_t Input::position_count() const {
  return state_->input.positions.size();
}

std::size_t Input::rejected_position_count() const {
  const auto& rejection = state_->input.positions.rejection;
  return static_cast<std::size_t>(std::count_if(rejection.begin(), rejection.end(),
                                                [](const std::string& r) { return !r.empty(); }));
}

namespace {

// The file access of the engine that compiled `policy`.
FileAccess Access(const Policy& policy) {
  const auto& engine = PolicyAccess::Open(policy).engine;
  return engine ? api::FileAccessOf(engine->options) : FileAccess{};
}

}  // namespace

Expected<Input> LoadInputFile(const Policy& policy, const std::string& path) {
  try {
    return FromLoad(policy,
                    runtime::LoadInput(*PolicyAccess::Open(policy).ir, path, Access(policy)), path);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

Expected<Input> LoadInputText(const Policy& policy, const std::string& yaml_text,
                              const std::string& display_name) {
  try {
    return FromLoad(policy,
                    runtime::LoadInputFromString(*PolicyAccess::Open(policy).ir, yaml_text,
                                                 display_name, "", Access(policy)),
                    display_name);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

}  // namespace collat
