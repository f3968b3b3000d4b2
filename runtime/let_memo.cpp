#include "runtime/let_memo.h"

namespace collat::runtime {

LetMemo::LetMemo(const ir::Policy& policy)
    : policy_(policy),
      pure_(policy.lets.size(), -1),
      fn_pure_(policy.functions.size(), -1),
      entries_(policy.lets.size()) {}

const LetMemo::Entry* LetMemo::Find(std::size_t index, std::uint32_t account,
                                    std::int64_t position) const {
  const Entry& e = entries_[index];
  return e.valid && e.account == account && e.position == position ? &e : nullptr;
}

bool LetMemo::Pure(std::size_t index) {
  if (pure_[index] < 0) {
    pure_[index] = 0;  // a let never reads itself (the checker rejects cycles)
    pure_[index] = PureExpr(policy_.lets[index].value.get()) ? 1 : 0;
  }
  return pure_[index] == 1;
}

bool LetMemo::PureExpr(const ir::Expr* e) {
  if (e == nullptr) return true;
  switch (e->op) {
    case ir::Op::Aggregate:
    case ir::Op::Total:
    case ir::Op::PositionMeasure:
    case ir::Op::Output:
    case ir::Op::Breached:
      return false;
    case ir::Op::Let:
      if (!Pure(static_cast<std::size_t>(e->index))) return false;
      break;
    case ir::Op::FnCall: {
      const auto index = static_cast<std::size_t>(e->index);
      if (fn_pure_[index] < 0) {
        fn_pure_[index] = 0;  // functions never recurse (the checker rejects it)
        fn_pure_[index] = PureExpr(policy_.functions[index].body.get()) ? 1 : 0;
      }
      if (fn_pure_[index] == 0) return false;
      break;  // and the arguments, below
    }
    case ir::Op::TableLookup: {
      const std::string& name = policy_.tables[static_cast<std::size_t>(e->index)].name;
      for (const ir::Table& table : policy_.tables) {
        if (table.name != name) continue;
        for (const ir::TableRow& row : table.rows)
          if (!PureExpr(row.value.get())) return false;
        if (!PureExpr(table.fallback.get())) return false;
      }
      break;
    }
    case ir::Op::Const:
    case ir::Op::PositionField:
    case ir::Op::AccountField:
    case ir::Op::MarketField:
    case ir::Op::ValuationDate:
    case ir::Op::Neg:
    case ir::Op::Not:
    case ir::Op::IsKnown:
    case ir::Op::IsUnknown:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
    case ir::Op::InSet:
    case ir::Op::NotInSet:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Default:
    case ir::Op::If:
    case ir::Op::Match:
    case ir::Op::Schedule:
    case ir::Op::Call:
    case ir::Op::Param:  // its argument is checked at the call
      break;
  }
  for (const ir::ExprPtr& arg : e->args)
    if (!PureExpr(arg.get())) return false;
  if (!PureExpr(e->filter.get())) return false;
  for (const ir::MatchArm& arm : e->arms)
    if (!PureExpr(arm.condition.get()) || !PureExpr(arm.value.get())) return false;
  for (const ir::Band& band : e->bands)
    if (!PureExpr(band.bound.get()) || !PureExpr(band.value.get())) return false;
  return true;
}

}  // namespace collat::runtime
