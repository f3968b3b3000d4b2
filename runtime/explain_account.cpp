// ExplainAccount (explain.h): outputs traced in written order, and each limit's excess attributed
// to the positions that lost counted value to it.
#include <fmt/format.h>

#include "runtime/explain.h"
#include "runtime/explain_limits.h"
#include "runtime/explain_trace.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"

namespace collat::runtime {
namespace {

// An output's declared type as the policy writes it.
std::string TypeText(const ir::Policy& policy, const ir::Type& type) {
  switch (type.kind) {
    case ir::TypeKind::Number:
      return "number";
    case ir::TypeKind::Percent:
      return "percent";
    case ir::TypeKind::Money:
      return "money";
    case ir::TypeKind::Bool:
      return "bool";
    case ir::TypeKind::Text:
      return "text";
    case ir::TypeKind::Enum:
      return policy.enums[static_cast<std::size_t>(type.enum_id)].name;
    case ir::TypeKind::Date:
      return "date";
    case ir::TypeKind::Duration:
      return "duration";
    case ir::TypeKind::Error:
      break;
  }
  return "?";
}

}  // namespace

std::optional<AccountExplanation> ExplainAccount(const ir::Policy& policy, const Input& input,
                                                 const Report& report, const std::string& account,
                                                 std::string& error) {
  std::optional<std::uint32_t> index;
  for (std::size_t a = 0; a < input.accounts.size(); ++a) {
    if (input.accounts[a].id == account) index = static_cast<std::uint32_t>(a);
  }
  if (!index) {
    error = fmt::format("no account `{}` in the input", account);
    return std::nullopt;
  }
  const AccountView reported = report.accounts()[*index];
  AccountExplanation out;
  out.policy_name = policy.header.name;
  out.policy_version = policy.header.version;
  out.currency = policy.header.currency;
  out.places = policy.header.money.places();
  out.valuation_date = input.market.valuation_date;
  out.id = reported.id();
  out.rejection = reported.rejection();
  out.totals = reported.totals();

  const InForce in_force = SelectVersions(policy, input.market.valuation_date);
  TextBinder text(input.text);
  ExprEval eval(policy, input, in_force, text);
  const std::unique_ptr<AccountRun> full = RunAccount(policy, in_force, eval, *index);
  out.limits = ExplainLimits(policy, in_force, eval, *index, *full);

  // Outputs read the account as the report left it: every total, limit and earlier output final.
  AccountState& state = full->state;
  state.phase = Phase::Outputs;
  const Scope scope{&state, -1};
  for (const ir::Output& output : policy.outputs) {
    out.outputs.push_back({output.name, TypeText(policy, output.type), output.reason,
                           TraceExpr(policy, eval, *output.value, scope, false)});
  }
  return out;
}

}  // namespace collat::runtime
