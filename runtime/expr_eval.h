// The reference evaluator of ir::Expr (docs/language.md sections 5, 6, 11 and 14): three-valued,
// strict binary64 arithmetic, no FMA. This is the executable specification the JIT must agree
// with bit for bit, so every operation is written out as plainly as its rule.
//
// Unknowns: arithmetic, comparisons, `in`, calls and lookups with an unknown operand are unknown
// (every operand is still evaluated, so all missing fields are seen); `and`/`or`/`not` are Kleene
// (`and` stops at the first false operand, `or` at the first true one); `??` takes its right side
// when the left is unknown; `if` with an unknown condition is unknown; `match` takes the first arm
// whose condition is true, and is unknown when a condition before it is unknown or no arm holds;
// `schedule` is unknown when its subject or a bound tried before the band that holds is unknown,
// or no band holds. Division by zero, sqrt of a negative number, a negative rounding increment and
// any non-finite result (overflow) are unknown. A text constant is bound per input (TextBinder).
//
// Causes: evaluating an expression whose value is unknown leaves the reasons in causes() (the
// missing fields it read and other causes); an expression whose value is known leaves nothing, so
// a field read under `is known`, on the left of a `??` that falls back, or in a Kleene operand that
// did not matter is not reported.
//
// Trace: every `match` that picks an arm appends the arm's label to trace(), in the order the arms
// are picked (an outer match before the matches inside the chosen arm's value).
//
// Lets: a let that reads only the input is evaluated once per position (account) and replayed
// (let_memo.h), which changes no result.
//
// User functions (Op::FnCall): the body is evaluated in a new frame; an argument is evaluated, in
// the caller's frame, the first time its parameter is read, and later reads replay its value,
// causes and match picks. That is the result of substituting the argument at each read (an
// argument never read is never evaluated), at most one evaluation per argument and call.
//
// Reads that the current Phase does not allow (a total before it is final, an output not yet
// computed, a position field without a position) are unknown; the checker rules them out.
//
// Not thread-safe (it holds the causes, the trace and the text binder): one per evaluation call.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/input.h"
#include "runtime/let_memo.h"
#include "runtime/match_index.h"
#include "runtime/text_binder.h"
#include "runtime/unknown_causes.h"
#include "runtime/versions.h"

namespace collat::runtime {

class ExprEval {
 public:
  // All references must outlive the evaluator.
  ExprEval(const ir::Policy& policy, const Input& input, const InForce& in_force, TextBinder& text)
      : policy_(policy),
        input_(input),
        in_force_(in_force),
        text_(text),
        lets_(policy),
        text_codes_(policy.text_constants.size(), kUnbound) {}

  ir::Value Eval(const ir::Expr& e, const Scope& scope);

  // Frames of user-function calls, for a caller that walks a body node by node (explain): while
  // between EnterCall(call) and LeaveCall(), Param nodes read `call`'s arguments. EnterCaller()
  // makes the caller's frame current (to walk an argument's expression) and returns what
  // Restore() needs to come back.
  void EnterCall(const ir::Expr& call);
  void LeaveCall();
  std::int32_t EnterCaller();
  void Restore(std::int32_t frame) { current_ = frame; }
  // The argument expression of parameter `index` of the current call.
  const ir::Expr& Argument(std::int32_t index) const;

  Causes& causes() { return causes_; }
  std::vector<std::string>& trace() { return trace_; }
  const TextBinder& text() const { return text_; }
  const Input& input() const { return input_; }

 private:
  ir::Value EvalNode(const ir::Expr& e, const Scope& scope);
  ir::Value Unknown(std::string cause);
  ir::Value MissingField(std::string name);
  ir::Value Checked(double result);  // unknown ("overflow") unless finite
  // The code of text constant `slot` (ir::Expr::index; -1: none) whose text is `text`, bound on
  // first use and then read by index.
  std::int64_t TextCode(std::int32_t slot, const std::string& text);

  ir::Value PositionField(const ir::Expr& e, const Scope& scope);
  ir::Value Let(const ir::Expr& e, const Scope& scope);  // memoised per position (let_memo.h)
  ir::Value Arithmetic(const ir::Expr& e, const Scope& scope);
  ir::Value Comparison(const ir::Expr& e, const Scope& scope);
  ir::Value Membership(const ir::Expr& e, const Scope& scope);
  ir::Value Logic(const ir::Expr& e, const Scope& scope);
  ir::Value Match(const ir::Expr& e, const Scope& scope);
  // A match of MatchIndex::kMinArms arms or more through its index (match_index.h); nullopt when
  // a subject is unknown (the caller then tries the arms in order).
  std::optional<ir::Value> IndexedMatch(const ir::Expr& e, const MatchIndex& index,
                                        const Scope& scope);
  ir::Value TakeArm(const ir::Expr& e, std::size_t n, const Scope& scope);  // traced
  ir::Value Schedule(const ir::Expr& e, const Scope& scope);
  ir::Value Call(const ir::Expr& e, const Scope& scope);
  ir::Value TableLookup(const ir::Expr& e, const Scope& scope);
  ir::Value FnCall(const ir::Expr& e, const Scope& scope);
  ir::Value Param(const ir::Expr& e, const Scope& scope);  // by need, replayed
  // Account-level reads (expr_eval_account.cpp).
  ir::Value Aggregate(const ir::Expr& e, const Scope& scope);
  ir::Value Total(const ir::Expr& e, const Scope& scope);
  ir::Value PositionMeasure(const ir::Expr& e, const Scope& scope);
  ir::Value Output(const ir::Expr& e, const Scope& scope);
  ir::Value Breached(const ir::Expr& e, const Scope& scope);

  const ir::Policy& policy_;
  const Input& input_;
  const InForce& in_force_;
  TextBinder& text_;
  Causes causes_;
  std::vector<std::string> trace_;
  LetMemo lets_;

  struct ArgumentSlot {
    bool evaluated = false;
    ir::Value value;
    Causes causes;                   // appended by its evaluation
    std::vector<std::string> trace;  // match arms picked by its evaluation
  };
  struct Frame {
    const ir::Expr* call = nullptr;
    std::int32_t caller = -1;  // index in frames_; -1: no function
    std::vector<ArgumentSlot> args;
  };
  std::vector<Frame> frames_;                   // a stack: a frame's caller is below it
  std::int32_t current_ = -1;                   // the frame Param nodes read
  static constexpr std::int64_t kUnbound = -2;  // TextBinder codes are >= 0 or TextPool::kAbsent
  std::vector<std::int64_t> text_codes_;        // per Policy::text_constants slot
  // Per large match, built on its first evaluation (text codes are this input's).
  std::unordered_map<const ir::Expr*, std::unique_ptr<MatchIndex>> match_indexes_;
};

}  // namespace collat::runtime
