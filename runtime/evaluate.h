// The reference interpreter's entry point: a checked policy and an input in, a report out.
#pragma once

#include <memory>
#include <string_view>

#include "collat/report.h"
#include "compiler/ir.h"
#include "runtime/input.h"

namespace collat::runtime {

// Evaluates every account of `input` under `policy`, in input order, following
// docs/language.md 15.2 per account: rejected positions, eligibility, haircut components, tiers,
// limits in order, totals, outputs. Versions in force follow input.market.valuation_date.
//
// Preconditions (what the checker and the loaders guarantee): `policy` came out of Check();
// `input` matches its schemas (one Column per position field, every vector of a column sized to
// the positions, one Value per account and market field) and every account's positions are
// contiguous. Pure and deterministic (the same inputs give a bit-identical Report); safe to call
// from many threads on shared arguments. The report's policy_sha256 is `sha256` (Program passes
// the policy's hash). The report refers to the input's position ids and keeps `input` alive.
//
// `threads` > 1 evaluates disjoint ranges of accounts on that many threads (ForEachAccountRange);
// each account is evaluated exactly as on one thread, so the report is identical for any count.
collat::Report Evaluate(const ir::Policy& policy, std::shared_ptr<const Input> input,
                        unsigned threads = 1, std::string_view sha256 = {});

}  // namespace collat::runtime
