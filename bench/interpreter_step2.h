// The reference interpreter doing a kernel's work: step 2 of docs/language.md 15.2 (eligibility,
// components, tiers and limit memberships) for every position of an input, with
// runtime::EvaluatePosition, as runtime::Evaluate runs it. For benchmarks against the batch kernels
// (which do exactly this step) and for checking a kernel's statuses against it.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/report_build.h"

namespace collat::bench {

// Evaluates step 2 of every valid position of every valid account; returns each position's status
// (rejected positions and positions of rejected accounts are Status::Rejected).
std::vector<runtime::Status> InterpretPositions(const ir::Policy& policy,
                                                const runtime::Input& input);

}  // namespace collat::bench
