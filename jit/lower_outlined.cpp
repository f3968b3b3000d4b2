// Large matches and schedules (lower_expr.h, kOutlineItems): the arms (bands) are lowered as a
// tree of internal functions, each holding at most kOutlineItems arms, or calls to at most
// kOutlineItems sub-ranges. LLVM's optimiser and register allocator cost grows faster than
// linearly with one function's size, so a single function of 50,000 arms takes minutes at -O2;
// functions of bounded size keep compile time linear in the arms. The semantics are the inline
// lowering's: arms in order, the first whose condition holds gives the value, an unknown
// condition before it makes the match unknown (a bound, the schedule), the picked arm is traced.
//
// A range function: i8 (ptr args, i64 position, i64 account, ptr trace, ptr trace_length,
// ptr slot, double, i64, i64 subject) returns an Outcome and, when an arm (band) holds, stores
// its value in *slot.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <tuple>

#include <llvm/IR/Constants.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Function.h>

#include "jit/kernel_abi.h"
#include "jit/kernel_plan.h"
#include "jit/lower_expr.h"

namespace collat::jit {
namespace {

enum Outcome : std::uint8_t {
  kNoneHeld = 0,  // no arm (band) of the range holds: the caller goes on with the next range
  kHeld = 1,      // an arm (band) holds; its value is in the slot
  kUnknown = 2,   // a condition (bound) is unknown: so is the match (schedule)
};

// A Lowered value in memory: {known (i64 0/1), number, integer, duration}.
llvm::StructType* SlotType(llvm::LLVMContext& ctx) {
  return llvm::StructType::get(ctx, {llvm::Type::getInt64Ty(ctx), llvm::Type::getDoubleTy(ctx),
                                     llvm::Type::getInt64Ty(ctx), llvm::Type::getInt64Ty(ctx)});
}

}  // namespace

llvm::Value* ExprLowerer::SlotAlloca() {
  llvm::IRBuilder<> e(entry_->getTerminator());
  return e.CreateAlloca(SlotType(ctx_), nullptr, "range.slot");
}

void ExprLowerer::StoreSlot(llvm::Value* slot, const Lowered& v) {
  llvm::StructType* type = SlotType(ctx_);
  b_.CreateStore(b_.CreateZExt(v.known, b_.getInt64Ty()), b_.CreateStructGEP(type, slot, 0));
  b_.CreateStore(v.number, b_.CreateStructGEP(type, slot, 1));
  b_.CreateStore(v.integer, b_.CreateStructGEP(type, slot, 2));
  b_.CreateStore(v.duration, b_.CreateStructGEP(type, slot, 3));
}

Lowered ExprLowerer::Selected(llvm::Value* outcome, llvm::Value* slot) {
  llvm::StructType* type = SlotType(ctx_);
  llvm::Value* held = b_.CreateICmpEQ(outcome, b_.getInt8(kHeld));
  const Lowered none = Unknown();
  const auto pick = [&](unsigned member, llvm::Type* t, llvm::Value* otherwise) {
    llvm::Value* stored = b_.CreateLoad(t, b_.CreateStructGEP(type, slot, member));
    return b_.CreateSelect(held, stored, otherwise);
  };
  llvm::Value* known = b_.CreateICmpNE(pick(0, b_.getInt64Ty(), b_.getInt64(0)), b_.getInt64(0));
  return {known, pick(1, b_.getDoubleTy(), none.number), pick(2, b_.getInt64Ty(), none.integer),
          pick(3, b_.getInt64Ty(), none.duration)};
}

Lowered ExprLowerer::OutlinedMatch(const ir::Expr& e) {
  llvm::Value* slot = SlotAlloca();
  return Selected(ItemRange(e, 0, e.arms.size(), slot, MatchCandidate(e)), slot);
}

Lowered ExprLowerer::MatchCandidate(const ir::Expr& e) {
  const std::int32_t id = plan_.IndexedMatchId(e);
  if (id < 0) return Unknown();
  const KernelPlan::IndexedMatch& m = plan_.indexed_matches[static_cast<std::size_t>(id)];
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* ptr = b_.getPtrTy();
  // The subjects as KernelValues, in group order.
  constexpr std::size_t kWords = sizeof(KernelValue) / sizeof(std::int64_t);
  static_assert(sizeof(KernelValue) == kWords * sizeof(std::int64_t));
  llvm::Value* values = llvm::IRBuilder<>(entry_->getTerminator())
                            .CreateAlloca(llvm::ArrayType::get(i64, kWords * m.subjects.size()),
                                          nullptr, "match.subjects");
  llvm::Value* all_known = b_.getTrue();
  for (std::size_t g = 0; g < m.subjects.size(); ++g) {
    const Lowered v = Lower(*m.subjects[g]);
    all_known = b_.CreateAnd(all_known, v.known);
    const auto member = [&](std::size_t offset) {
      return b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), values,
                                           g * sizeof(KernelValue) + offset);
    };
    b_.CreateStore(v.number, member(offsetof(KernelValue, number)));
    b_.CreateStore(v.integer, member(offsetof(KernelValue, integer)));
    b_.CreateStore(v.duration, member(offsetof(KernelValue, duration)));
    b_.CreateStore(b_.CreateZExt(v.known, i64), member(offsetof(KernelValue, known)));
  }
  llvm::Value* indexes = ArgPointer(offsetof(KernelArgs, match_indexes));
  llvm::Value* index = b_.CreateLoad(
      ptr, b_.CreateConstInBoundsGEP1_64(ptr, indexes, static_cast<std::uint64_t>(id)));
  // Reads the index and the subjects: not Builtin(), whose callees access no memory.
  llvm::FunctionCallee lookup = module_.getOrInsertFunction(
      "collat_match_candidate", llvm::FunctionType::get(i64, {ptr, ptr}, false));
  if (auto* fn = llvm::dyn_cast<llvm::Function>(lookup.getCallee())) {
    fn->setOnlyReadsMemory();
    fn->setDoesNotThrow();
    fn->setWillReturn();
  }
  llvm::Value* found = CallIfKnown(lookup, {index, values}, all_known);
  llvm::Value* candidate = b_.CreateSelect(all_known, found, llvm::ConstantInt::getSigned(i64, -1));
  return {b_.getTrue(), llvm::ConstantFP::get(b_.getDoubleTy(), 0.0), candidate, b_.getInt64(0)};
}

