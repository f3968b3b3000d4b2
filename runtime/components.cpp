#include "runtime/components.h"

namespace collat::runtime {
namespace {

const char* KindName(ir::ComponentKind kind) {
  switch (kind) {
    case ir::ComponentKind::Haircut:
      return "haircut";
    case ir::ComponentKind::Margin:
      return "margin";
  }
  return "component";
}

bool InRange(ir::ComponentKind kind, double v) {
  switch (kind) {
    case ir::ComponentKind::Haircut:
      return v >= 0 && v <= 1;
    case ir::ComponentKind::Margin:
      return v >= 1;
  }
  return false;
}

}  // namespace

std::vector<std::string> EvaluateComponents(const ir::Policy& policy, const InForce& in_force,
                                            ExprEval& eval, const Scope& scope, PositionRow out,
                                            Causes& causes) {
  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < policy.components.size(); ++i) {
    if (!in_force.components[i]) continue;
    const ir::Component& c = policy.components[i];
    eval.causes().clear();
    eval.trace().clear();
    const ir::Value v = eval.Eval(*c.value, scope);
    const bool known = v.known && InRange(c.kind, v.number);
    const double value = v.known ? money::QuantiseRate(v.number) : 0;  // range checked raw
    std::string arm;
    for (const std::string& label : eval.trace()) {
      if (!arm.empty()) arm += "/";
      arm += label;
    }
    if (!known) {
      unknown.push_back(std::string(KindName(c.kind)) + " " + c.id);
      if (v.known) {
        causes.push_back({false, c.kind == ir::ComponentKind::Haircut
                                     ? "haircut rate outside [0, 1]"
                                     : "margin ratio below 1"});
      }
      causes.insert(causes.end(), eval.causes().begin(), eval.causes().end());
    }
    out.SetComponent(static_cast<std::size_t>(scope.account->frame->component_slot[i]), known,
                     value, arm);
  }
  eval.causes().clear();
  eval.trace().clear();
  return unknown;
}

double AdjustedValue(double market_value, const ReportColumns& columns, std::size_t index,
                     const money::Scale& scale) {
  double rates = 0;
  double ratios = 1;
  const std::size_t slots = columns.component_ids.size();
  for (std::size_t s = 0; s < slots; ++s) {
    const std::size_t entry = index * slots + s;
    if (columns.component_state[entry] == ComponentState::Absent) continue;
    const double value = columns.component_value[entry];
    switch (columns.component_kinds[s]) {
      case ComponentKind::Haircut:
        rates = rates + value;
        break;
      case ComponentKind::Margin:
        ratios = ratios * value;
        break;
    }
  }
  const double kept = market_value * (1 - rates);
  const double floored = kept > 0 ? kept : 0.0;
  // Never larger than the (quantised) market value, so always within the money range.
  return money::Quantise(floored / ratios, scale).value_or(0);
}

}  // namespace collat::runtime
