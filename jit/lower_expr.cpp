#include "jit/lower_expr.h"

#include <cstddef>

#include <llvm/IR/Intrinsics.h>

#include "jit/kernel_abi.h"

namespace collat::jit {

using runtime::Repr;
using runtime::ReprOf;

// ---- Join --------------------------------------------------------------------------------------

Join::Join(llvm::IRBuilder<>& builder, const char* name) : b_(builder) {
  llvm::Function* fn = builder.GetInsertBlock()->getParent();
  block_ = llvm::BasicBlock::Create(builder.getContext(), name, fn);
}

void Join::Add(const Lowered& v) {
  incoming_.emplace_back(b_.GetInsertBlock(), v);
  b_.CreateBr(block_);
}

Lowered Join::Finish() {
  b_.SetInsertPoint(block_);
  const auto n = static_cast<unsigned>(incoming_.size());
  llvm::PHINode* known = b_.CreatePHI(b_.getInt1Ty(), n);
  llvm::PHINode* number = b_.CreatePHI(b_.getDoubleTy(), n);
  llvm::PHINode* integer = b_.CreatePHI(b_.getInt64Ty(), n);
  llvm::PHINode* duration = b_.CreatePHI(b_.getInt64Ty(), n);
  for (const auto& [from, v] : incoming_) {
    known->addIncoming(v.known, from);
    number->addIncoming(v.number, from);
    integer->addIncoming(v.integer, from);
    duration->addIncoming(v.duration, from);
  }
  return {known, number, integer, duration};
}

// ---- loop-invariant loads ----------------------------------------------------------------------

ExprLowerer::ExprLowerer(const ir::Policy& policy, const KernelPlan& plan, llvm::Module& module,
                         llvm::IRBuilder<>& builder, llvm::Value* args, llvm::BasicBlock* entry)
    : policy_(policy),
      plan_(plan),
      module_(module),
      ctx_(module.getContext()),
      b_(builder),
      args_(args),
      entry_(entry) {}

namespace {

// A builder at the end of the entry block (before its branch into the loop).
llvm::IRBuilder<> EntryBuilder(llvm::BasicBlock* entry) {
  return llvm::IRBuilder<>(entry->getTerminator());
}

}  // namespace

llvm::Value* ExprLowerer::ArgPointer(std::size_t offset) {
  auto& slot = arg_loads_[offset];
  if (slot == nullptr) {
    llvm::IRBuilder<> e = EntryBuilder(entry_);
    slot = e.CreateLoad(e.getPtrTy(), e.CreateConstInBoundsGEP1_64(e.getInt8Ty(), args_, offset));
  }
  return slot;
}

llvm::Value* ExprLowerer::ArgInt64(std::size_t offset) {
  auto& slot = arg_loads_[offset];
  if (slot == nullptr) {
    llvm::IRBuilder<> e = EntryBuilder(entry_);
    slot = e.CreateLoad(e.getInt64Ty(), e.CreateConstInBoundsGEP1_64(e.getInt8Ty(), args_, offset));
  }
  return slot;
}

llvm::Value* ExprLowerer::ColumnPointer(std::size_t field, std::size_t member_offset) {
  auto& slot = column_loads_[{field, member_offset}];
  if (slot == nullptr) {
    llvm::Value* columns = ArgPointer(offsetof(KernelArgs, position_fields));
    llvm::IRBuilder<> e = EntryBuilder(entry_);
    llvm::Value* at = e.CreateConstInBoundsGEP1_64(e.getInt8Ty(), columns,
                                                   field * sizeof(KernelColumn) + member_offset);
    slot = e.CreateLoad(e.getPtrTy(), at);
  }
  return slot;
}

llvm::Value* ExprLowerer::InForce(std::size_t array_offset, std::size_t index) {
  auto& slot = in_force_loads_[{array_offset, index}];
  if (slot == nullptr) {
    llvm::Value* flags = ArgPointer(array_offset);
    llvm::IRBuilder<> e = EntryBuilder(entry_);
    llvm::Value* flag =
        e.CreateLoad(e.getInt8Ty(), e.CreateConstInBoundsGEP1_64(e.getInt8Ty(), flags, index));
    slot = e.CreateICmpNE(flag, e.getInt8(0));
  }
  return slot;
}

llvm::Value* ExprLowerer::TextCode(const std::string& text) {
  auto& slot = text_loads_[text];
  if (slot == nullptr) {
    const std::int32_t index = plan_.TextIndex(text);
    llvm::Value* codes = ArgPointer(offsetof(KernelArgs, text_codes));
    llvm::IRBuilder<> e = EntryBuilder(entry_);
    // A text the plan did not number cannot be bound: it equals no input text (kAbsent).
    slot = index < 0 ? static_cast<llvm::Value*>(e.getInt64(~std::uint64_t{0}))
                     : e.CreateLoad(e.getInt64Ty(),
                                    e.CreateConstInBoundsGEP1_64(
                                        e.getInt64Ty(), codes, static_cast<std::uint64_t>(index)));
  }
  return slot;
}

// ---- values ------------------------------------------------------------------------------------

Lowered ExprLowerer::Unknown() {
  return {b_.getFalse(), llvm::ConstantFP::get(b_.getDoubleTy(), 0.0), b_.getInt64(0),
          b_.getInt64(0)};
}

Lowered ExprLowerer::Number(llvm::Value* x, llvm::Value* known) {
  return {known, x, b_.getInt64(0), b_.getInt64(0)};
}

Lowered ExprLowerer::Integer(llvm::Value* x) {
  return {b_.getTrue(), llvm::ConstantFP::get(b_.getDoubleTy(), 0.0), x, b_.getInt64(0)};
}

llvm::Value* ExprLowerer::IsFinite(llvm::Value* x) {
  llvm::Value* magnitude = b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, x);
  return b_.CreateFCmpOLT(magnitude,
                          llvm::ConstantFP::getInfinity(b_.getDoubleTy(), /*Negative=*/false));
}

