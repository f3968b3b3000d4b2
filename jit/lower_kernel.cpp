// The kernel loop (lower.h): for each position of the range, the rules, the eligibility decision,
// the components and the tiers/limit parts, in the order runtime/position_step.cpp evaluates them.
// Outlined rules (over 64) run before the loop and outlined parts after it, each function over
// the whole range, so a large policy's code is read once per range, not once per position.
#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include <llvm/IR/Constants.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/IRBuilder.h>

#include "jit/kernel_abi.h"
#include "jit/lower.h"
#include "jit/lower_expr.h"

namespace collat::jit {
namespace {

class KernelBuilder {
 public:
  KernelBuilder(const ir::Policy& policy, const KernelPlan& plan, llvm::Module& module)
      : policy_(policy), plan_(plan), module_(module), ctx_(module.getContext()), b_(ctx_) {}

  void Build() {
    llvm::Type* ptr = b_.getPtrTy();
    llvm::Type* i64 = b_.getInt64Ty();
    llvm::FunctionType* type = llvm::FunctionType::get(b_.getVoidTy(), {ptr, i64, i64}, false);
    fn_ = llvm::Function::Create(type, llvm::Function::ExternalLinkage, kKernelSymbol, module_);
    fn_->addFnAttr(llvm::Attribute::NoUnwind);
    fn_->addParamAttr(0, llvm::Attribute::NoAlias);
    fn_->addParamAttr(0, llvm::Attribute::ReadOnly);
    llvm::Value* args = fn_->getArg(0);
    args_ = args;
    llvm::Value* begin = fn_->getArg(1);
    llvm::Value* end = fn_->getArg(2);

    llvm::BasicBlock* entry = llvm::BasicBlock::Create(ctx_, "entry", fn_);
    llvm::BasicBlock* head = llvm::BasicBlock::Create(ctx_, "loop.head", fn_);
    llvm::BasicBlock* body = llvm::BasicBlock::Create(ctx_, "loop.body", fn_);
    latch_ = llvm::BasicBlock::Create(ctx_, "loop.latch", fn_);
    llvm::BasicBlock* exit = llvm::BasicBlock::Create(ctx_, "exit", fn_);
    b_.SetInsertPoint(entry);
    trace_length_ = b_.CreateAlloca(b_.getInt32Ty(), nullptr, "trace.length");
    if (Outlined()) RulesOverRange(begin, end);
    b_.CreateBr(head);

    lower_ = std::make_unique<ExprLowerer>(policy_, plan_, module_, b_, args, entry);

    b_.SetInsertPoint(head);
    llvm::PHINode* i = b_.CreatePHI(i64, 2, "i");
    i->addIncoming(begin, entry);
    b_.CreateCondBr(b_.CreateICmpULT(i, end), body, exit);

    b_.SetInsertPoint(latch_);
    i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), latch_);
    b_.CreateBr(head);

    b_.SetInsertPoint(exit);
    PartsOverRange(/*tiers=*/true, begin, end);
    PartsOverRange(/*tiers=*/false, begin, end);
    b_.CreateRetVoid();

    b_.SetInsertPoint(body);
    i_ = i;
    Position();
  }

 private:
  llvm::Value* Out(std::size_t offset) { return lower_->ArgPointer(offset); }

  // Stores `value` (of `type`) at out[i * count + k].
  void StoreAt(std::size_t offset, llvm::Type* type, std::size_t count, std::size_t k,
               llvm::Value* value) {
    llvm::Value* index = b_.CreateAdd(b_.CreateMul(i_, b_.getInt64(count)), b_.getInt64(k));
    b_.CreateStore(value, b_.CreateInBoundsGEP(type, Out(offset), index));
  }

  void StoreStatus(KernelStatus status) { StoreStatus(b_.getInt8(status)); }
  void StoreStatus(llvm::Value* status) {
    b_.CreateStore(status,
                   b_.CreateInBoundsGEP(b_.getInt8Ty(), Out(offsetof(KernelArgs, status)), i_));
  }

