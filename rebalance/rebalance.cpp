#include "rebalance/rebalance.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "rebalance/account_input.h"
#include "rebalance/mip.h"
#include "rebalance/support.h"
#include "runtime/account_state.h"
#include "runtime/expr_eval.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"

namespace collat::rebalance {

const char* StatusName(Status status) {
  switch (status) {
    case Status::Proposed:
      return "proposed";
    case Status::Infeasible:
      return "infeasible";
    case Status::NotTriggered:
      return "not_triggered";
  }
  return "?";
}

namespace {

// Slack kept from every money bound (the target, money caps), in base-currency units, so that a
// proposal the solver finds within its tolerances still meets the bound once re-evaluated with
// money rounded to the policy's precision (docs/language.md 12, "How the problem is built").
constexpr double kMoneyMargin = 1.0;
// Relative slack kept from quantity caps.
constexpr double kQuantityMargin = 1e-9;
// Ties: of proposals whose cost is within kTieTolerance (relative) of the cheapest, the one
// minimising sum (inventory index + 1) x market value moved is chosen (a second solve), so that
// earlier assets are preferred.
constexpr double kTieTolerance = 1e-9;

// A limit group's key (ir::Value's fields), comparable.
using GroupKey = std::tuple<bool, double, std::int64_t, std::int32_t, std::int32_t>;
GroupKey KeyOf(const ir::Value& v) {
  return {v.known, v.number, v.integer, v.duration.months, v.duration.days};
}

std::string KeyText(const ir::Policy& policy, const ir::Limit& limit, const ir::Value& key,
                    const runtime::TextPool& text) {
  if (!limit.by) return limit.id;
  const ir::Type& type = limit.by->type;
  switch (type.kind) {
    case ir::TypeKind::Text:
      return text.Text(key.integer);
    case ir::TypeKind::Enum: {
      const ir::EnumInfo& e = policy.enums[static_cast<std::size_t>(type.enum_id)];
      for (std::size_t i = 0; i < e.labels.size(); ++i) {
        if (e.Rank(i) == key.integer) return e.labels[i];
      }
      return fmt::format("{}", key.integer);
    }
    case ir::TypeKind::Bool:
      return key.integer != 0 ? "true" : "false";
    default:
      return fmt::format("{}", key.number != 0 ? key.number : static_cast<double>(key.integer));
  }
}

const OutputResult* Output(const AccountView& account, std::int32_t index) {
  if (index < 0) return nullptr;
  const auto outputs = account.outputs();
  const auto i = static_cast<std::size_t>(index);
  return i < outputs.size() ? &outputs[i] : nullptr;
}

std::vector<OutputResult> Declared(const ir::Policy& policy, const AccountView& account) {
  const auto outputs = account.outputs();
  const auto n = std::min(outputs.size(), static_cast<std::size_t>(policy.declared_outputs));
  return {outputs.begin(), outputs.begin() + static_cast<std::ptrdiff_t>(n)};
}

// One asset the moves may deliver.
struct Candidate {
  std::size_t asset = 0;  // index in Inventories::assets.positions
  double available = 0;   // quantity
  double unit = 1;        // quantity per step of the column (the lot, or 1)
  double steps = 0;       // the column's upper bound: available / unit, whole when lots
  bool lots = false;
  double market_per_step = 0;
  double value_per_step = 0;  // adjusted value added per step
  double rate = 0;            // the cost rate
  int column = -1;
  int binary = -1;
};

// A limit group some candidate falls in.
struct GroupRow {
  std::size_t limit = 0;
  std::string label;                                    // "ACME Corp" or the limit id
  double used = 0;                                      // before the moves
  std::vector<std::pair<std::size_t, double>> members;  // candidate index, measure per step
  int row = -1;
};

class AccountRebalancer {
 public:
  AccountRebalancer(const program::Program& program, const runtime::Input& input,
                    const runtime::Inventories& inventories, const runtime::InForce& in_force,
                    std::size_t account)
      : program_(program),
        policy_(program.policy()),
        input_(input),
        inventories_(inventories),
        in_force_(in_force),
        account_(account) {}

  Result<AccountRebalance> Run();