Lowered ExprLowerer::Checked(llvm::Value* x, llvm::Value* known) {
  return Number(x, b_.CreateAnd(known, IsFinite(x)));
}

llvm::Value* ExprLowerer::Truth(const Lowered& v) {
  return b_.CreateAnd(v.known, b_.CreateICmpNE(v.integer, b_.getInt64(0)));
}

Lowered ExprLowerer::ConstValue(const ir::Value& v) {
  if (!v.known) return Unknown();
  const std::uint64_t packed =
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(v.duration.months)) |
      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(v.duration.days)) << 32U);
  return {b_.getTrue(), llvm::ConstantFP::get(b_.getDoubleTy(), v.number),
          b_.getInt64(static_cast<std::uint64_t>(v.integer)), b_.getInt64(packed)};
}

Lowered ExprLowerer::Const(const ir::Expr& e) {
  if (e.type.kind == ir::TypeKind::Text && !e.type.is_set) return Integer(TextCode(e.text));
  return ConstValue(e.constant);
}

Lowered ExprLowerer::KernelValueAt(llvm::Value* address) {
  const auto member = [&](std::size_t offset) {
    return b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), address, offset);
  };
  llvm::Value* known = b_.CreateICmpNE(
      b_.CreateLoad(b_.getInt64Ty(), member(offsetof(KernelValue, known))), b_.getInt64(0));
  return {known, b_.CreateLoad(b_.getDoubleTy(), member(offsetof(KernelValue, number))),
          b_.CreateLoad(b_.getInt64Ty(), member(offsetof(KernelValue, integer))),
          b_.CreateLoad(b_.getInt64Ty(), member(offsetof(KernelValue, duration)))};
}

Lowered ExprLowerer::PositionField(const ir::Expr& e) {
  const auto field = static_cast<std::size_t>(e.index);
  const Repr repr = ReprOf(policy_.position_fields[field].type.kind);
  llvm::Value* known_flags = ColumnPointer(field, offsetof(KernelColumn, known));
  llvm::Value* known = b_.CreateICmpNE(
      b_.CreateLoad(b_.getInt8Ty(), b_.CreateInBoundsGEP(b_.getInt8Ty(), known_flags, position_)),
      b_.getInt8(0));
  Lowered v = Unknown();
  switch (repr) {
    case Repr::Number: {
      llvm::Value* column = ColumnPointer(field, offsetof(KernelColumn, numbers));
      v.number = b_.CreateLoad(b_.getDoubleTy(),
                               b_.CreateInBoundsGEP(b_.getDoubleTy(), column, position_));
      break;
    }
    case Repr::Integer: {
      llvm::Value* column = ColumnPointer(field, offsetof(KernelColumn, integers));
      v.integer =
          b_.CreateLoad(b_.getInt64Ty(), b_.CreateInBoundsGEP(b_.getInt64Ty(), column, position_));
      break;
    }
    case Repr::Duration: {
      // {months, days} as two i32 at [2i], [2i + 1]: one little-endian i64, packed as KernelValue.
      llvm::Value* column = ColumnPointer(field, offsetof(KernelColumn, durations));
      v.duration =
          b_.CreateLoad(b_.getInt64Ty(), b_.CreateInBoundsGEP(b_.getInt64Ty(), column, position_));
      break;
    }
    case Repr::None:
      return Unknown();
  }
  // An unknown value's slots are 0, as in the interpreter's Value::Unknown().
  v.known = known;
  return v;
}

llvm::FunctionCallee ExprLowerer::Builtin(const char* name, llvm::Type* result,
                                          std::vector<llvm::Type*> params) {
  llvm::FunctionType* type = llvm::FunctionType::get(result, params, false);
  llvm::FunctionCallee callee = module_.getOrInsertFunction(name, type);
  if (auto* fn = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
    fn->setDoesNotAccessMemory();
    fn->setDoesNotThrow();
    fn->setWillReturn();
  }
  return callee;
}

llvm::Value* ExprLowerer::CallIfKnown(llvm::FunctionCallee callee,
                                      std::vector<llvm::Value*> arguments, llvm::Value* known) {
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* call = llvm::BasicBlock::Create(ctx_, "builtin.call", fn);
  llvm::BasicBlock* done = llvm::BasicBlock::Create(ctx_, "builtin.done", fn);
  b_.CreateCondBr(known, call, done);
  b_.SetInsertPoint(call);
  llvm::Value* result = b_.CreateCall(callee, arguments);
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(result->getType(), 2);
  phi->addIncoming(result, call);
  phi->addIncoming(llvm::Constant::getNullValue(result->getType()), from);
  return phi;
}

