#include "compiler/number_texts.h"

namespace collat {
namespace {

class Numberer {
 public:
  explicit Numberer(ir::Policy& policy) : policy_(policy) {}

  void Expr(ir::Expr* e) {
    if (e == nullptr) return;
    const bool text = e->type.kind == ir::TypeKind::Text && !e->type.is_set;
    if (e->op == ir::Op::Const && text && e->index < 0) {
      e->index = Slot(e->text);
    } else if ((e->op == ir::Op::InSet || e->op == ir::Op::NotInSet) && !e->set_text.empty() &&
               e->index < 0) {
      e->index = Slot(e->set_text[0]);
      for (std::size_t k = 1; k < e->set_text.size(); ++k)
        Slot(e->set_text[k]);
    }
    for (ir::ExprPtr& arg : e->args)
      Expr(arg.get());
    Expr(e->filter.get());
    for (ir::MatchArm& arm : e->arms) {
      Expr(arm.condition.get());
      Expr(arm.value.get());
    }
    for (ir::Band& band : e->bands) {
      Expr(band.bound.get());
      Expr(band.value.get());
    }
  }

 private:
  std::int32_t Slot(const std::string& text) {
    policy_.text_constants.push_back(text);
    return static_cast<std::int32_t>(policy_.text_constants.size() - 1);
  }

  ir::Policy& policy_;
};

}  // namespace

void NumberTextConstants(ir::Policy& policy) {
  Numberer n(policy);
  for (ir::Let& let : policy.lets)
    n.Expr(let.value.get());
  for (ir::Table& table : policy.tables) {
    for (ir::TableRow& row : table.rows)
      n.Expr(row.value.get());
    n.Expr(table.fallback.get());
  }
  for (ir::Rule& rule : policy.rules)
    n.Expr(rule.condition.get());
  for (ir::Component& component : policy.components)
    n.Expr(component.value.get());
  for (ir::Tiers& tiers : policy.tiers) {
    n.Expr(tiers.when.get());
    n.Expr(tiers.group_by.get());
  }
  for (ir::Limit& limit : policy.limits) {
    n.Expr(limit.by.get());
    n.Expr(limit.where.get());
    n.Expr(limit.amount.get());
    n.Expr(limit.base_expr.get());
  }
  for (ir::Output& output : policy.outputs)
    n.Expr(output.value.get());
  for (ir::Rebalance& r : policy.rebalances) {
    n.Expr(r.trigger.get());
    n.Expr(r.target.get());
    n.Expr(r.release_above.get());
    for (ir::LiquidateKey& key : r.liquidate)
      n.Expr(key.key.get());
    n.Expr(r.cost.get());
    n.Expr(r.lot.get());
    n.Expr(r.min_move.get());
    n.Expr(r.max_moves.get());
  }
  for (ir::Function& function : policy.functions)
    n.Expr(function.body.get());
}

}  // namespace collat
