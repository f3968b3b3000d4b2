#include "rebalance/account_input.h"

namespace collat::rebalance {
namespace {

bool InNumbers(ir::TypeKind kind) {
  return kind == ir::TypeKind::Number || kind == ir::TypeKind::Percent ||
         kind == ir::TypeKind::Money || kind == ir::TypeKind::Error;
}

// Copies position `i` of `from` to the end of `to`, texts re-interned when the pools differ.
void CopyPosition(const ir::Policy& policy, const runtime::Input& from, std::size_t i,
                  runtime::Input& to, std::int32_t account, bool same_pool) {
  const runtime::Positions& src = from.positions;
  runtime::Positions& dst = to.positions;
  dst.ids.push_back(src.ids[i]);
  dst.account.push_back(account);
  dst.rejection.push_back(src.rejection[i]);
  dst.source_file.push_back(dst.SourcePrefix(src.source_prefix[src.source_file[i]]));
  dst.source_line.push_back(src.source_line[i]);
  dst.market_value.push_back(src.market_value[i]);
  dst.fields.resize(policy.position_fields.size());
  for (std::size_t f = 0; f < policy.position_fields.size(); ++f) {
    const ir::TypeKind kind = policy.position_fields[f].type.kind;
    const runtime::Column& a = src.fields[f];
    runtime::Column& b = dst.fields[f];
    if (InNumbers(kind)) {
      b.numbers.push_back(a.numbers[i]);
    } else if (kind == ir::TypeKind::Duration) {
      b.durations.push_back(a.durations[i]);
    } else if (kind == ir::TypeKind::Text && !same_pool && a.known[i] != 0) {
      b.integers.push_back(to.text.Intern(from.text.Text(a.integers[i])));
    } else {
      b.integers.push_back(a.integers[i]);
    }
    b.known.push_back(a.known[i]);
  }
}

}  // namespace

runtime::Input OneAccount(const runtime::Input& input, std::size_t account,
                          const ir::Policy& policy) {
  runtime::Input out;
  out.text = input.text;  // a copy: the positions' text codes stay valid
  out.market = input.market;
  runtime::Account copy = input.accounts[account];
  const std::size_t first = copy.first_position;
  copy.first_position = 0;
  out.accounts.push_back(copy);
  out.positions.fields.resize(policy.position_fields.size());
  for (std::size_t i = first; i < first + copy.position_count; ++i)
    CopyHeld(policy, input, i, out, 0);
  return out;
}

void CopyHeld(const ir::Policy& policy, const runtime::Input& from, std::size_t position,
              runtime::Input& to, std::int32_t account) {
  CopyPosition(policy, from, position, to, account, true);
}

double Available(const ir::Policy& policy, const runtime::Inventories& inventories,
                 std::size_t asset) {
  const std::int32_t q = policy.FindPositionField("quantity");
  return inventories.assets.positions.fields[static_cast<std::size_t>(q)].numbers[asset];
}

double MarketValueOf(const ir::Policy& policy, const runtime::Inventories& inventories,
                     std::size_t asset, double quantity) {
  const double all = inventories.assets.positions.market_value[asset];
  const double available = Available(policy, inventories, asset);
  return quantity == available ? all : all / available * quantity;
}

void AppendAsset(const ir::Policy& policy, const runtime::Inventories& inventories,
                 std::size_t asset, double quantity, const std::string& id, std::int32_t account,
                 runtime::Input& to) {
  CopyPosition(policy, inventories.assets, asset, to, account, false);
  runtime::Positions& dst = to.positions;
  const std::size_t added = dst.size() - 1;
  dst.ids[added] = id;
  const double market_value = MarketValueOf(policy, inventories, asset, quantity);
  dst.market_value[added] = market_value;
  const auto q = static_cast<std::size_t>(policy.FindPositionField("quantity"));
  const auto mv = static_cast<std::size_t>(policy.FindPositionField("market_value"));
  dst.fields[q].numbers[added] = quantity;
  dst.fields[mv].numbers[added] = market_value;
  to.accounts[static_cast<std::size_t>(account)].position_count += 1;
}

}  // namespace collat::rebalance