void ExprLowerer::RecordArm(std::int32_t arm) {
  if (trace_base_ == nullptr || arm < 0) return;
  llvm::Value* length = b_.CreateLoad(b_.getInt32Ty(), trace_length_);
  // The plan bounds how many arms a component picks; stay inside the row regardless.
  const auto last = static_cast<std::uint32_t>(plan_.max_trace - 1);
  llvm::Value* at =
      b_.CreateSelect(b_.CreateICmpULT(length, b_.getInt32(last)), length, b_.getInt32(last));
  b_.CreateStore(b_.getInt32(static_cast<std::uint32_t>(arm)),
                 b_.CreateInBoundsGEP(b_.getInt32Ty(), trace_base_, at));
  b_.CreateStore(b_.CreateAdd(length, b_.getInt32(1)), trace_length_);
}

// ---- comparisons -------------------------------------------------------------------------------

llvm::Value* ExprLowerer::Same(const Lowered& a, const Lowered& b, Repr repr) {
  switch (repr) {
    case Repr::Number:
      return b_.CreateFCmpOEQ(a.number, b.number);
    case Repr::Integer:
      return b_.CreateICmpEQ(a.integer, b.integer);
    case Repr::Duration:
      return b_.CreateICmpEQ(a.duration, b.duration);
    case Repr::None:
      break;
  }
  return b_.getFalse();
}

llvm::Value* ExprLowerer::Less(const Lowered& a, const Lowered& b, Repr repr) {
  switch (repr) {
    case Repr::Number:
      return b_.CreateFCmpOLT(a.number, b.number);
    case Repr::Integer:
      return b_.CreateICmpSLT(a.integer, b.integer);
    case Repr::Duration:
    case Repr::None:
      break;
  }
  return b_.getFalse();
}

// ---- lets --------------------------------------------------------------------------------------

namespace {

// Whether evaluating `e` can pick a match arm (record a trace), through lets and tables. `lets`
// memoises the answer per let (-1: not known yet), so chains of lets cost linear time.
bool PicksArms(const ir::Policy& policy, const ir::Expr& e, std::vector<std::int8_t>& lets) {
  if (!e.arms.empty()) return true;
  const auto any = [&](const ir::Expr* x) { return x != nullptr && PicksArms(policy, *x, lets); };
  for (const ir::ExprPtr& arg : e.args)
    if (any(arg.get())) return true;
  if (any(e.filter.get())) return true;
  for (const ir::Band& band : e.bands)
    if (any(band.bound.get()) || any(band.value.get())) return true;
  if (e.op == ir::Op::Let) {
    const auto index = static_cast<std::size_t>(e.index);
    if (lets[index] < 0) lets[index] = any(policy.lets[index].value.get()) ? 1 : 0;
    return lets[index] == 1;
  }
  if (e.op == ir::Op::FnCall) {
    // Memoised after the lets: `lets` has a slot per let, then one per function.
    const std::size_t slot = policy.lets.size() + static_cast<std::size_t>(e.index);
    if (lets[slot] < 0) {
      lets[slot] = any(policy.functions[static_cast<std::size_t>(e.index)].body.get()) ? 1 : 0;
    }
    return lets[slot] == 1;
  }
  if (e.op == ir::Op::TableLookup) {
    const std::string& name = policy.tables[static_cast<std::size_t>(e.index)].name;
    for (const ir::Table& table : policy.tables) {
      if (table.name != name) continue;
      for (const ir::TableRow& row : table.rows)
        if (any(row.value.get())) return true;
      if (any(table.fallback.get())) return true;
    }
  }
  return false;
}

// The lets `e` reads, directly or through other lets, in `out` (an aggregate reads none here:
// it is unknown while positions are decided).
void LetsRead(const ir::Policy& policy, const ir::Expr* e, std::vector<bool>& out) {
  if (e == nullptr || e->op == ir::Op::Aggregate) return;
  if (e->op == ir::Op::Let) {
    const auto index = static_cast<std::size_t>(e->index);
    if (out[index]) return;
    out[index] = true;
    LetsRead(policy, policy.lets[index].value.get(), out);
  }
  if (e->op == ir::Op::FnCall) {
    // `out` has a slot per let, then one per function: a body is walked once.
    const std::size_t slot = policy.lets.size() + static_cast<std::size_t>(e->index);
    if (!out[slot]) {
      out[slot] = true;
      LetsRead(policy, policy.functions[static_cast<std::size_t>(e->index)].body.get(), out);
    }
  }
  for (const ir::ExprPtr& arg : e->args)
    LetsRead(policy, arg.get(), out);
  for (const ir::MatchArm& arm : e->arms) {
    LetsRead(policy, arm.condition.get(), out);
    LetsRead(policy, arm.value.get(), out);
  }
  for (const ir::Band& band : e->bands) {
    LetsRead(policy, band.bound.get(), out);
    LetsRead(policy, band.value.get(), out);
  }
  if (e->op == ir::Op::TableLookup) {
    const std::string& name = policy.tables[static_cast<std::size_t>(e->index)].name;
    for (const ir::Table& table : policy.tables) {
      if (table.name != name) continue;
      for (const ir::TableRow& row : table.rows)
        LetsRead(policy, row.value.get(), out);
      LetsRead(policy, table.fallback.get(), out);
    }
  }
}

// The lets `e` reads directly (not through other lets), in `out`; `seen` marks the function
// bodies already walked.
void DirectLets(const ir::Policy& policy, const ir::Expr* e, std::vector<std::size_t>& out,
                std::vector<bool>& seen) {
  if (e == nullptr || e->op == ir::Op::Aggregate) return;
  if (e->op == ir::Op::Let) {
    out.push_back(static_cast<std::size_t>(e->index));
    return;
  }
  if (e->op == ir::Op::FnCall && !seen[static_cast<std::size_t>(e->index)]) {
    seen[static_cast<std::size_t>(e->index)] = true;
    DirectLets(policy, policy.functions[static_cast<std::size_t>(e->index)].body.get(), out, seen);
  }
  for (const ir::ExprPtr& arg : e->args)
    DirectLets(policy, arg.get(), out, seen);
  for (const ir::MatchArm& arm : e->arms) {
    DirectLets(policy, arm.condition.get(), out, seen);
    DirectLets(policy, arm.value.get(), out, seen);
  }
  for (const ir::Band& band : e->bands) {
    DirectLets(policy, band.bound.get(), out, seen);
    DirectLets(policy, band.value.get(), out, seen);
  }
  if (e->op == ir::Op::TableLookup) {
    const std::string& name = policy.tables[static_cast<std::size_t>(e->index)].name;
    for (const ir::Table& table : policy.tables) {
      if (table.name != name) continue;
      for (const ir::TableRow& row : table.rows)
        DirectLets(policy, row.value.get(), out, seen);
      DirectLets(policy, table.fallback.get(), out, seen);
    }
  }
}

// The lets marked in `read`, each after the lets it reads (post-order), so that lowering them in
// this order finds every let a let reads already lowered, whatever the declaration order.
std::vector<std::size_t> LetOrder(const ir::Policy& policy, const std::vector<bool>& read) {
  std::vector<std::size_t> order;
  std::vector<std::int8_t> state(policy.lets.size(), 0);  // 0 new, 1 open, 2 done
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> stack;
  for (std::size_t root = 0; root < policy.lets.size(); ++root) {
    if (!read[root] || state[root] != 0) continue;
    state[root] = 1;
    stack.push_back({root, {}});
    std::vector<bool> seen(policy.functions.size(), false);
    DirectLets(policy, policy.lets[root].value.get(), stack.back().second, seen);
    while (!stack.empty()) {
      auto& [let, pending] = stack.back();
      if (pending.empty()) {
        state[let] = 2;
        order.push_back(let);
        stack.pop_back();
        continue;
      }
      const std::size_t next = pending.back();
      pending.pop_back();
      if (state[next] != 0) continue;  // done, or open (the checker rejects cycles)
      state[next] = 1;
      std::vector<std::size_t> reads;
      std::vector<bool> walked(policy.functions.size(), false);
      DirectLets(policy, policy.lets[next].value.get(), reads, walked);
      stack.push_back({next, std::move(reads)});
    }
  }
  return order;
}

}  // namespace

