// Policy: its identity, schema, and evaluation on the engine it was compiled for.
#include "collat/policy.h"

#include <exception>
#include <utility>

#include "api/diagnostics.h"
#include "api/state.h"

namespace collat {

const std::string& Policy::name() const {
  return state_->ir->header.name;
}

const std::string& Policy::version() const {
  return state_->ir->header.version;
}

const std::string& Policy::sha256() const {
  return state_->program->sha256();
}

const Schema& Policy::schema() const {
  return state_->schema;
}

const std::vector<DiagnosticInfo>& Policy::warnings() const {
  return state_->warnings;
}

Expected<Report> Policy::Evaluate(const Input& input) const {
  try {
    const Input::State& data = InputAccess::Open(input);
    if (data.schema_key != state_->schema_key) {
      return api::MakeError(ErrorCode::Schema,
                            "the input was built for a policy with a different schema (fields, "
                            "types, enums, defaults or base currency): build it for `" +
                                state_->ir->header.name + "`");
    }
    Result<Report> report =
        state_->program->Evaluate(InputAccess::Data(input), {state_->engine->options.threads});
    if (!report) return api::InternalError(report.error().c_str());
    return std::move(*report);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

}  // namespace collat
