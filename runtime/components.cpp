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
                                            ExprEval& eval, const Scope& scope, PositionResult& out,
                                            Causes& causes) {
  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < policy.components.size(); ++i) {
    if (!in_force.components[i]) continue;
    const ir::Component& c = policy.components[i];
    eval.causes().clear();
    eval.trace().clear();
    const ir::Value v = eval.Eval(*c.value, scope);
    ComponentResult r;
    r.id = c.id;
    r.kind = c.kind;
    r.known = v.known && InRange(c.kind, v.number);
    r.value = v.known ? money::QuantiseRate(v.number) : 0;  // range checked on the raw value
    for (const std::string& label : eval.trace()) {
      if (!r.rule.empty()) r.rule += "/";
      r.rule += label;
    }
    if (!r.known) {
      unknown.push_back(std::string(KindName(c.kind)) + " " + c.id);
      if (v.known) {
        causes.push_back({false, c.kind == ir::ComponentKind::Haircut
                                     ? "haircut rate outside [0, 1]"
                                     : "margin ratio below 1"});
      }
      causes.insert(causes.end(), eval.causes().begin(), eval.causes().end());
    }
    out.components.push_back(std::move(r));
  }
  eval.causes().clear();
  eval.trace().clear();
  return unknown;
}

double AdjustedValue(double market_value, const std::vector<ComponentResult>& components,
                     const money::Scale& scale) {
  double rates = 0;
  double ratios = 1;
  for (const ComponentResult& c : components) {
    switch (c.kind) {
      case ir::ComponentKind::Haircut:
        rates = rates + c.value;
        break;
      case ir::ComponentKind::Margin:
        ratios = ratios * c.value;
        break;
    }
  }
  const double kept = market_value * (1 - rates);
  const double floored = kept > 0 ? kept : 0.0;
  // Never larger than the (quantised) market value, so always within the money range.
  return money::Quantise(floored / ratios, scale).value_or(0);
}

}  // namespace collat::runtime