void ExprLowerer::PrecomputeLetsOf(const ir::Expr& e) {
  let_values_.clear();
  std::vector<bool> read(policy_.lets.size() + policy_.functions.size(), false);
  LetsRead(policy_, &e, read);
  LowerLets(read);
}

void ExprLowerer::LowerLets(const std::vector<bool>& read) {
  // Each let after the lets it reads (docs/language.md 16.5): a chain costs code linear in its
  // length, whatever the order the lets are declared in.
  std::vector<std::int8_t> picks(policy_.lets.size() + policy_.functions.size(), -1);
  for (const std::size_t l : LetOrder(policy_, read)) {
    if (PicksArms(policy_, *policy_.lets[l].value, picks)) continue;
    const Lowered v = Lower(*policy_.lets[l].value);
    let_values_.emplace(static_cast<std::int32_t>(l), v);
  }
}

void ExprLowerer::PrecomputeLets(bool rules) {
  let_values_.clear();
  std::vector<bool> read(policy_.lets.size() + policy_.functions.size(), false);
  for (const ir::Rule& rule : policy_.rules)
    if (rules) LetsRead(policy_, rule.condition.get(), read);
  for (const ir::Component& component : policy_.components)
    LetsRead(policy_, component.value.get(), read);
  for (const ir::Tiers& tiers : policy_.tiers) {
    LetsRead(policy_, tiers.when.get(), read);
    LetsRead(policy_, tiers.group_by.get(), read);
  }
  for (const ir::Limit& limit : policy_.limits) {
    LetsRead(policy_, limit.where.get(), read);
    LetsRead(policy_, limit.by.get(), read);
  }
  LowerLets(read);
}

// ---- expressions -------------------------------------------------------------------------------

