// Memoised `let` values for the interpreter (docs/language.md 16.5, cost bounds): a let is
// evaluated once per position (or account) and every later read replays that evaluation, so a
// chain `let x1 = x0 + x0`, `let x2 = x1 + x1`, ... costs time linear in its length.
//
// Only lets whose value is a function of the input alone are memoised: ones that read (directly or
// through other lets) no aggregate, total, per-position measure, output or limit breach, because
// those change while an account is evaluated. A replay appends the same unknown causes and match
// trace as evaluating again would, so results are identical to re-evaluation to the bit.
//
// Not thread-safe: one per ExprEval.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "runtime/unknown_causes.h"

namespace collat::runtime {

class LetMemo {
 public:
  explicit LetMemo(const ir::Policy& policy);

  struct Entry {
    bool valid = false;
    std::uint32_t account = 0;
    std::int64_t position = -1;
    ir::Value value;
    Causes causes;                   // appended by the evaluation
    std::vector<std::string> trace;  // match arms picked by the evaluation
  };

  // Whether let `index` may be memoised (reads the input only).
  bool Memoisable(std::size_t index) { return Pure(index); }

  // The entry of let `index` when it holds the value for (account, position), else null.
  const Entry* Find(std::size_t index, std::uint32_t account, std::int64_t position) const;
  Entry& Slot(std::size_t index) { return entries_[index]; }

 private:
  bool Pure(std::size_t index);
  bool PureExpr(const ir::Expr* e);

  const ir::Policy& policy_;
  std::vector<std::int8_t> pure_;     // -1 unknown yet, 0 no, 1 yes
  std::vector<std::int8_t> fn_pure_;  // the same per function body
  std::vector<Entry> entries_;
};

}  // namespace collat::runtime