 private:
  Result<bool> Candidates(const ir::Rebalance& r, std::int32_t inventory, const AccountView& before,
                          AccountRebalance& out);
  void BuildModel(const ir::Rebalance& r, const AccountView& before, double needed,
                  std::int64_t max_moves, double min_move, bool with_target);
  Result<bool> Check(const ir::Rebalance& r, AccountRebalance& out);
  void Binding(const ir::Rebalance& r, const std::vector<double>& x, std::int64_t max_moves,
               AccountRebalance& out) const;

  const program::Program& program_;
  const ir::Policy& policy_;
  const runtime::Input& input_;
  const runtime::Inventories& inventories_;
  const runtime::InForce& in_force_;
  std::size_t account_;
  runtime::Input alone_;  // the account on its own
  std::vector<Candidate> candidates_;
  std::vector<GroupRow> groups_;
  Mip mip_;
  int target_row_ = -1;
  int moves_row_ = -1;
};

Result<AccountRebalance> AccountRebalancer::Run() {
  AccountRebalance out;
  out.account = input_.accounts[account_].id;
  alone_ = OneAccount(input_, account_, policy_);
  auto shared = std::make_shared<const runtime::Input>(alone_);
  Result<Report> evaluated = program_.Evaluate(shared);
  if (!evaluated) return Error{evaluated.error()};
  const Report before_report = *evaluated;
  const AccountView before = before_report.accounts()[0];
  out.before = before.totals();
  out.outputs_before = Declared(policy_, before);
  if (!before.rejection().empty()) {  // a rejected account is not rebalanced
    out.notes.push_back(fmt::format("the account is rejected: {}", before.rejection()));
    return out;
  }

  const ir::Rebalance* chosen = nullptr;
  for (const ir::Rebalance& r : policy_.rebalances) {
    const OutputResult* trigger = Output(before, r.trigger_output);
    if (trigger != nullptr && trigger->known && trigger->boolean) {
      chosen = &r;
      break;
    }
  }
  if (chosen == nullptr) return out;
  const ir::Rebalance& r = *chosen;
  out.rebalance = r.name;

  const OutputResult* target =
      Output(before, r.target_is_condition ? r.target_amount_output : r.target_output);
  if (target == nullptr || !target->known) {
    out.status = Status::Infeasible;
    out.binding.push_back("the target is unknown");
    return out;
  }
  out.target = target->number;
  if (r.target_is_condition) {
    const ir::Expr& t = *r.target;
    const bool strict = t.op == ir::Op::Gt || t.op == ir::Op::Lt;
    if (strict) out.target += 1 / policy_.header.money.factor();
  }
  const double cv0 = out.before.collateral_value;
  out.reachable = cv0;
  for (const LimitResult& limit : before.limits()) {
    if (limit.breached) {
      out.status = Status::Infeasible;
      out.binding.push_back(
          fmt::format("limit `{}`{} is breached before the moves: a top-up cannot cure it",
                      limit.id, limit.group.empty() ? "" : fmt::format(" ({})", limit.group)));
    }
  }
  if (out.status == Status::Infeasible) {
    out.shortfall = std::max(0.0, out.target - cv0);
    return out;
  }
  if (cv0 >= out.target) {  // already met: nothing to move
    out.status = Status::Proposed;
    out.after = out.before;
    out.outputs_after = out.outputs_before;
    out.binding.push_back("the target is already met");
    Result<bool> checked = Check(r, out);
    if (!checked) return Error{checked.error()};
    return out;
  }

  std::int32_t inventory = -1;
  if (!r.top_up.empty()) {
    inventory = inventories_.Find(r.top_up);
    if (inventory < 0) {
      return Error{
          fmt::format("{}: rebalance `{}` tops up from inventory `{}`, which is not given "
                      "(an `inventories:` section of the input or --inventory)",
                      Where(r, r.range), r.name, r.top_up)};
    }
  }
  double min_move = 0;
  if (const OutputResult* m = Output(before, r.min_move_output)) {
    if (!m->known)
      return Error{fmt::format("{}: `min_move` is unknown for account `{}`", Where(r, r.range),
                               out.account)};
    min_move = std::max(0.0, m->number);
  }
  std::int64_t max_moves = -1;
  if (const OutputResult* m = Output(before, r.max_moves_output)) {
    if (!m->known || !(m->number >= 0)) {
      return Error{fmt::format("{}: `max_moves` is unknown or negative for account `{}`",
                               Where(r, r.range), out.account)};
    }
    max_moves = static_cast<std::int64_t>(std::floor(std::min(m->number, 1e9)));
  }
  if (inventory >= 0) {
    Result<bool> ok = Candidates(r, inventory, before, out);
    if (!ok) return Error{ok.error()};
  }
  if (candidates_.empty()) {
    out.status = Status::Infeasible;
    out.shortfall = out.target - cv0;
    out.binding.push_back(inventory < 0
                              ? "the rebalance has no `top_up from`"
                              : fmt::format("no eligible asset in inventory `{}`", r.top_up));
    return out;
  }

  BuildModel(r, before, out.target - cv0, max_moves, min_move, true);
  MipSolution solution = Solve(mip_);
  if (solution.status == MipSolution::Status::Stopped && solution.x.empty()) {
    return Error{
        fmt::format("account `{}`: the solver stopped at its limits ({} s, {} nodes) "
                    "without a proposal",
                    out.account, kTimeLimitSeconds, kMaxNodes)};
  }
  if (solution.x.empty()) {
    // Infeasible: the most the moves can reach under the same constraints, and what binds.
    BuildModel(r, before, 0, max_moves, min_move, false);
    MipSolution best = Solve(mip_);
    double reach = 0;
    for (const Candidate& c : candidates_) {
      if (!best.x.empty()) reach += c.value_per_step * best.x[static_cast<std::size_t>(c.column)];
    }
    out.status = Status::Infeasible;
    out.reachable = cv0 + reach;
    out.shortfall = out.target - out.reachable;
    if (!best.x.empty()) Binding(r, best.x, max_moves, out);
    return out;
  }

  // The tie-break: hold the cost at its minimum, prefer earlier assets.
  {
    double best = 0;
    Mip::Row cost_row;
    for (std::size_t col = 0; col < mip_.objective.size(); ++col) {
      best += mip_.objective[col] * solution.x[col];
      if (mip_.objective[col] == 0) continue;
      cost_row.columns.push_back(static_cast<int>(col));
      cost_row.coefficients.push_back(mip_.objective[col]);
    }
    cost_row.lower = -1e300;
    cost_row.upper = best + kTieTolerance * std::max(1.0, std::fabs(best));
    mip_.AddRow(std::move(cost_row));
    std::fill(mip_.objective.begin(), mip_.objective.end(), 0.0);
    for (const Candidate& c : candidates_) {
      mip_.objective[static_cast<std::size_t>(c.column)] =
          static_cast<double>(c.asset + 1) * c.market_per_step;
    }
    MipSolution tied = Solve(mip_);
    if (!tied.x.empty()) solution.x = std::move(tied.x);
  }
  for (const Candidate& c : candidates_) {
    double steps = solution.x[static_cast<std::size_t>(c.column)];
    if (c.lots) steps = std::round(steps);
    if (steps <= c.steps * 1e-12) continue;
    steps = std::min(steps, c.steps);
    Move move;
    move.inventory = r.top_up;
    move.index = c.asset;
    move.asset = inventories_.assets.positions.ids[c.asset];
    move.source = inventories_.assets.positions.Source(c.asset);
    move.quantity = c.lots ? steps * c.unit : steps;
    if (!c.lots && c.steps == steps) move.quantity = c.available;
    move.market_value = MarketValueOf(policy_, inventories_, c.asset, move.quantity);
    move.counted_value = c.value_per_step * steps;
    move.cost = c.rate * move.market_value;
    out.cost += move.cost;
    out.moves.push_back(std::move(move));
  }
  out.status = Status::Proposed;
  if (solution.status == MipSolution::Status::Stopped) {
    out.notes.push_back("the solver stopped at its limits: the proposal may not be the cheapest");
  }
  Binding(r, solution.x, max_moves, out);
  Result<bool> checked = Check(r, out);
  if (!checked) return Error{checked.error()};
  return out;
}

Result<bool> AccountRebalancer::Candidates(const ir::Rebalance& r, std::int32_t inventory,
                                           const AccountView& before, AccountRebalance& out) {
  const runtime::Account& inv = inventories_.assets.accounts[static_cast<std::size_t>(inventory)];
  // Every usable asset at its full amount, after the account's own positions.
  runtime::Input trial = alone_;
  std::vector<std::size_t> assets;
  for (std::size_t a = inv.first_position; a < inv.first_position + inv.position_count; ++a) {
    const std::string& rejection = inventories_.assets.positions.rejection[a];
    if (!rejection.empty()) {
      out.notes.push_back(fmt::format("{} ({}): rejected: {}", inventories_.assets.positions.ids[a],
                                      inventories_.assets.positions.Source(a), rejection));
      continue;
    }
    AppendAsset(policy_, inventories_, a, Available(policy_, inventories_, a),
                inventories_.assets.positions.ids[a], 0, trial);
    assets.push_back(a);
  }
  const std::size_t held = alone_.positions.size();
  auto shared = std::make_shared<const runtime::Input>(trial);
  Result<Report> valued = program_.Evaluate(shared);
  if (!valued) return Error{valued.error()};
  const Report& report = *valued;

  runtime::TextBinder text(shared->text);
  runtime::ExprEval eval(policy_, *shared, in_force_, text);
  runtime::AccountState state;
  state.account = 0;
  state.first_position = 0;
  state.position_count = static_cast<std::uint32_t>(shared->positions.size());
  const auto at = [&](const ir::Expr& e, std::size_t position) {
    runtime::Scope scope{&state, static_cast<std::int64_t>(position)};
    return eval.Eval(e, scope);
  };

  // Limit groups: the held eligible positions' use of each, then the candidates' memberships.
  std::map<std::pair<std::size_t, GroupKey>, std::size_t> group_index;
  const auto group_of = [&](std::size_t l, std::size_t position,
                            std::size_t& index) -> bool {  // false: unknown membership
    const ir::Limit& limit = policy_.limits[l];
    if (limit.where) {
      const ir::Value w = at(*limit.where, position);
      if (!w.known) return false;
      if (!w.truth()) {
        index = SIZE_MAX;
        return true;
      }
    }
    ir::Value key = ir::Value::Integer(0);
    if (limit.by) {
      key = at(*limit.by, position);
      if (!key.known) return false;
    }
    const auto k = std::make_pair(l, KeyOf(key));
    auto it = group_index.find(k);
    if (it == group_index.end()) {
      GroupRow g;
      g.limit = l;
      g.label = KeyText(policy_, limit, key, shared->text);
      groups_.push_back(std::move(g));
      it = group_index.emplace(k, groups_.size() - 1).first;
    }
    index = it->second;
    return true;
  };
  const auto measure = [&](const ir::Limit& limit, std::size_t position, double value) {
    switch (limit.on) {
      case ir::LimitOn::Value:
        return value;
      case ir::LimitOn::MarketValue:
        return shared->positions.market_value[position];
      case ir::LimitOn::Quantity: {
        const auto q = static_cast<std::size_t>(policy_.FindPositionField("quantity"));
        return shared->positions.fields[q].numbers[position];
      }
    }
    return value;
  };
  const PositionList before_positions = before.positions();
  for (std::size_t l = 0; l < policy_.limits.size(); ++l) {
    if (!in_force_.limits[l]) continue;
    for (std::size_t p = 0; p < held; ++p) {
      const PositionView pv = before_positions[p];
      if (pv.status() != collat::Status::Eligible) continue;
      std::size_t g = SIZE_MAX;
      if (!group_of(l, p, g) || g == SIZE_MAX) continue;
      groups_[g].used += measure(policy_.limits[l], p, pv.counted_value());
    }
  }

  const AccountView trial_account = report.accounts()[0];
  const PositionList trial_positions = trial_account.positions();
  for (std::size_t k = 0; k < assets.size(); ++k) {
    const std::size_t a = assets[k];
    const std::size_t p = held + k;
    const PositionView pv = trial_positions[p];
    const std::string& id = inventories_.assets.positions.ids[a];
    const std::string where = inventories_.assets.positions.Source(a);
    if (pv.status() != collat::Status::Eligible) {
      out.notes.push_back(
          fmt::format("{} ({}): not eligible{}", id, where,
                      pv.reason().empty() ? std::string() : fmt::format(": {}", pv.reason())));
      continue;
    }
    Candidate c;
    c.asset = a;
    c.available = Available(policy_, inventories_, a);
    const double market = inventories_.assets.positions.market_value[a];
    const double value = pv.adjusted_value();
    if (!(value > 0)) {
      out.notes.push_back(fmt::format("{} ({}): adds no value after haircuts", id, where));
      continue;
    }
    if (r.cost) {
      const ir::Value rate = at(*r.cost, p);
      if (!rate.known || !std::isfinite(rate.number)) {
        out.notes.push_back(fmt::format("{} ({}): its `cost` is unknown", id, where));
        continue;
      }
      c.rate = rate.number;
    }
    if (r.lot) {
      const ir::Value lot = at(*r.lot, p);
      if (!lot.known || !(lot.number > 0) || !std::isfinite(lot.number)) {
        out.notes.push_back(fmt::format("{} ({}): its `lot` is unknown or not above 0", id, where));
        continue;
      }
      c.lots = true;
      c.unit = lot.number;
      c.steps = std::floor(c.available / c.unit);
      if (c.steps < 1) {
        out.notes.push_back(fmt::format("{} ({}): its lot of {} is more than the {} available", id,
                                        where, c.unit, c.available));
        continue;
      }
    } else {
      c.steps = c.available;
    }
    c.market_per_step = market / c.available * c.unit;
    c.value_per_step = value / c.available * c.unit;
    const std::size_t index = candidates_.size();
    bool known = true;
    std::vector<std::pair<std::size_t, double>> memberships;
    for (std::size_t l = 0; l < policy_.limits.size() && known; ++l) {
      if (!in_force_.limits[l]) continue;
      std::size_t g = SIZE_MAX;
      if (!group_of(l, p, g)) {
        known = false;
        break;
      }
      if (g == SIZE_MAX) continue;
      const ir::Limit& limit = policy_.limits[l];
      double per_step = c.value_per_step;
      if (limit.on == ir::LimitOn::MarketValue) per_step = c.market_per_step;
      if (limit.on == ir::LimitOn::Quantity) per_step = c.unit;
      memberships.emplace_back(g, per_step);
    }
    if (!known) {
      out.notes.push_back(
          fmt::format("{} ({}): its group or filter of a limit is unknown", id, where));
      continue;
    }
    for (const auto& [g, per_step] : memberships)
      groups_[g].members.emplace_back(index, per_step);
    candidates_.push_back(c);
  }
  return true;
}

void AccountRebalancer::BuildModel(const ir::Rebalance& r, const AccountView& before, double needed,
                                   std::int64_t max_moves, double min_move, bool with_target) {
  (void)r;
  mip_ = Mip{};
  target_row_ = -1;
  moves_row_ = -1;
  const bool binaries = max_moves >= 0 || min_move > 0;
  for (Candidate& c : candidates_) {
    const double cost = with_target ? c.rate * c.market_per_step : -c.value_per_step;
    c.column = mip_.AddColumn(0, c.steps, cost, c.lots);
    c.binary = binaries ? mip_.AddColumn(0, 1, 0, true) : -1;
  }
  if (with_target) {
    Mip::Row target;
    for (const Candidate& c : candidates_) {
      target.columns.push_back(c.column);
      target.coefficients.push_back(c.value_per_step);
    }
    target.lower = needed + kMoneyMargin;
    target.upper = 1e300;
    target_row_ = mip_.AddRow(std::move(target));
  }
  const Totals& totals = before.totals();
  for (GroupRow& g : groups_) {
    // A group no candidate falls in keeps its use; a cap on a base the moves raise only grows.
    g.row = -1;
    if (g.members.empty()) continue;
    const ir::Limit& limit = policy_.limits[g.limit];
    const OutputResult* amount_out = Output(before, policy_.limit_amount_outputs[g.limit]);
    const OutputResult* base_out = Output(before, policy_.limit_base_outputs[g.limit]);
    const double amount = amount_out != nullptr && amount_out->known ? amount_out->number : 0;
    Mip::Row row;
    for (const auto& [index, per_step] : g.members) {
      row.columns.push_back(candidates_[index].column);
      row.coefficients.push_back(per_step);
    }
    double cap = amount;
    switch (limit.base) {
      case ir::LimitBase::None:
        break;
      case ir::LimitBase::Expression:
        cap = amount * (base_out != nullptr && base_out->known ? base_out->number : 0);
        break;
      case ir::LimitBase::EligibleValue:
      case ir::LimitBase::CollateralValue: {
        // cap = amount x (base before + value added): linear in the moves, so it moves to the
        // left-hand side. With no limit breached after the moves, no value is removed, so the
        // collateral value equals the eligible value.
        cap = amount * (limit.base == ir::LimitBase::EligibleValue ? totals.eligible_value
                                                                   : totals.collateral_value);
        for (const Candidate& c : candidates_) {
          row.columns.push_back(c.column);
          row.coefficients.push_back(-amount * c.value_per_step);
        }
        break;
      }
    }
    const double margin = limit.on == ir::LimitOn::Quantity
                              ? kQuantityMargin * std::max(1.0, std::fabs(cap))
                              : kMoneyMargin;
    row.lower = -1e300;
    // Within the margin of its cap already (not breached): no more of this group.
    row.upper = std::max(cap - g.used - margin, std::min(0.0, cap - g.used));
    g.row = mip_.AddRow(std::move(row));
  }
  if (binaries) {
    for (const Candidate& c : candidates_) {
      // x <= steps * y: no move without its binary.
      mip_.AddRow({{c.column, c.binary}, {1, -c.steps}, -1e300, 0});
      if (min_move > 0) {
        // market value moved >= min_move * y.
        mip_.AddRow({{c.column, c.binary}, {c.market_per_step, -min_move}, 0, 1e300});
      }
    }
    if (max_moves >= 0) {
      Mip::Row moves;
      for (const Candidate& c : candidates_) {
        moves.columns.push_back(c.binary);
        moves.coefficients.push_back(1);
      }
      moves.lower = -1e300;
      moves.upper = static_cast<double>(max_moves);
      moves_row_ = mip_.AddRow(std::move(moves));
    }
  }
}

void AccountRebalancer::Binding(const ir::Rebalance& r, const std::vector<double>& x,
                                std::int64_t max_moves, AccountRebalance& out) const {
  (void)r;
  for (const Candidate& c : candidates_) {
    if (x[static_cast<std::size_t>(c.column)] >= c.steps - 1e-6 * std::max(1.0, c.steps)) {
      out.binding.push_back(
          fmt::format("inventory exhausted: {}", inventories_.assets.positions.ids[c.asset]));
    }
  }
  if (moves_row_ >= 0 && max_moves >= 0) {
    if (Activity(mip_.rows[static_cast<std::size_t>(moves_row_)], x) >=
        static_cast<double>(max_moves) - 0.5) {
      out.binding.push_back(fmt::format("max_moves reached ({})", max_moves));
    }
  }
  for (const GroupRow& g : groups_) {
    if (g.row < 0) continue;
    const Mip::Row& row = mip_.rows[static_cast<std::size_t>(g.row)];
    if (Activity(row, x) >= row.upper - kMoneyMargin * 1e-3 - 1e-6 * std::fabs(row.upper)) {
      out.binding.push_back(
          fmt::format("no more {}: {} reached", g.label, policy_.limits[g.limit].id));
    }
  }
}

// The invariant of docs/language.md 12: the moves applied, the account re-evaluated on the same
// program meets the target and breaches no limit, or the proposal is not returned.
Result<bool> AccountRebalancer::Check(const ir::Rebalance& r, AccountRebalance& out) {
  runtime::Input applied = alone_;
  std::set<std::string> ids(applied.positions.ids.begin(), applied.positions.ids.end());
  for (const Move& move : out.moves) {
    std::string id = move.asset;
    for (int n = 1; ids.count(id) != 0; ++n)
      id = fmt::format("{}#{}", move.asset, n);
    ids.insert(id);
    AppendAsset(policy_, inventories_, move.index, move.quantity, id, 0, applied);
  }
  Result<Report> evaluated = program_.Evaluate(std::make_shared<const runtime::Input>(applied));
  if (!evaluated) return Error{evaluated.error()};
  const AccountView after = evaluated->accounts()[0];
  const auto fail = [&](const std::string& check) {
    return Error{
        fmt::format("internal error: the proposal of rebalance `{}` for account `{}` "
                    "fails its re-evaluation: {}",
                    r.name, out.account, check)};
  };
  const double cv = after.totals().collateral_value;
  const OutputResult* target = Output(after, r.target_output);
  if (target == nullptr || !target->known) return fail("the target is unknown after the moves");
  if (r.target_is_condition) {
    if (!target->boolean) return fail("the target condition is false after the moves");
  } else if (cv < target->number) {
    return fail(fmt::format("collateral value {} is below the target {}", cv, target->number));
  }
  for (const LimitResult& limit : after.limits()) {
    if (limit.breached) {
      return fail(fmt::format("limit `{}`{} is breached", limit.id,
                              limit.group.empty() ? "" : fmt::format(" ({})", limit.group)));
    }
  }
  out.after = after.totals();
  out.outputs_after = Declared(policy_, after);
  // What each move counts for, as re-evaluated: the account's last positions, in move order.
  const PositionList positions = after.positions();
  const std::size_t first = positions.size() - out.moves.size();
  for (std::size_t m = 0; m < out.moves.size(); ++m)
    out.moves[m].counted_value = positions[first + m].counted_value();
  return true;
}

}  // namespace

Result<std::vector<AccountRebalance>> Rebalance(const program::Program& program,
                                                std::shared_ptr<const runtime::Input> input,
                                                const runtime::Inventories& inventories,
                                                const Options& options) {
  const ir::Policy& policy = program.policy();
  for (const ir::Rebalance& r : policy.rebalances) {
    if (r.trigger_output < 0 || r.target_output < 0) {
      return Error{
          "the program was compiled without rebalance outputs "
          "(CheckerOptions::rebalance_outputs)"};
    }
  }
  const runtime::InForce in_force = runtime::SelectVersions(policy, input->market.valuation_date);
  if (std::string why = Unsupported(policy, in_force); !why.empty()) return Error{why};
  std::vector<AccountRebalance> out;
  bool found = options.account.empty();
  for (std::size_t a = 0; a < input->accounts.size(); ++a) {
    if (!options.account.empty() && input->accounts[a].id != options.account) continue;
    found = true;
    AccountRebalancer rebalancer(program, *input, inventories, in_force, a);
    Result<AccountRebalance> one = rebalancer.Run();
    if (!one) return Error{one.error()};
    out.push_back(std::move(*one));
  }
  if (!found) return Error{fmt::format("no account `{}` in the input", options.account)};
  return out;
}

std::shared_ptr<runtime::Input> Apply(const ir::Policy& policy, const runtime::Input& input,
                                      const runtime::Inventories& inventories,
                                      const std::vector<AccountRebalance>& proposals) {
  auto out = std::make_shared<runtime::Input>();
  out->text = input.text;  // the held positions' codes stay valid; assets' texts are added
  out->market = input.market;
  out->positions.fields.resize(policy.position_fields.size());
  for (std::size_t a = 0; a < input.accounts.size(); ++a) {
    runtime::Account account = input.accounts[a];
    const std::size_t first = account.first_position;
    account.first_position = static_cast<std::uint32_t>(out->positions.size());
    const auto index = static_cast<std::int32_t>(out->accounts.size());
    out->accounts.push_back(account);
    for (std::size_t i = first; i < first + account.position_count; ++i)
      CopyHeld(policy, input, i, *out, index);
    std::set<std::string> ids(
        input.positions.ids.begin() + static_cast<std::ptrdiff_t>(first),
        input.positions.ids.begin() + static_cast<std::ptrdiff_t>(first + account.position_count));
    for (const AccountRebalance& p : proposals) {
      if (p.account != account.id || p.status != Status::Proposed) continue;
      for (const Move& move : p.moves) {
        std::string id = move.asset;
        for (int n = 1; ids.count(id) != 0; ++n)
          id = fmt::format("{}#{}", move.asset, n);
        ids.insert(id);
        AppendAsset(policy, inventories, move.index, move.quantity, id, index, *out);
      }
    }
  }
  return out;
}

}  // namespace collat::rebalance