Lowered ExprLowerer::Lower(const ir::Expr& e) {
  switch (e.op) {
    case ir::Op::Const:
      return Const(e);
    case ir::Op::PositionField:
      return PositionField(e);
    case ir::Op::AccountField: {
      llvm::Value* fields = ArgPointer(offsetof(KernelArgs, account_fields));
      const auto count = static_cast<std::uint64_t>(policy_.account_fields.size());
      llvm::Value* slot = b_.CreateAdd(b_.CreateMul(account_, b_.getInt64(count)),
                                       b_.getInt64(static_cast<std::uint64_t>(e.index)));
      llvm::Value* address = b_.CreateInBoundsGEP(
          b_.getInt8Ty(), fields, b_.CreateMul(slot, b_.getInt64(sizeof(KernelValue))));
      return KernelValueAt(address);
    }
    case ir::Op::MarketField: {
      // Loop-invariant: loaded once, in the entry block.
      llvm::Value* fields = ArgPointer(offsetof(KernelArgs, market_fields));
      llvm::IRBuilder<>::InsertPointGuard guard(b_);
      b_.SetInsertPoint(entry_->getTerminator());
      return KernelValueAt(b_.CreateConstInBoundsGEP1_64(
          b_.getInt8Ty(), fields, static_cast<std::uint64_t>(e.index) * sizeof(KernelValue)));
    }
    case ir::Op::ValuationDate:
      return Integer(ArgInt64(offsetof(KernelArgs, valuation_date)));
    case ir::Op::Let: {
      const auto known = let_values_.find(e.index);
      if (known != let_values_.end()) return known->second;
      return Lower(*policy_.lets[static_cast<std::size_t>(e.index)].value);
    }
    case ir::Op::FnCall: {
      // Inlined from the shared body: each argument is lowered where its parameter is read,
      // which the interpreter's by-need evaluation with replay matches to the bit.
      frames_.push_back({&e, current_frame_});
      current_frame_ = static_cast<std::int32_t>(frames_.size() - 1);
      const Lowered v = Lower(*policy_.functions[static_cast<std::size_t>(e.index)].body);
      current_frame_ = frames_.back().caller;
      frames_.pop_back();
      return v;
    }
    case ir::Op::Param: {
      const std::int32_t frame = current_frame_;
      const Frame& call = frames_[static_cast<std::size_t>(frame)];
      const ir::Expr& argument = *call.call->args[static_cast<std::size_t>(e.index)];
      current_frame_ = call.caller;
      const Lowered v = Lower(argument);
      current_frame_ = frame;
      return v;
    }
    case ir::Op::Neg: {
      const Lowered a = Lower(*e.args[0]);
      if (ReprOf(e.args[0]->type.kind) != Repr::Number) return Unknown();
      return Number(b_.CreateFNeg(a.number), a.known);
    }
    case ir::Op::Not: {
      const Lowered a = Lower(*e.args[0]);
      return {a.known, a.number,
              b_.CreateZExt(b_.CreateICmpEQ(a.integer, b_.getInt64(0)), b_.getInt64Ty()),
              a.duration};
    }
    case ir::Op::IsKnown:
    case ir::Op::IsUnknown: {
      const Lowered a = Lower(*e.args[0]);
      llvm::Value* holds = e.op == ir::Op::IsKnown ? a.known : b_.CreateNot(a.known);
      return Integer(b_.CreateZExt(holds, b_.getInt64Ty()));
    }
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
      return Arithmetic(e);
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
      return Comparison(e);
    case ir::Op::InSet:
    case ir::Op::NotInSet:
      return Membership(e);
    case ir::Op::And:
    case ir::Op::Or:
      return Logic(e);
    case ir::Op::Default:
      return Default(e);
    case ir::Op::If:
      return If(e);
    case ir::Op::Match:
      return Match(e);
    case ir::Op::Schedule:
      return Schedule(e);
    case ir::Op::Call:
      return Call(e);
    case ir::Op::TableLookup:
      return TableLookup(e);
    // Account-level reads: unknown while positions are decided (runtime/account_state.h Phase).
    case ir::Op::Aggregate:
    case ir::Op::Total:
    case ir::Op::PositionMeasure:
    case ir::Op::Output:
    case ir::Op::Breached:
      return Unknown();
  }
  return Unknown();
}

Lowered ExprLowerer::Arithmetic(const ir::Expr& e) {
  const Lowered a = Lower(*e.args[0]);
  const Lowered b = Lower(*e.args[1]);
  llvm::Value* both = b_.CreateAnd(a.known, b.known);
  using ir::TypeKind;
  const TypeKind ka = e.args[0]->type.kind;
  const TypeKind kb = e.args[1]->type.kind;
  llvm::FunctionCallee add_duration = Builtin("collat_add_duration", b_.getInt64Ty(),
                                              {b_.getInt64Ty(), b_.getInt64Ty(), b_.getInt32Ty()});
  const auto calendar = [&](llvm::Value* date, llvm::Value* duration, std::int32_t sign) {
    Lowered r = Integer(CallIfKnown(
        add_duration, {date, duration, b_.getInt32(static_cast<std::uint32_t>(sign))}, both));
    r.known = both;
    return r;
  };
  if (e.op == ir::Op::Add && ka == TypeKind::Date && kb == TypeKind::Duration) {
    return calendar(a.integer, b.duration, +1);
  }
  if (e.op == ir::Op::Add && ka == TypeKind::Duration && kb == TypeKind::Date) {
    return calendar(b.integer, a.duration, +1);
  }
  if (e.op == ir::Op::Sub && ka == TypeKind::Date && kb == TypeKind::Duration) {
    return calendar(a.integer, b.duration, -1);
  }
  if (ReprOf(ka) != Repr::Number || ReprOf(kb) != Repr::Number) return Unknown();
  switch (e.op) {
    case ir::Op::Add:
      return Checked(b_.CreateFAdd(a.number, b.number), both);
    case ir::Op::Sub:
      return Checked(b_.CreateFSub(a.number, b.number), both);
    case ir::Op::Mul:
      return Checked(b_.CreateFMul(a.number, b.number), both);
    default: {
      llvm::Value* nonzero =
          b_.CreateFCmpUNE(b.number, llvm::ConstantFP::get(b_.getDoubleTy(), 0.0));
      return Checked(b_.CreateFDiv(a.number, b.number), b_.CreateAnd(both, nonzero));
    }
  }
}