// Arms of an indexed match that are all indexed cannot hold unless one is the candidate, and are
// not unknown when the subjects are known (runtime/match_index.h): the range is skipped unless
// the candidate is in it or a subject is unknown (candidate -1).
llvm::Value* ExprLowerer::ArmsMiss(const ir::Expr& e, std::size_t lo, std::size_t hi,
                                   llvm::Value* candidate) {
  const std::int32_t id = plan_.IndexedMatchId(e);
  if (id < 0) return nullptr;
  const std::vector<std::size_t>& others =
      plan_.indexed_matches[static_cast<std::size_t>(id)].others;
  const auto other = std::lower_bound(others.begin(), others.end(), lo);
  if (other != others.end() && *other < hi) return nullptr;
  llvm::Value* scan_all =
      b_.CreateICmpEQ(candidate, llvm::ConstantInt::getSigned(b_.getInt64Ty(), -1));
  llvm::Value* inside =
      b_.CreateICmpULT(b_.CreateSub(candidate, b_.getInt64(lo)), b_.getInt64(hi - lo));
  return b_.CreateNot(b_.CreateOr(scan_all, inside));
}

Lowered ExprLowerer::OutlinedSchedule(const ir::Expr& e) {
  const Lowered subject = Lower(*e.args[0]);
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  Join join(b_, "schedule.done");
  llvm::BasicBlock* known = llvm::BasicBlock::Create(ctx_, "schedule.known", fn);
  llvm::BasicBlock* unknown = llvm::BasicBlock::Create(ctx_, "schedule.unknown", fn);
  b_.CreateCondBr(subject.known, known, unknown);
  b_.SetInsertPoint(unknown);
  join.Add(Unknown());
  b_.SetInsertPoint(known);
  llvm::Value* slot = SlotAlloca();
  join.Add(Selected(ItemRange(e, 0, e.bands.size(), slot, subject), slot));
  return join.Finish();
}

