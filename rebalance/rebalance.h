// The optimiser of docs/language.md 12: for each account of an evaluated input, the first
// `rebalance` whose trigger holds, turned into a mixed-integer program over the inventory's assets
// and solved with COIN-OR CBC (the only place that includes it), then proved by re-evaluating the
// account with the moves applied on the same program (the same engine).
//
// The program must have been compiled with CheckerOptions::rebalance_outputs, so that the engine
// itself computes the blocks' account-level items (trigger, target, min_move, max_moves) and the
// limits' amounts and bases on every account.
//
// Deterministic: CBC runs single-threaded with fixed settings (kTimeLimitSeconds), so the same
// inputs give the same proposals on every machine. Thread-safe: Rebalance may be called from many
// threads at once with the same program.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "collat/report.h"
#include "program/program.h"
#include "runtime/input.h"
#include "runtime/inventory.h"

namespace collat::rebalance {

// CBC's time limit per account, in seconds of CPU time. A search cut short by it returns its
// best proposal only when that proposal passes the re-evaluation; the limit is generous so that
// instances of the documented size never reach it.
inline constexpr double kTimeLimitSeconds = 20;

enum class Status { Proposed, Infeasible, NotTriggered };
const char* StatusName(Status status);  // "proposed", "infeasible", "not_triggered"

// One move. Only deliveries (`top_up from`) are built so far.
struct Move {
  std::string kind = "deliver";
  std::string inventory;  // the inventory the asset comes from
  std::string asset;      // the asset's id in it
  std::string source;     // where the asset's record is ("inventory.yaml:12")
  std::size_t index = 0;  // the asset's index in Inventories::assets.positions
  double quantity = 0;
  double market_value = 0;   // base currency
  double counted_value = 0;  // what it adds to the collateral value, after haircuts
  double cost = 0;           // the `cost` rate x market_value
};

struct AccountRebalance {
  std::string account;
  std::string rebalance;  // the block that ran; "" when none was triggered
  Status status = Status::NotTriggered;
  std::vector<Move> moves;           // in inventory order; empty unless Proposed
  double cost = 0;                   // the sum of the moves' costs
  double target = 0;                 // the collateral value the moves must reach (base currency)
  double reachable = 0;              // Infeasible: the best collateral value the moves can reach
  double shortfall = 0;              // Infeasible: target - reachable
  std::vector<std::string> binding;  // the constraints that bind, in words
  std::vector<std::string> notes;    // assets left out and why ("not eligible: ...")
  Totals before;                     // the account's totals before the moves
  Totals after;                      // and after them (Proposed only)
  std::vector<OutputResult> outputs_before;  // the policy's declared outputs
  std::vector<OutputResult> outputs_after;   // Proposed only
};

struct Options {
  std::string account;  // only this account; "" for every account
};

// Rebalances every (or one) account of `input` with the assets of `inventories`. Errors (not
// results): a program compiled without rebalance outputs, a block or policy feature the model
// does not support yet ("file:line: rebalance item `liquidate` is not supported yet"), an
// inventory the triggered block names that is not given, an unknown `--account`, an engine
// failure, and a proposal that fails the re-evaluation (an internal error naming the check).
Result<std::vector<AccountRebalance>> Rebalance(const program::Program& program,
                                                std::shared_ptr<const runtime::Input> input,
                                                const runtime::Inventories& inventories,
                                                const Options& options = {});

// `input` with the moves of every proposal appended to their accounts as positions (an asset
// whose id the account already uses gets the suffix "#1", "#2", ...), for re-evaluation and for
// `collat rebalance --apply-out`.
std::shared_ptr<runtime::Input> Apply(const ir::Policy& policy, const runtime::Input& input,
                                      const runtime::Inventories& inventories,
                                      const std::vector<AccountRebalance>& proposals);

}  // namespace collat::rebalance