Lowered ExprLowerer::Comparison(const ir::Expr& e) {
  const Lowered a = Lower(*e.args[0]);
  const Lowered b = Lower(*e.args[1]);
  Repr repr = ReprOf(e.args[0]->type.kind);
  if (repr == Repr::None) repr = ReprOf(e.args[1]->type.kind);
  llvm::Value* holds = nullptr;
  switch (e.op) {
    case ir::Op::Eq:
      holds = Same(a, b, repr);
      break;
    case ir::Op::Ne:
      holds = b_.CreateNot(Same(a, b, repr));
      break;
    case ir::Op::Lt:
      holds = Less(a, b, repr);
      break;
    case ir::Op::Le:
      holds = b_.CreateOr(Less(a, b, repr), Same(a, b, repr));
      break;
    case ir::Op::Gt:
      holds = Less(b, a, repr);
      break;
    default:  // Ge
      holds = b_.CreateOr(Less(b, a, repr), Same(a, b, repr));
      break;
  }
  Lowered r = Integer(b_.CreateZExt(holds, b_.getInt64Ty()));
  r.known = b_.CreateAnd(a.known, b.known);
  return r;
}

Lowered ExprLowerer::Membership(const ir::Expr& e) {
  const Lowered a = Lower(*e.args[0]);
  const Repr repr = ReprOf(e.args[0]->type.kind);
  llvm::Value* found = b_.getFalse();
  for (const ir::Value& member : e.set)
    found = b_.CreateOr(found, Same(a, ConstValue(member), repr));
  for (const std::string& member : e.set_text)
    found = b_.CreateOr(found, b_.CreateICmpEQ(a.integer, TextCode(member)));
  if (e.op == ir::Op::NotInSet) found = b_.CreateNot(found);
  Lowered r = Integer(b_.CreateZExt(found, b_.getInt64Ty()));
  r.known = a.known;
  return r;
}

Lowered ExprLowerer::Logic(const ir::Expr& e) {
  // `and`: false wins, then unknown, then true. `or`: true wins, then unknown, then false.
  const bool decisive = e.op == ir::Op::Or;
  Join join(b_, decisive ? "or.done" : "and.done");
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  llvm::Value* unknown = b_.getFalse();
  const Lowered decided = Integer(b_.getInt64(decisive ? 1 : 0));
  for (const ir::ExprPtr& arg : e.args) {
    const Lowered v = Lower(*arg);
    llvm::Value* truth = b_.CreateICmpNE(v.integer, b_.getInt64(0));
    llvm::Value* wins = b_.CreateAnd(v.known, decisive ? truth : b_.CreateNot(truth));
    unknown = b_.CreateOr(unknown, b_.CreateNot(v.known));
    llvm::BasicBlock* next = llvm::BasicBlock::Create(ctx_, "logic.next", fn);
    llvm::BasicBlock* win = llvm::BasicBlock::Create(ctx_, "logic.win", fn);
    b_.CreateCondBr(wins, win, next);
    b_.SetInsertPoint(win);
    join.Add(decided);
    b_.SetInsertPoint(next);
  }
  Lowered rest = Integer(b_.getInt64(decisive ? 0 : 1));
  rest.known = b_.CreateNot(unknown);
  join.Add(rest);
  return join.Finish();
}

Lowered ExprLowerer::Default(const ir::Expr& e) {
  const Lowered a = Lower(*e.args[0]);
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  Join join(b_, "default.done");
  llvm::BasicBlock* left = llvm::BasicBlock::Create(ctx_, "default.left", fn);
  llvm::BasicBlock* right = llvm::BasicBlock::Create(ctx_, "default.right", fn);
  b_.CreateCondBr(a.known, left, right);
  b_.SetInsertPoint(left);
  join.Add(a);
  b_.SetInsertPoint(right);
  join.Add(Lower(*e.args[1]));
  return join.Finish();
}

Lowered ExprLowerer::If(const ir::Expr& e) {
  const Lowered c = Lower(*e.args[0]);
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  Join join(b_, "if.done");
  llvm::BasicBlock* known = llvm::BasicBlock::Create(ctx_, "if.known", fn);
  llvm::BasicBlock* unknown = llvm::BasicBlock::Create(ctx_, "if.unknown", fn);
  llvm::BasicBlock* then = llvm::BasicBlock::Create(ctx_, "if.then", fn);
  llvm::BasicBlock* otherwise = llvm::BasicBlock::Create(ctx_, "if.else", fn);
  b_.CreateCondBr(c.known, known, unknown);
  b_.SetInsertPoint(unknown);
  join.Add(Unknown());
  b_.SetInsertPoint(known);
  b_.CreateCondBr(b_.CreateICmpNE(c.integer, b_.getInt64(0)), then, otherwise);
  b_.SetInsertPoint(then);
  join.Add(Lower(*e.args[1]));
  b_.SetInsertPoint(otherwise);
  join.Add(Lower(*e.args[2]));
  return join.Finish();
}