llvm::Value* ExprLowerer::ItemRange(const ir::Expr& e, std::size_t lo, std::size_t hi,
                                    llvm::Value* slot, const Lowered& subject) {
  llvm::Function* fn = b_.GetInsertBlock()->getParent();
  llvm::BasicBlock* done = llvm::BasicBlock::Create(ctx_, "range.done", fn);
  std::vector<std::pair<llvm::BasicBlock*, llvm::Value*>> outcomes;
  const auto finish = [&](llvm::Value* outcome) {
    outcomes.emplace_back(b_.GetInsertBlock(), outcome);
    b_.CreateBr(done);
  };
  // Goes on at a fresh block when `stop` is false; else finishes with `outcome`.
  const auto stop_if = [&](llvm::Value* stop, llvm::Value* outcome) {
    llvm::BasicBlock* stopped = llvm::BasicBlock::Create(ctx_, "range.stop", fn);
    llvm::BasicBlock* go = llvm::BasicBlock::Create(ctx_, "range.go", fn);
    b_.CreateCondBr(stop, stopped, go);
    b_.SetInsertPoint(stopped);
    finish(outcome);
    b_.SetInsertPoint(go);
  };
  const auto held = [&](const ir::Expr& value) {
    StoreSlot(slot, Lower(value));
    finish(b_.getInt8(kHeld));
  };
  const auto join = [&] {
    b_.SetInsertPoint(done);
    llvm::PHINode* phi = b_.CreatePHI(b_.getInt8Ty(), static_cast<unsigned>(outcomes.size()));
    for (const auto& [from, outcome] : outcomes)
      phi->addIncoming(outcome, from);
    return phi;
  };

  if (hi - lo > kOutlineItems) {
    const std::size_t step = (hi - lo + kOutlineItems - 1) / kOutlineItems;
    llvm::Value* null = llvm::ConstantPointerNull::get(b_.getPtrTy());
    for (std::size_t from = lo; from < hi; from += step) {
      const std::size_t to = std::min(hi, from + step);
      llvm::Value* miss = e.op == ir::Op::Schedule ? BandsMiss(e, from, to, subject)
                                                   : ArmsMiss(e, from, to, subject.integer);
      llvm::BasicBlock* after = nullptr;
      if (miss != nullptr) {  // no band of [from, to) holds: its function is not called
        llvm::BasicBlock* call = llvm::BasicBlock::Create(ctx_, "range.call", fn);
        after = llvm::BasicBlock::Create(ctx_, "range.after", fn);
        b_.CreateCondBr(miss, after, call);
        b_.SetInsertPoint(call);
      }
      llvm::Value* outcome =
          b_.CreateCall(RangeFunction(e, from, to),
                        {args_, position_, account_, trace_base_ != nullptr ? trace_base_ : null,
                         trace_length_ != nullptr ? trace_length_ : null, slot, subject.number,
                         subject.integer, subject.duration});
      stop_if(b_.CreateICmpNE(outcome, b_.getInt8(kNoneHeld)), outcome);
      if (after != nullptr) {
        b_.CreateBr(after);
        b_.SetInsertPoint(after);
      }
    }
    finish(b_.getInt8(kNoneHeld));
    return join();
  }
  if (e.op == ir::Op::Match) {
    for (std::size_t n = lo; n < hi; ++n) {
      const ir::MatchArm& arm = e.arms[n];
      if (!arm.condition) {  // `else`
        RecordArm(plan_.ArmId(arm));
        held(*arm.value);
        return join();
      }
      const Lowered c = Lower(*arm.condition);
      stop_if(b_.CreateNot(c.known), b_.getInt8(kUnknown));
      llvm::BasicBlock* taken = llvm::BasicBlock::Create(ctx_, "arm.taken", fn);
      llvm::BasicBlock* next = llvm::BasicBlock::Create(ctx_, "arm.next", fn);
      b_.CreateCondBr(b_.CreateICmpNE(c.integer, b_.getInt64(0)), taken, next);
      b_.SetInsertPoint(taken);
      RecordArm(plan_.ArmId(arm));
      held(*arm.value);
      b_.SetInsertPoint(next);
    }
  } else {
    const runtime::Repr repr = runtime::ReprOf(e.args[0]->type.kind);
    for (std::size_t n = lo; n < hi; ++n) {
      const ir::Band& band = e.bands[n];
      if (band.op == ir::BandOp::Else) {
        held(*band.value);
        return join();
      }
      const Lowered bound = Lower(*band.bound);
      stop_if(b_.CreateNot(bound.known), b_.getInt8(kUnknown));
      llvm::Value* test = Less(subject, bound, repr);
      if (band.op == ir::BandOp::Le) test = b_.CreateOr(test, Same(subject, bound, repr));
      llvm::BasicBlock* holds = llvm::BasicBlock::Create(ctx_, "band.holds", fn);
      llvm::BasicBlock* next = llvm::BasicBlock::Create(ctx_, "band.next", fn);
      b_.CreateCondBr(test, holds, next);
      b_.SetInsertPoint(holds);
      held(*band.value);
      b_.SetInsertPoint(next);
    }
  }
  finish(b_.getInt8(kNoneHeld));
  return join();
}

