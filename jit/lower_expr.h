// Lowers one ir::Expr, evaluated for the current position, to LLVM IR at the builder's insert
// point (lower.h describes the contract). Shared state of the kernel being built: the builder,
// the entry block where loop-invariant loads are hoisted, the current position index and the
// trace of the component being lowered.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include "compiler/ir.h"
#include "jit/kernel_plan.h"
#include "runtime/value_ops.h"

namespace collat::jit {

// A three-valued value in registers: `known` (i1) and the slots of ir::Value (number: double,
// integer: i64, duration: i64 packed as in KernelValue). Slots a type does not use are 0.
struct Lowered {
  llvm::Value* known;
  llvm::Value* number;
  llvm::Value* integer;
  llvm::Value* duration;
};

class ExprLowerer {
 public:
  ExprLowerer(const ir::Policy& policy, const KernelPlan& plan, llvm::Module& module,
              llvm::IRBuilder<>& builder, llvm::Value* args, llvm::BasicBlock* entry);

  Lowered Lower(const ir::Expr& e);

  // Evaluates, at the insert point, every let that position expressions read and that picks no
  // match arm (so evaluating it has no effect but its value), and reuses those values for the
  // rest of the position instead of re-evaluating the let at each reference. A let is pure, so
  // this changes only speed. Call once per position, before any expression.
  // `rules`: also the lets rules read (false when the rules are outlined into functions).
  void PrecomputeLets(bool rules = true);
  // The same for the lets one expression reads (an outlined rule's function).
  void PrecomputeLetsOf(const ir::Expr& e);

  // Lowering inside `outer`'s user-function calls (an outlined function lowered by a lowerer of
  // its own still reads the parameters of the calls it is in).
  void InheritCalls(const ExprLowerer& outer) {
    frames_ = outer.frames_;
    current_frame_ = outer.current_frame_;
  }

  // The position being evaluated (i64) and its account (i64); set per loop iteration.
  void SetPosition(llvm::Value* index, llvm::Value* account) {
    position_ = index;
    account_ = account;
  }
  // Where picked match arms are recorded: an i32 array and an i32 length slot; null: nowhere.
  void SetTrace(llvm::Value* base, llvm::Value* length) {
    trace_base_ = base;
    trace_length_ = length;
  }

  // Loop-invariant loads, emitted once in the entry block.
  llvm::Value* ArgPointer(std::size_t offset);  // a pointer member of KernelArgs
  llvm::Value* ArgInt64(std::size_t offset);    // an i64 member of KernelArgs
  llvm::Value* ColumnPointer(std::size_t field, std::size_t member_offset);
  llvm::Value* InForce(std::size_t array_offset, std::size_t index);  // i1

  llvm::Value* Truth(const Lowered& v);  // known && integer != 0
  Lowered Unknown();

 private:
  void LowerLets(const std::vector<bool>& read);  // the lets marked, each after those it reads
  Lowered Const(const ir::Expr& e);
  Lowered ConstValue(const ir::Value& v);
  Lowered PositionField(const ir::Expr& e);
  Lowered KernelValueAt(llvm::Value* address);
  Lowered Arithmetic(const ir::Expr& e);
  Lowered Comparison(const ir::Expr& e);
  Lowered Membership(const ir::Expr& e);
  Lowered Logic(const ir::Expr& e);
  Lowered Default(const ir::Expr& e);
  Lowered If(const ir::Expr& e);
  Lowered Match(const ir::Expr& e);
  Lowered Schedule(const ir::Expr& e);
  Lowered Call(const ir::Expr& e);
  Lowered TableLookup(const ir::Expr& e);