Lowered ExprLowerer::Match(const ir::Expr& e) {
  if (e.arms.size() > kOutlineItems) return OutlinedMatch(e);
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  Join join(b_, "match.done");
  for (const ir::MatchArm& arm : e.arms) {
    if (arm.condition) {
      const Lowered c = Lower(*arm.condition);
      llvm::BasicBlock* known = llvm::BasicBlock::Create(ctx_, "arm.known", fn);
      llvm::BasicBlock* unknown = llvm::BasicBlock::Create(ctx_, "arm.unknown", fn);
      llvm::BasicBlock* taken = llvm::BasicBlock::Create(ctx_, "arm.taken", fn);
      llvm::BasicBlock* next = llvm::BasicBlock::Create(ctx_, "arm.next", fn);
      b_.CreateCondBr(c.known, known, unknown);
      b_.SetInsertPoint(unknown);
      join.Add(Unknown());
      b_.SetInsertPoint(known);
      b_.CreateCondBr(b_.CreateICmpNE(c.integer, b_.getInt64(0)), taken, next);
      b_.SetInsertPoint(taken);
      RecordArm(plan_.ArmId(arm));
      join.Add(Lower(*arm.value));
      b_.SetInsertPoint(next);
      continue;
    }
    RecordArm(plan_.ArmId(arm));
    join.Add(Lower(*arm.value));
    return join.Finish();
  }
  join.Add(Unknown());  // no arm holds
  return join.Finish();
}

Lowered ExprLowerer::Schedule(const ir::Expr& e) {
  if (e.bands.size() > kOutlineItems) return OutlinedSchedule(e);
  const Lowered subject = Lower(*e.args[0]);
  const Repr repr = ReprOf(e.args[0]->type.kind);
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  Join join(b_, "schedule.done");
  llvm::BasicBlock* known = llvm::BasicBlock::Create(ctx_, "schedule.known", fn);
  llvm::BasicBlock* unknown = llvm::BasicBlock::Create(ctx_, "schedule.unknown", fn);
  b_.CreateCondBr(subject.known, known, unknown);
  b_.SetInsertPoint(unknown);
  join.Add(Unknown());
  b_.SetInsertPoint(known);
  for (const ir::Band& band : e.bands) {
    if (band.op == ir::BandOp::Else) {
      join.Add(Lower(*band.value));
      return join.Finish();
    }
    const Lowered bound = Lower(*band.bound);
    llvm::BasicBlock* bound_known = llvm::BasicBlock::Create(ctx_, "band.known", fn);
    llvm::BasicBlock* bound_unknown = llvm::BasicBlock::Create(ctx_, "band.unknown", fn);
    llvm::BasicBlock* holds = llvm::BasicBlock::Create(ctx_, "band.holds", fn);
    llvm::BasicBlock* next = llvm::BasicBlock::Create(ctx_, "band.next", fn);
    b_.CreateCondBr(bound.known, bound_known, bound_unknown);
    b_.SetInsertPoint(bound_unknown);
    join.Add(Unknown());
    b_.SetInsertPoint(bound_known);
    llvm::Value* test = Less(subject, bound, repr);
    if (band.op == ir::BandOp::Le) test = b_.CreateOr(test, Same(subject, bound, repr));
    b_.CreateCondBr(test, holds, next);
    b_.SetInsertPoint(holds);
    join.Add(Lower(*band.value));
    b_.SetInsertPoint(next);
  }
  join.Add(Unknown());  // no band holds
  return join.Finish();
}

