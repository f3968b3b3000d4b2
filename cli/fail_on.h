// `collat eval --fail-on GATE`: conditions on a report that make the command exit 1, for CI.
// The gates (docs/language.md 18.1, "Gates"):
//   breach    some limit of some account is breached: a `max` limit with excess > 0 or a `min`
//             limit with shortfall > 0 (the report's `breached`)
//   call      some account's output `delivery` (the CSA Delivery Amount: collateral the pledgor
//             must deliver) is unknown or greater than 0; a policy without a money output named
//             `delivery` cannot be gated on calls (a usage error)
//   unknown   some position is UNKNOWN
//   rejected  some position is REJECTED, or some account record is rejected
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collat/report.h"
#include "compiler/ir.h"

namespace collat::cli {

// The gate names, in documentation order: breach, call, unknown, rejected.
const std::vector<std::string>& GateNames();

// A usage problem with `gates` for this policy (a `call` gate without a `delivery` output), or
// nothing.
std::optional<std::string> CheckGates(const std::vector<std::string>& gates,
                                      const ir::Policy& policy);

// One line per gate that fails on `report` and per account or position that fails it, e.g.
// "breach: account CP-001: limit issuer_cap (group ACME Corp) excess 900000.00". Empty: pass.
std::vector<std::string> FailedGates(const std::vector<std::string>& gates, const Report& report);

}  // namespace collat::cli