  // Matches with more arms, and schedules with more bands, than this are lowered as a tree of
  // functions of at most this many arms (bands) or calls each (lower_outlined.cpp).
  static constexpr std::size_t kOutlineItems = 64;
  Lowered OutlinedMatch(const ir::Expr& e);
  // For a match the plan indexes (KernelPlan::indexed_matches): {true, -, the candidate arm, -},
  // the candidate being the index's lookup of the subjects (INT64_MAX: no indexed arm holds) or
  // -1 when a subject is unknown (every range of arms is then called). Else Unknown().
  Lowered MatchCandidate(const ir::Expr& e);
  Lowered OutlinedSchedule(const ir::Expr& e);
  // Arms (bands) [lo, hi) of `e` at the insert point; returns the range's outcome (i8) and stores
  // the value of the arm (band) that holds in `slot`. `subject`: the schedule's, known.
  llvm::Value* ItemRange(const ir::Expr& e, std::size_t lo, std::size_t hi, llvm::Value* slot,
                         const Lowered& subject);
  llvm::Function* RangeFunction(const ir::Expr& e, std::size_t lo, std::size_t hi);
  // For schedule bands [lo, hi) whose bounds are constants in ascending order (lower_outlined.cpp):
  // an i1 that is true when no band of the range holds for the known `subject`, so the range's
  // function need not be called; null when the bands do not allow the test.
  llvm::Value* BandsMiss(const ir::Expr& e, std::size_t lo, std::size_t hi, const Lowered& subject);
  // For arms [lo, hi) of an indexed match: an i1 that is true when no arm of the range can be the
  // first to hold or be unknown, given `candidate` (MatchCandidate's integer); null when the range
  // holds an arm that is not indexed (it is always called).
  llvm::Value* ArmsMiss(const ir::Expr& e, std::size_t lo, std::size_t hi, llvm::Value* candidate);
  llvm::Value* SlotAlloca();
  void StoreSlot(llvm::Value* slot, const Lowered& v);
  Lowered Selected(llvm::Value* outcome, llvm::Value* slot);  // the slot when held, else unknown

  llvm::Value* Same(const Lowered& a, const Lowered& b, runtime::Repr repr);
  llvm::Value* Less(const Lowered& a, const Lowered& b, runtime::Repr repr);
  Lowered Number(llvm::Value* x, llvm::Value* known);
  Lowered Integer(llvm::Value* x);
  Lowered Checked(llvm::Value* x, llvm::Value* known);  // unknown unless finite
  llvm::Value* IsFinite(llvm::Value* x);
  llvm::Value* TextCode(const std::string& text);
  void RecordArm(std::int32_t arm);
  // Calls a builtin only when its operands are `known` (else the result is 0 and unused).
  llvm::Value* CallIfKnown(llvm::FunctionCallee callee, std::vector<llvm::Value*> arguments,
                           llvm::Value* known);
  llvm::FunctionCallee Builtin(const char* name, llvm::Type* result,
                               std::vector<llvm::Type*> params);

  const ir::Policy& policy_;
  const KernelPlan& plan_;
  llvm::Module& module_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<>& b_;
  llvm::Value* args_;
  llvm::BasicBlock* entry_;
  llvm::Value* position_ = nullptr;
  llvm::Value* account_ = nullptr;
  llvm::Value* trace_base_ = nullptr;
  llvm::Value* trace_length_ = nullptr;
  std::map<std::size_t, llvm::Value*> arg_loads_;
  std::map<std::pair<std::size_t, std::size_t>, llvm::Value*> column_loads_;
  std::map<std::pair<std::size_t, std::size_t>, llvm::Value*> in_force_loads_;
  std::map<std::string, llvm::Value*> text_loads_;
  std::map<std::int32_t, llvm::Value*> table_version_loads_;
  std::map<std::int32_t, Lowered> let_values_;
  // User-function calls being lowered (inlined): the call and its caller's frame (-1: none). A
  // parameter lowers its argument, in the caller's frame, where it is read (docs/language.md 3.7).
  struct Frame {
    const ir::Expr* call;
    std::int32_t caller;
  };
  std::vector<Frame> frames_;
  std::int32_t current_frame_ = -1;
};

// Joins control-flow paths that each produce a Lowered value: Add() from the end of each path,
// then Finish() continues in the join block with the phi of every path's value.
class Join {
 public:
  Join(llvm::IRBuilder<>& builder, const char* name);
  void Add(const Lowered& v);
  Lowered Finish();

 private:
  llvm::IRBuilder<>& b_;
  llvm::BasicBlock* block_;
  std::vector<std::pair<llvm::BasicBlock*, Lowered>> incoming_;
};

}  // namespace collat::jit