// Band n holds when `subject < bound_n` (`<=` for Le). With constant bounds ordered by (bound,
// Lt before Le), a band that holds implies every later band of the range holds: if the last band
// does not hold, none does, and no bound is unknown (constants), so the range's outcome is
// kNoneHeld without calling it. This makes a position's cost in a schedule of N bands
// O(kOutlineItems x depth of the tree) instead of O(N) (docs/performance.md, issue 9).
llvm::Value* ExprLowerer::BandsMiss(const ir::Expr& e, std::size_t lo, std::size_t hi,
                                    const Lowered& subject) {
  const runtime::Repr repr = runtime::ReprOf(e.args[0]->type.kind);
  if (repr != runtime::Repr::Number && repr != runtime::Repr::Integer) return nullptr;
  const auto key = [&](const ir::Band& band) {
    const ir::Value& v = band.bound->constant;
    return std::make_tuple(repr == runtime::Repr::Number ? v.number : 0.0,
                           repr == runtime::Repr::Integer ? v.integer : 0,
                           band.op == ir::BandOp::Le);
  };
  for (std::size_t n = lo; n < hi; ++n) {
    const ir::Band& band = e.bands[n];
    if (band.op == ir::BandOp::Else || band.bound->op != ir::Op::Const ||
        !band.bound->constant.known || band.bound->type.kind != e.args[0]->type.kind ||
        (repr == runtime::Repr::Number && std::isnan(band.bound->constant.number))) {
      return nullptr;
    }
    if (n > lo && key(band) < key(e.bands[n - 1])) return nullptr;
  }
  const ir::Band& last = e.bands[hi - 1];
  const Lowered bound = Lower(*last.bound);
  llvm::Value* holds = Less(subject, bound, repr);
  if (last.op == ir::BandOp::Le) holds = b_.CreateOr(holds, Same(subject, bound, repr));
  return b_.CreateNot(holds);
}

llvm::Function* ExprLowerer::RangeFunction(const ir::Expr& e, std::size_t lo, std::size_t hi) {
  llvm::Type* ptr = b_.getPtrTy();
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::FunctionType* type = llvm::FunctionType::get(
      b_.getInt8Ty(), {ptr, i64, i64, ptr, ptr, ptr, b_.getDoubleTy(), i64, i64}, false);
  llvm::Function* fn =
      llvm::Function::Create(type, llvm::Function::InternalLinkage,
                             e.op == ir::Op::Match ? "collat.arms" : "collat.bands", module_);
  fn->addFnAttr(llvm::Attribute::NoInline);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(ctx_);
  llvm::BasicBlock* entry = llvm::BasicBlock::Create(ctx_, "entry", fn);
  llvm::BasicBlock* body = llvm::BasicBlock::Create(ctx_, "body", fn);
  b.SetInsertPoint(entry);
  b.CreateBr(body);
  ExprLowerer lower(policy_, plan_, module_, b, fn->getArg(0), entry);
  lower.InheritCalls(*this);
  lower.SetPosition(fn->getArg(1), fn->getArg(2));
  if (trace_base_ != nullptr) lower.SetTrace(fn->getArg(3), fn->getArg(4));
  b.SetInsertPoint(body);
  const Lowered subject{b.getTrue(), fn->getArg(6), fn->getArg(7), fn->getArg(8)};
  b.CreateRet(lower.ItemRange(e, lo, hi, fn->getArg(5), subject));
  return fn;
}

}  // namespace collat::jit