  llvm::BasicBlock* Block(const char* name) { return llvm::BasicBlock::Create(ctx_, name, fn_); }

  void Position() {
    // Step 1: a position the input rejected is skipped.
    llvm::Value* valid = b_.CreateLoad(
        b_.getInt8Ty(),
        b_.CreateInBoundsGEP(b_.getInt8Ty(), Out(offsetof(KernelArgs, position_valid)), i_));
    llvm::BasicBlock* skip = Block("skip");
    llvm::BasicBlock* decide = Block("decide");
    b_.CreateCondBr(b_.CreateICmpEQ(valid, b_.getInt8(0)), skip, decide);
    b_.SetInsertPoint(skip);
    StoreStatus(kStatusSkipped);
    b_.CreateBr(latch_);

    b_.SetInsertPoint(decide);
    llvm::Value* account = b_.CreateSExt(
        b_.CreateLoad(
            b_.getInt32Ty(),
            b_.CreateInBoundsGEP(b_.getInt32Ty(), Out(offsetof(KernelArgs, position_account)), i_)),
        b_.getInt64Ty());
    lower_->SetPosition(i_, account);
    account_ = account;
    lower_->SetTrace(nullptr, nullptr);
    lower_->PrecomputeLets(/*rules=*/!Outlined());

    llvm::Value* status = Eligibility();
    llvm::BasicBlock* eligible = Block("eligible");
    llvm::BasicBlock* decided = Block("decided");
    b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt8(kStatusEligible)), eligible, decided);
    b_.SetInsertPoint(decided);
    StoreStatus(status);
    b_.CreateBr(latch_);

    b_.SetInsertPoint(eligible);
    llvm::Value* unknown = Components();
    unknown = b_.CreateOr(unknown, Parts(/*tiers=*/true));
    unknown = b_.CreateOr(unknown, Parts(/*tiers=*/false));
    StoreStatus(b_.CreateSelect(unknown, b_.getInt8(kStatusUnknown), b_.getInt8(kStatusEligible)));
    b_.CreateBr(latch_);
  }

  // Runs `lower` when the declaration's version is in force; the join block continues with the
  // phi of its result (or of `off` when not in force).
  template <typename Fn>
  llvm::Value* WhenInForce(std::size_t flags_offset, std::size_t index, llvm::Value* off,
                           Fn lower) {
    llvm::BasicBlock* on = Block("in_force");
    llvm::BasicBlock* join = Block("in_force.join");
    llvm::BasicBlock* from = b_.GetInsertBlock();
    b_.CreateCondBr(lower_->InForce(flags_offset, index), on, join);
    b_.SetInsertPoint(on);
    llvm::Value* value = lower();
    llvm::BasicBlock* on_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* phi = b_.CreatePHI(value->getType(), 2);
    phi->addIncoming(value, on_end);
    phi->addIncoming(off, from);
    return phi;
  }

  // The RuleState (i8) of `rule` evaluated by `lower` at `b`'s insert point.
  static llvm::Value* RuleState(ExprLowerer& lower, llvm::IRBuilder<>& b, const ir::Rule& rule) {
    const Lowered v = lower.Lower(*rule.condition);
    llvm::Value* truth = lower.Truth(v);
    return b.CreateSelect(v.known,
                          b.CreateSelect(truth, b.getInt8(kRuleTrue), b.getInt8(kRuleFalse)),
                          b.getInt8(kRuleUnknown));
  }

  // Policies with many rules get their rules in functions of kOutlineRules rules each: the
  // optimiser's cost grows faster than linearly with a function's size (a thousand inlined rules
  // take seconds at -O2), and LLVM's cost per function (some milliseconds at -O2) makes a function
  // per rule slow too.
  bool Outlined() const { return policy_.rules.size() > kOutlineRules; }
  static constexpr std::size_t kOutlineRules = 64;

  // Rules [lo, hi) in their own function, void (ptr args, i64 begin, i64 end), not inlined: for
  // each valid position of [begin, end), stores each rule's RuleState (kRuleFalse when not in
  // force). The kernel calls each such function once for its whole range before deciding the
  // positions, so the machine code of 50,000 rules is read once per range, not once per position
  // (position by position, it no longer fit in the cache).
  llvm::Function* RulesFunction(std::size_t lo, std::size_t hi) {
    llvm::Type* i64 = b_.getInt64Ty();
    llvm::FunctionType* type =
        llvm::FunctionType::get(b_.getVoidTy(), {b_.getPtrTy(), i64, i64}, false);
    llvm::Function* fn = llvm::Function::Create(type, llvm::Function::InternalLinkage,
                                                "collat.rules." + std::to_string(lo), module_);
    fn->addFnAttr(llvm::Attribute::NoInline);
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    llvm::IRBuilder<> b(ctx_);
    llvm::BasicBlock* entry = llvm::BasicBlock::Create(ctx_, "entry", fn);
    llvm::BasicBlock* head = llvm::BasicBlock::Create(ctx_, "loop.head", fn);
    llvm::BasicBlock* check = llvm::BasicBlock::Create(ctx_, "loop.valid", fn);
    llvm::BasicBlock* body = llvm::BasicBlock::Create(ctx_, "body", fn);
    llvm::BasicBlock* latch = llvm::BasicBlock::Create(ctx_, "loop.latch", fn);
    llvm::BasicBlock* exit = llvm::BasicBlock::Create(ctx_, "exit", fn);
    b.SetInsertPoint(entry);
    b.CreateBr(head);
    ExprLowerer lower(policy_, plan_, module_, b, fn->getArg(0), entry);
    b.SetInsertPoint(head);
    llvm::PHINode* i = b.CreatePHI(i64, 2, "i");
    i->addIncoming(fn->getArg(1), entry);
    b.CreateCondBr(b.CreateICmpULT(i, fn->getArg(2)), check, exit);
    b.SetInsertPoint(latch);
    i->addIncoming(b.CreateAdd(i, b.getInt64(1)), latch);
    b.CreateBr(head);
    b.SetInsertPoint(exit);
    b.CreateRetVoid();

    // A position the input rejected is skipped (its status is kStatusSkipped, no rule state).
    b.SetInsertPoint(check);
    llvm::Value* valid =
        b.CreateLoad(b.getInt8Ty(),
                     b.CreateInBoundsGEP(
                         b.getInt8Ty(), lower.ArgPointer(offsetof(KernelArgs, position_valid)), i));
    b.CreateCondBr(b.CreateICmpEQ(valid, b.getInt8(0)), latch, body);
    b.SetInsertPoint(body);
    llvm::Value* account = b.CreateSExt(
        b.CreateLoad(
            b.getInt32Ty(),
            b.CreateInBoundsGEP(b.getInt32Ty(),
                                lower.ArgPointer(offsetof(KernelArgs, position_account)), i)),
        i64);
    lower.SetPosition(i, account);
    llvm::Value* row = b.CreateMul(i, b.getInt64(policy_.rules.size()));
    llvm::Value* states = lower.ArgPointer(offsetof(KernelArgs, rule_state));
    for (std::size_t r = lo; r < hi; ++r) {
      llvm::BasicBlock* on = llvm::BasicBlock::Create(ctx_, "in_force", fn);
      llvm::BasicBlock* store = llvm::BasicBlock::Create(ctx_, "store", fn);
      llvm::BasicBlock* from = b.GetInsertBlock();
      b.CreateCondBr(lower.InForce(offsetof(KernelArgs, rule_in_force), r), on, store);
      b.SetInsertPoint(on);
      lower.PrecomputeLetsOf(*policy_.rules[r].condition);  // this rule's lets, once (16.5)
      llvm::Value* state = RuleState(lower, b, policy_.rules[r]);
      llvm::BasicBlock* on_end = b.GetInsertBlock();
      b.CreateBr(store);
      b.SetInsertPoint(store);
      llvm::PHINode* stored = b.CreatePHI(b.getInt8Ty(), 2);
      stored->addIncoming(state, on_end);
      stored->addIncoming(b.getInt8(kRuleFalse), from);
      llvm::Value* index = b.CreateAdd(row, b.getInt64(r));
      b.CreateStore(stored, b.CreateInBoundsGEP(b.getInt8Ty(), states, index));
    }
    b.CreateBr(latch);
    return fn;
  }

  // Outlined rules: every rule function over the kernel's whole range, before the position loop.
  void RulesOverRange(llvm::Value* begin, llvm::Value* end) {
    const std::size_t rules = policy_.rules.size();
    for (std::size_t lo = 0; lo < rules; lo += kOutlineRules)
      b_.CreateCall(RulesFunction(lo, std::min(rules, lo + kOutlineRules)), {args_, begin, end});
  }

  // Every rule in force, in written order; returns the KernelStatus (i8) of section 7's decision.
  llvm::Value* Eligibility() {
    const std::size_t rules = policy_.rules.size();
    llvm::Value* accept_true = b_.getFalse();
    llvm::Value* accept_unknown = b_.getFalse();
    llvm::Value* reject_true = b_.getFalse();
    llvm::Value* reject_unknown = b_.getFalse();
    if (Outlined()) return Decision(AccumulateStoredStates());  // states: RulesOverRange
    for (std::size_t r = 0; r < rules; ++r) {
      const ir::Rule& rule = policy_.rules[r];
      llvm::Value* state =
          WhenInForce(offsetof(KernelArgs, rule_in_force), r, b_.getInt8(kRuleFalse),
                      [&] { return RuleState(*lower_, b_, rule); });
      StoreAt(offsetof(KernelArgs, rule_state), b_.getInt8Ty(), rules, r, state);
      llvm::Value* is_true = b_.CreateICmpEQ(state, b_.getInt8(kRuleTrue));
      llvm::Value* is_unknown = b_.CreateICmpEQ(state, b_.getInt8(kRuleUnknown));
      if (rule.verb == ir::Verb::Accept) {
        accept_true = b_.CreateOr(accept_true, is_true);
        accept_unknown = b_.CreateOr(accept_unknown, is_unknown);
      } else {
        reject_true = b_.CreateOr(reject_true, is_true);
        reject_unknown = b_.CreateOr(reject_unknown, is_unknown);
      }
    }
    return Decision({accept_true, accept_unknown, reject_true, reject_unknown});
  }

  struct Outcomes {
    llvm::Value* accept_true;
    llvm::Value* accept_unknown;
    llvm::Value* reject_true;
    llvm::Value* reject_unknown;
  };

  // The outcomes of the position's stored rule states (outlined rules): a loop over the row, with
  // each rule's verb from a constant table, so the kernel's size does not grow with the rules.
  Outcomes AccumulateStoredStates() {
    const std::size_t rules = policy_.rules.size();
    std::vector<std::uint8_t> verbs;
    for (const ir::Rule& rule : policy_.rules)
      verbs.push_back(rule.verb == ir::Verb::Accept ? 1 : 0);
    llvm::Constant* table_init = llvm::ConstantDataArray::get(ctx_, verbs);
    auto* table = new llvm::GlobalVariable(module_, table_init->getType(), /*isConstant=*/true,
                                           llvm::GlobalValue::PrivateLinkage, table_init,
                                           "collat.rule_verbs");
    llvm::Value* row = b_.CreateMul(i_, b_.getInt64(rules));
    llvm::Value* states = Out(offsetof(KernelArgs, rule_state));
    llvm::BasicBlock* from = b_.GetInsertBlock();
    llvm::BasicBlock* head = Block("rules.head");
    llvm::BasicBlock* body = Block("rules.body");
    llvm::BasicBlock* done = Block("rules.done");
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    llvm::PHINode* r = b_.CreatePHI(b_.getInt64Ty(), 2);
    std::array<llvm::PHINode*, 4> flags{};
    for (llvm::PHINode*& flag : flags) {
      flag = b_.CreatePHI(b_.getInt1Ty(), 2);
      flag->addIncoming(b_.getFalse(), from);
    }
    r->addIncoming(b_.getInt64(0), from);
    b_.CreateCondBr(b_.CreateICmpULT(r, b_.getInt64(rules)), body, done);
    b_.SetInsertPoint(body);
    llvm::Value* state = b_.CreateLoad(
        b_.getInt8Ty(), b_.CreateInBoundsGEP(b_.getInt8Ty(), states, b_.CreateAdd(row, r)));
    llvm::Value* accept = b_.CreateICmpNE(
        b_.CreateLoad(b_.getInt8Ty(), b_.CreateInBoundsGEP(b_.getInt8Ty(), table, r)),
        b_.getInt8(0));
    llvm::Value* is_true = b_.CreateICmpEQ(state, b_.getInt8(kRuleTrue));
    llvm::Value* is_unknown = b_.CreateICmpEQ(state, b_.getInt8(kRuleUnknown));
    llvm::Value* reject = b_.CreateNot(accept);
    const std::array<llvm::Value*, 4> next = {
        b_.CreateOr(flags[0], b_.CreateAnd(accept, is_true)),
        b_.CreateOr(flags[1], b_.CreateAnd(accept, is_unknown)),
        b_.CreateOr(flags[2], b_.CreateAnd(reject, is_true)),
        b_.CreateOr(flags[3], b_.CreateAnd(reject, is_unknown))};
    for (std::size_t k = 0; k < flags.size(); ++k)
      flags[k]->addIncoming(next[k], body);
    r->addIncoming(b_.CreateAdd(r, b_.getInt64(1)), body);
    b_.CreateBr(head);
    b_.SetInsertPoint(done);
    return {flags[0], flags[1], flags[2], flags[3]};
  }

  // Section 7's decision as a KernelStatus (i8).
  llvm::Value* Decision(const Outcomes& o) {
    llvm::Value* accept_true = o.accept_true;
    llvm::Value* accept_unknown = o.accept_unknown;
    llvm::Value* reject_true = o.reject_true;
    llvm::Value* reject_unknown = o.reject_unknown;
    // A holding reject vetoes; else an accept holding with no reject unknown is eligible; else
    // nothing holding and nothing unknown is ineligible; else unknown.
    llvm::Value* none = b_.CreateAnd(b_.CreateNot(accept_true), b_.CreateNot(accept_unknown));
    llvm::Value* status =
        b_.CreateSelect(none, b_.getInt8(kStatusIneligible), b_.getInt8(kStatusUnknown));
    status = b_.CreateSelect(b_.CreateAnd(accept_true, b_.CreateNot(reject_unknown)),
                             b_.getInt8(kStatusEligible), status);
    return b_.CreateSelect(reject_true, b_.getInt8(kStatusIneligible), status);
  }

  // Every component in force; returns whether one is unknown or out of range (i1).
  llvm::Value* Components() {
    const std::size_t count = policy_.components.size();
    llvm::Value* unknown = b_.getFalse();
    for (std::size_t c = 0; c < count; ++c) {
      const ir::Component& component = policy_.components[c];
      llvm::Value* bad =
          WhenInForce(offsetof(KernelArgs, component_in_force), c, b_.getFalse(), [&] {
            llvm::Value* slot = b_.CreateAdd(b_.CreateMul(i_, b_.getInt64(count)), b_.getInt64(c));
            llvm::Value* row = b_.CreateMul(slot, b_.getInt64(plan_.max_trace));
            llvm::Value* trace =
                b_.CreateInBoundsGEP(b_.getInt32Ty(), Out(offsetof(KernelArgs, trace)), row);
            b_.CreateStore(b_.getInt32(0), trace_length_);
            lower_->SetTrace(trace, trace_length_);
            const Lowered v = lower_->Lower(*component.value);
            lower_->SetTrace(nullptr, nullptr);
            llvm::Value* zero = llvm::ConstantFP::get(b_.getDoubleTy(), 0.0);
            llvm::Value* one = llvm::ConstantFP::get(b_.getDoubleTy(), 1.0);
            llvm::Value* in_range = component.kind == ir::ComponentKind::Haircut
                                        ? b_.CreateAnd(b_.CreateFCmpOGE(v.number, zero),
                                                       b_.CreateFCmpOLE(v.number, one))
                                        : b_.CreateFCmpOGE(v.number, one);
            llvm::Value* good = b_.CreateAnd(v.known, in_range);
            StoreAt(offsetof(KernelArgs, component_value), b_.getDoubleTy(), count, c,
                    b_.CreateSelect(v.known, v.number, zero));
            StoreAt(offsetof(KernelArgs, component_known), b_.getInt8Ty(), count, c,
                    b_.CreateZExt(good, b_.getInt8Ty()));
            StoreAt(offsetof(KernelArgs, trace_length), b_.getInt8Ty(), count, c,
                    b_.CreateTrunc(b_.CreateLoad(b_.getInt32Ty(), trace_length_), b_.getInt8Ty()));
            return b_.CreateNot(good);
          });
      unknown = b_.CreateOr(unknown, bad);
    }
    return unknown;
  }

  // The position-level parts of every tiers (or limit) declaration in force: filter, key and the
  // quantity a quantity measure needs (runtime/position_step.cpp Part). Returns whether one is
  // unknown (i1). Beyond kOutlineParts declarations, runs of kOutlineParts go into functions of
  // their own (PartsFunction), for the reason rules do.
  llvm::Value* Parts(bool tiers) {
    const std::size_t count = tiers ? policy_.tiers.size() : policy_.limits.size();
    if (count <= kOutlineParts) return PartsRange(tiers, 0, count);
    return b_.getFalse();  // PartsOverRange, after the position loop
  }

  // Outlined parts (over kOutlineParts declarations): after the position loop, each function of
  // kOutlineParts declarations runs over the kernel's whole range, so the code of 50,000 limits
  // is read once per range, not once per position; a position whose part is unknown turns
  // from kStatusEligible to kStatusUnknown.
  void PartsOverRange(bool tiers, llvm::Value* begin, llvm::Value* end) {
    const std::size_t count = tiers ? policy_.tiers.size() : policy_.limits.size();
    if (count <= kOutlineParts) return;
    for (std::size_t lo = 0; lo < count; lo += kOutlineParts) {
      llvm::Function* fn = PartsFunction(tiers, lo, std::min(count, lo + kOutlineParts));
      b_.CreateCall(fn, {args_, begin, end});
    }
  }
  static constexpr std::size_t kOutlineParts = 64;

  llvm::Value* PartsRange(bool tiers, std::size_t lo, std::size_t hi) {
    const std::size_t count = tiers ? policy_.tiers.size() : policy_.limits.size();
    const std::size_t flags =
        tiers ? offsetof(KernelArgs, tiers_in_force) : offsetof(KernelArgs, limit_in_force);
    const std::size_t members =
        tiers ? offsetof(KernelArgs, tier_member) : offsetof(KernelArgs, limit_member);
    const std::size_t keys =
        tiers ? offsetof(KernelArgs, tier_key) : offsetof(KernelArgs, limit_key);
    llvm::Value* unknown = b_.getFalse();
    for (std::size_t d = lo; d < hi; ++d) {
      const ir::Expr* filter = tiers ? policy_.tiers[d].when.get() : policy_.limits[d].where.get();
      const ir::Expr* key = tiers ? policy_.tiers[d].group_by.get() : policy_.limits[d].by.get();
      const bool needs_quantity = tiers ? policy_.tiers[d].measure == ir::TierMeasure::Quantity
                                        : policy_.limits[d].on == ir::LimitOn::Quantity;
      // Encoded as i8: bit 0 = member, bit 1 = unknown.
      llvm::Value* outcome = WhenInForce(flags, d, b_.getInt8(0), [&] {
        return Part(filter, key, needs_quantity, keys, count, d);
      });
      StoreAt(members, b_.getInt8Ty(), count, d, b_.CreateAnd(outcome, b_.getInt8(1)));
      unknown = b_.CreateOr(unknown,
                            b_.CreateICmpNE(b_.CreateAnd(outcome, b_.getInt8(2)), b_.getInt8(0)));
    }
    return unknown;
  }

  // PartsRange(tiers, lo, hi) for each position of [begin, end) still kStatusEligible, as
  // void (ptr args, i64 begin, i64 end), not inlined; marks kStatusUnknown a position with an
  // unknown part. Built with this builder, which lowers into the new function while the kernel's
  // state is set aside.
  llvm::Function* PartsFunction(bool tiers, std::size_t lo, std::size_t hi) {
    llvm::Type* i64 = b_.getInt64Ty();
    llvm::FunctionType* type =
        llvm::FunctionType::get(b_.getVoidTy(), {b_.getPtrTy(), i64, i64}, false);
    llvm::Function* fn = llvm::Function::Create(type, llvm::Function::InternalLinkage,
                                                tiers ? "collat.tiers" : "collat.limits", module_);
    fn->addFnAttr(llvm::Attribute::NoInline);
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    const llvm::IRBuilderBase::InsertPointGuard guard(b_);
    std::unique_ptr<ExprLowerer> kernel_lower = std::move(lower_);
    llvm::Function* kernel_fn = std::exchange(fn_, fn);
    llvm::Value* kernel_i = i_;
    llvm::Value* kernel_account = account_;
    llvm::BasicBlock* entry = Block("entry");
    llvm::BasicBlock* head = Block("loop.head");
    llvm::BasicBlock* check = Block("loop.eligible");
    llvm::BasicBlock* body = Block("body");
    llvm::BasicBlock* mark = Block("mark.unknown");
    llvm::BasicBlock* latch = Block("loop.latch");
    llvm::BasicBlock* exit = Block("exit");
    b_.SetInsertPoint(entry);
    b_.CreateBr(head);
    lower_ = std::make_unique<ExprLowerer>(policy_, plan_, module_, b_, fn->getArg(0), entry);
    b_.SetInsertPoint(head);
    llvm::PHINode* i = b_.CreatePHI(i64, 2, "i");
    i->addIncoming(fn->getArg(1), entry);
    b_.CreateCondBr(b_.CreateICmpULT(i, fn->getArg(2)), check, exit);
    b_.SetInsertPoint(latch);
    i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), latch);
    b_.CreateBr(head);
    b_.SetInsertPoint(exit);
    b_.CreateRetVoid();

    i_ = i;
    b_.SetInsertPoint(check);
    llvm::Value* status =
        b_.CreateLoad(b_.getInt8Ty(),
                      b_.CreateInBoundsGEP(b_.getInt8Ty(), Out(offsetof(KernelArgs, status)), i_));
    b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt8(kStatusEligible)), body, latch);
    b_.SetInsertPoint(body);
    account_ = b_.CreateSExt(
        b_.CreateLoad(
            b_.getInt32Ty(),
            b_.CreateInBoundsGEP(b_.getInt32Ty(), Out(offsetof(KernelArgs, position_account)), i_)),
        i64);
    lower_->SetPosition(i_, account_);
    b_.CreateCondBr(PartsRange(tiers, lo, hi), mark, latch);
    b_.SetInsertPoint(mark);
    StoreStatus(kStatusUnknown);
    b_.CreateBr(latch);

    lower_ = std::move(kernel_lower);
    fn_ = kernel_fn;
    i_ = kernel_i;
    account_ = kernel_account;
    return fn;
  }

  llvm::Value* Part(const ir::Expr* filter, const ir::Expr* key, bool needs_quantity,
                    std::size_t keys, std::size_t count, std::size_t d) {
    llvm::BasicBlock* done = Block("part.done");
    std::vector<std::pair<llvm::BasicBlock*, llvm::Value*>> outcomes;
    const auto finish = [&](std::uint8_t outcome) {
      outcomes.emplace_back(b_.GetInsertBlock(), b_.getInt8(outcome));
      b_.CreateBr(done);
    };
    const auto branch = [&](llvm::Value* condition, std::uint8_t outcome) {
      llvm::BasicBlock* stop = Block("part.stop");
      llvm::BasicBlock* go = Block("part.go");
      b_.CreateCondBr(condition, stop, go);
      b_.SetInsertPoint(stop);
      finish(outcome);
      b_.SetInsertPoint(go);
    };
    if (filter != nullptr) {
      const Lowered keep = lower_->Lower(*filter);
      branch(b_.CreateNot(keep.known), 2);
      branch(b_.CreateICmpEQ(keep.integer, b_.getInt64(0)), 0);  // not a member
    }
    if (key != nullptr) {
      const Lowered k = lower_->Lower(*key);
      branch(b_.CreateNot(k.known), 2);
      llvm::Value* index = b_.CreateAdd(b_.CreateMul(i_, b_.getInt64(count)), b_.getInt64(d));
      llvm::Value* at = b_.CreateInBoundsGEP(b_.getInt8Ty(), Out(keys),
                                             b_.CreateMul(index, b_.getInt64(sizeof(KernelValue))));
      const auto member = [&](std::size_t offset) {
        return b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), at, offset);
      };
      b_.CreateStore(k.number, member(offsetof(KernelValue, number)));
      b_.CreateStore(k.integer, member(offsetof(KernelValue, integer)));
      b_.CreateStore(k.duration, member(offsetof(KernelValue, duration)));
      b_.CreateStore(b_.getInt64(1), member(offsetof(KernelValue, known)));
    }
    if (needs_quantity) {
      const std::int32_t field = policy_.FindPositionField("quantity");
      if (field < 0) {
        finish(2);
        b_.SetInsertPoint(done);
        return Phi(outcomes);
      }
      llvm::Value* flags =
          lower_->ColumnPointer(static_cast<std::size_t>(field), offsetof(KernelColumn, known));
      llvm::Value* known =
          b_.CreateLoad(b_.getInt8Ty(), b_.CreateInBoundsGEP(b_.getInt8Ty(), flags, i_));
      branch(b_.CreateICmpEQ(known, b_.getInt8(0)), 2);
    }
    finish(1);
    b_.SetInsertPoint(done);
    return Phi(outcomes);
  }

  llvm::Value* Phi(const std::vector<std::pair<llvm::BasicBlock*, llvm::Value*>>& incoming) {
    llvm::PHINode* phi = b_.CreatePHI(b_.getInt8Ty(), static_cast<unsigned>(incoming.size()));
    for (const auto& [from, value] : incoming)
      phi->addIncoming(value, from);
    return phi;
  }

  const ir::Policy& policy_;
  const KernelPlan& plan_;
  llvm::Module& module_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* latch_ = nullptr;
  llvm::Value* i_ = nullptr;
  llvm::Value* args_ = nullptr;
  llvm::Value* account_ = nullptr;
  llvm::Value* trace_length_ = nullptr;
  std::unique_ptr<ExprLowerer> lower_;
};

}  // namespace

std::unique_ptr<llvm::Module> LowerPolicy(const ir::Policy& policy, const KernelPlan& plan,
                                          llvm::LLVMContext& context) {
  auto module = std::make_unique<llvm::Module>("collat." + policy.header.name, context);
  KernelBuilder(policy, plan, *module).Build();
  return module;
}

}  // namespace collat::jit
