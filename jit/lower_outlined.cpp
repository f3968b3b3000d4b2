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
#include <cstddef>

#include <llvm/IR/Constants.h>
#include <llvm/IR/Function.h>

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
  return Selected(ItemRange(e, 0, e.arms.size(), slot, Unknown()), slot);
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
      llvm::Value* outcome =
          b_.CreateCall(RangeFunction(e, from, std::min(hi, from + step)),
                        {args_, position_, account_, trace_base_ != nullptr ? trace_base_ : null,
                         trace_length_ != nullptr ? trace_length_ : null, slot, subject.number,
                         subject.integer, subject.duration});
      stop_if(b_.CreateICmpNE(outcome, b_.getInt8(kNoneHeld)), outcome);
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
