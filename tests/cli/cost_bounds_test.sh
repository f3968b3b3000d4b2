#!/usr/bin/env bash
# Cost bounds (docs/language.md 16.5): `let` doubling chains are shared, so `check` and `eval`
# finish with the right values on both engines at 30 and 60 levels; `fn` doubling chains stop at
# the cost limit with a located diagnostic; `--max-cost` is honoured; and a check that runs out of
# memory is a clean error (exit 2), never an abort.
# Usage: cost_bounds_test.sh COLLAT_BINARY
set -u
collat=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0

expect() {  # expect NAME WANT_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; head -c 2000 "$tmp/out" "$tmp/err"
    failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}
expect_grep() {  # expect_grep NAME FILE PATTERN
  if grep -qF -- "$3" "$2"; then passes=$((passes + 1)); else
    echo "FAIL $1: '$3' not in output:"; head -c 2000 "$2"; failures=$((failures + 1)); fi
}

# let x0 = quantity, let xK = x(K-1) + x(K-1): xN is quantity * 2^N. The rule `exact` holds only
# when the chain was computed right (2^N is exact in binary64).
let_chain() {  # let_chain N
  local n=$1
  echo 'policy chain { version "1" currency USD }'
  echo 'position { quantity: number  market_value: money }'
  echo 'let x0 = quantity'
  for i in $(seq 1 "$n"); do echo "let x$i = x$((i - 1)) + x$((i - 1))"; done
  echo 'eligibility {'
  echo "  accept exact when x$n == $(python3 -c "print(2**$n)")"
  echo '}'
  echo "output total = sum(x$n)"
}
fn_chain() {  # fn_chain N
  local n=$1
  echo 'policy chain { version "1" currency USD }'
  echo 'position { quantity: number  market_value: money }'
  echo 'fn f0(x: number): number = x'
  for i in $(seq 1 "$n"); do echo "fn f$i(x: number): number = f$((i - 1))(x) + f$((i - 1))(x)"; done
  echo 'eligibility {'
  echo "  accept exact when f$n(quantity) > 0"
  echo '}'
}
cat >"$tmp/input.yaml" <<'YAML'
valuation_date: 2026-03-31
fx: {}
accounts:
  - id: A
    positions:
      - { id: ONE, quantity: 1, market_value: 100 }
      - { id: TWO, quantity: 2, market_value: 100 }
YAML

for n in 30 60; do
  let_chain "$n" >"$tmp/let$n.collat"
  expect "let chain $n checks" 0 timeout 60 "$collat" check "$tmp/let$n.collat"
  expect "let chain $n fits a small cost limit" 0 timeout 60 "$collat" check --max-cost 1000 \
    "$tmp/let$n.collat"
  for engine in interp jit; do
    expect "let chain $n eval $engine" 0 timeout 60 "$collat" eval --engine "$engine" --format json \
      "$tmp/let$n.collat" "$tmp/input.yaml"
    cp "$tmp/out" "$tmp/let$n.$engine.json"
        # ONE (quantity 1) is accepted by `exact`, TWO (quantity 2) is not.
    expect_grep "let chain $n $engine accepts ONE" "$tmp/out" '"status": "eligible"'
    expect_grep "let chain $n $engine refuses TWO" "$tmp/out" '"status": "ineligible"'
  done
  if cmp -s "$tmp/let$n.interp.json" "$tmp/let$n.jit.json"; then passes=$((passes + 1)); else
    echo "FAIL let chain $n: the engines' reports differ"; failures=$((failures + 1)); fi
done
# sum(x30) over quantities 1 and 2 is 3 * 2^30.
expect_grep "let chain 30 total" "$tmp/let30.interp.json" '"total": 3221225472'

expect "let chain over a tiny limit" 1 "$collat" check --max-cost 100 "$tmp/let60.collat"
expect_grep "cost diagnostic" "$tmp/err" "[cost_limit_exceeded]"
expect_grep "cost diagnostic names the rule" "$tmp/err" 'rule `exact` alone costs'
expect "eval honours --max-cost" 1 "$collat" eval --max-cost 100 "$tmp/let60.collat" \
  "$tmp/input.yaml"
expect_grep "eval cost diagnostic" "$tmp/err" "[cost_limit_exceeded]"
expect "max-cost must be positive" 2 "$collat" check --max-cost 0 "$tmp/let30.collat"

for n in 30 60; do
  fn_chain "$n" >"$tmp/fn$n.collat"
  expect "fn chain $n stops at the limit" 1 timeout 60 "$collat" check "$tmp/fn$n.collat"
  expect_grep "fn chain $n diagnostic" "$tmp/err" "[cost_limit_exceeded]"
  expect_grep "fn chain $n names the rule" "$tmp/err" 'rule `exact` alone costs'
  expect "fn chain $n check is fast" 1 timeout 5 "$collat" check "$tmp/fn$n.collat"
  expect "fn chain $n eval stops at the limit" 1 timeout 60 "$collat" eval "$tmp/fn$n.collat" \
    "$tmp/input.yaml"
done

# Without a useful limit (the 60-level fn chain estimates 2^62 nodes) checking still succeeds, bodies
# being shared, but the JIT lowers each call where it is made, 2^60 copies: with the address space
# capped, compiling runs out of memory and says so (exit 2), instead of aborting (exit 134).
(
  ulimit -v 450000
  exec timeout 300 "$collat" eval --engine jit --max-cost 10000000000000000000 "$tmp/fn60.collat" \
    "$tmp/input.yaml"
) >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" -eq 2 ]; then passes=$((passes + 1)); else
  echo "FAIL out of memory: exit $got, want 2"; head -c 2000 "$tmp/err"; failures=$((failures + 1)); fi
expect_grep "out of memory message" "$tmp/err" "collat: error: out of memory"

echo "cost bounds: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