Lowered ExprLowerer::Call(const ir::Expr& e) {
  std::vector<Lowered> args;
  llvm::Value* all_known = b_.getTrue();
  for (const ir::ExprPtr& arg : e.args) {
    args.push_back(Lower(*arg));
    all_known = b_.CreateAnd(all_known, args.back().known);
  }
  llvm::Type* f64 = b_.getDoubleTy();
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* i32 = b_.getInt32Ty();
  const auto need = [&](std::size_t n) { return args.size() == n; };
  const auto known_number = [&](llvm::Value* x) { return Number(x, all_known); };
  const auto rounded = [&](const char* name, std::int32_t mode) {
    std::vector<llvm::Type*> params(args.size(), f64);
    params.push_back(i32);
    std::vector<llvm::Value*> values;
    for (const Lowered& a : args)
      values.push_back(a.number);
    values.push_back(b_.getInt32(static_cast<std::uint32_t>(mode)));
    return Checked(CallIfKnown(Builtin(name, f64, params), values, all_known), all_known);
  };
  switch (e.builtin) {
    case ir::Builtin::Min:
    case ir::Builtin::Max: {
      if (args.empty()) return Unknown();
      const Repr repr = ReprOf(e.args[0]->type.kind);
      Lowered best = args[0];
      for (std::size_t i = 1; i < args.size(); ++i) {  // ties keep the earlier argument
        llvm::Value* better =
            e.builtin == ir::Builtin::Min ? Less(args[i], best, repr) : Less(best, args[i], repr);
        best = {best.known, b_.CreateSelect(better, args[i].number, best.number),
                b_.CreateSelect(better, args[i].integer, best.integer),
                b_.CreateSelect(better, args[i].duration, best.duration)};
      }
      best.known = all_known;
      return best;
    }
    case ir::Builtin::Abs:
      if (!need(1)) break;
      return known_number(b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, args[0].number));
    case ir::Builtin::Floor:
      if (!need(1)) break;
      return known_number(b_.CreateUnaryIntrinsic(llvm::Intrinsic::floor, args[0].number));
    case ir::Builtin::Ceil:
      if (!need(1)) break;
      return known_number(b_.CreateUnaryIntrinsic(llvm::Intrinsic::ceil, args[0].number));
    case ir::Builtin::Sqrt: {
      if (!need(1)) break;
      llvm::Value* negative = b_.CreateFCmpOLT(args[0].number, llvm::ConstantFP::get(f64, 0.0));
      // sqrt of a negative is unknown; feed it 0 so the instruction never sees one.
      llvm::Value* operand =
          b_.CreateSelect(negative, llvm::ConstantFP::get(f64, 0.0), args[0].number);
      return Number(b_.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, operand),
                    b_.CreateAnd(all_known, b_.CreateNot(negative)));
    }
    case ir::Builtin::Round:
      if (!need(2)) break;
      return rounded("collat_round", 0);
    case ir::Builtin::RoundUp:
      if (!need(2)) break;
      return rounded("collat_round", 1);
    case ir::Builtin::RoundDown:
      if (!need(2)) break;
      return rounded("collat_round", 2);
    case ir::Builtin::YearsBetween:
      if (!need(2)) break;
      return known_number(CallIfKnown(Builtin("collat_years_between", f64, {i64, i64}),
                                      {args[0].integer, args[1].integer}, all_known));
    case ir::Builtin::DaysBetween:
      if (!need(2)) break;
      return known_number(CallIfKnown(Builtin("collat_days_between", f64, {i64, i64}),
                                      {args[0].integer, args[1].integer}, all_known));
    case ir::Builtin::TransferUp:
      if (!need(3)) break;
      return rounded("collat_transfer", 1);
    case ir::Builtin::TransferDown:
      if (!need(3)) break;
      return rounded("collat_transfer", 2);
  }
  return Unknown();  // wrong number of arguments
}

Lowered ExprLowerer::TableLookup(const ir::Expr& e) {
  const Lowered key = Lower(*e.args[0]);
  const ir::Table& named = policy_.tables[static_cast<std::size_t>(e.index)];
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  Join join(b_, "table.done");

  llvm::Value*& version = table_version_loads_[e.index];
  if (version == nullptr) {
    llvm::Value* versions = ArgPointer(offsetof(KernelArgs, table_version));
    llvm::IRBuilder<> entry = EntryBuilder(entry_);
    version = entry.CreateLoad(
        entry.getInt32Ty(), entry.CreateConstInBoundsGEP1_64(entry.getInt32Ty(), versions,
                                                             static_cast<std::uint64_t>(e.index)));
  }
  llvm::BasicBlock* known = llvm::BasicBlock::Create(ctx_, "table.known", fn);
  llvm::BasicBlock* unknown = llvm::BasicBlock::Create(ctx_, "table.unknown", fn);
  b_.CreateCondBr(key.known, known, unknown);
  b_.SetInsertPoint(unknown);
  join.Add(Unknown());
  b_.SetInsertPoint(known);
  llvm::BasicBlock* none = llvm::BasicBlock::Create(ctx_, "table.none", fn);  // not in force
  llvm::SwitchInst* pick = b_.CreateSwitch(version, none);
  for (std::size_t v = 0; v < policy_.tables.size(); ++v) {
    const ir::Table& table = policy_.tables[v];
    if (table.name != named.name) continue;
    llvm::BasicBlock* rows = llvm::BasicBlock::Create(ctx_, "table.version", fn);
    pick->addCase(b_.getInt32(static_cast<std::uint32_t>(v)), rows);
    b_.SetInsertPoint(rows);
    const Repr repr = ReprOf(table.key_type.kind);
    for (const ir::TableRow& row : table.rows) {
      llvm::Value* hit = table.key_type.kind == ir::TypeKind::Text
                             ? b_.CreateICmpEQ(key.integer, TextCode(row.key_text))
                             : Same(key, ConstValue(row.key), repr);
      llvm::BasicBlock* found = llvm::BasicBlock::Create(ctx_, "row.hit", fn);
      llvm::BasicBlock* next = llvm::BasicBlock::Create(ctx_, "row.next", fn);
      b_.CreateCondBr(hit, found, next);
      b_.SetInsertPoint(found);
      join.Add(Lower(*row.value));
      b_.SetInsertPoint(next);
    }
    join.Add(table.fallback ? Lower(*table.fallback) : Unknown());
  }
  b_.SetInsertPoint(none);
  join.Add(Unknown());
  return join.Finish();
}

}  // namespace collat::jit
