#!/usr/bin/env bash
# The command line's file-access rules (docs/language.md 19): imports, data tables and
# positions_csv files outside the allowed folders are refused with the exact message and exit code,
# `--allow-path` admits a folder, FIFOs and devices fail at once, and no byte of a foreign file
# appears in any output.
# Usage: file_access_test.sh COLLAT_BINARY
set -u
collat=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0
secret=SECRET-TOKEN-6021
export COLLAT_SANDBOX_PROBE=ENV-TOKEN-6021

expect() {  # expect NAME WANT_EXIT COMMAND...  (each command gets 20 s: a hang is a failure)
  local name=$1 want=$2
  shift 2
  timeout 20 "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; cat "$tmp/out" "$tmp/err"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
  # Nothing of a foreign file, the environment or /etc/passwd, ever.
  if grep -qE "$secret|ENV-TOKEN|root:x:" "$tmp/out" "$tmp/err"; then
    echo "FAIL $name: foreign content in the output:"; cat "$tmp/out" "$tmp/err"
    failures=$((failures + 1))
  fi
}
expect_line() {  # expect_line NAME FILE LINE: LINE is exactly one line of FILE
  if grep -qxF -- "$3" "$2"; then passes=$((passes + 1)); else
    echo "FAIL $1: line not in output: $3"; cat "$2"; failures=$((failures + 1)); fi
}

mkdir -p "$tmp/policy" "$tmp/outside"
pdir=$(cd "$tmp/policy" && pwd -P)
printf '%s = (\n' "$secret" >"$tmp/outside/secret.collat"
printf 'key,value\n%s,50%%\n' "$secret" >"$tmp/outside/secret.csv"
printf 'account,id,asset\nA,%s,x\n' "$secret" >"$tmp/outside/positions.csv"
printf 'let m = 1\n' >"$tmp/outside/module.collat"
header='policy p { version "1" currency USD }
position { market_value: money  asset: text }
haircut flat = 2%'
outside="is outside the allowed folders (\`$pdir\`); allow more with \`--allow-path\` [import_error]"

# Imports and data tables.
for written in /etc/passwd ../../../../proc/self/environ ../outside/secret.collat; do
  printf '%s\nimport "%s"\n' "$header" "$written" >"$tmp/policy/p.collat"
  expect "import $written" 1 "$collat" check "$tmp/policy/p.collat"
  expect_line "import $written message" "$tmp/err" \
    "$tmp/policy/p.collat:4:8: error: cannot read \`$written\`: it $outside"
done
ln -s "$tmp/outside/secret.collat" "$tmp/policy/link.collat"
printf '%s\nimport "link.collat"\n' "$header" >"$tmp/policy/p.collat"
expect "import symlink out" 1 "$collat" check "$tmp/policy/p.collat"
expect_line "import symlink message" "$tmp/err" \
  "$tmp/policy/p.collat:4:8: error: cannot read \`link.collat\`: it $outside"
printf '%s\ntable t: text -> percent from "../outside/secret.csv"\n' "$header" >"$tmp/policy/p.collat"
expect "data table outside" 1 "$collat" check "$tmp/policy/p.collat"
expect_line "data table message" "$tmp/err" \
  "$tmp/policy/p.collat:4:31: error: cannot read \`../outside/secret.csv\`: it $outside"
expect "dump ir refuses too" 1 "$collat" dump ir "$tmp/policy/p.collat"

# --allow-path admits the folder.
printf '%s\nimport "../outside/module.collat"\n' "$header" >"$tmp/policy/p.collat"
expect "import refused without --allow-path" 1 "$collat" check "$tmp/policy/p.collat"
expect "import with --allow-path" 0 "$collat" check --allow-path "$tmp/outside" "$tmp/policy/p.collat"
expect "dump ir with --allow-path" 0 "$collat" dump ir --allow-path "$tmp/outside" "$tmp/policy/p.collat"

# A FIFO as an import or data table fails at once.
mkfifo "$tmp/policy/pipe.collat" "$tmp/policy/pipe.csv"
printf '%s\nimport "pipe.collat"\n' "$header" >"$tmp/policy/p.collat"
expect "FIFO import" 1 "$collat" check "$tmp/policy/p.collat"
expect_line "FIFO import message" "$tmp/err" \
  "$tmp/policy/p.collat:4:8: error: cannot read \`$tmp/policy/pipe.collat\`: it is a FIFO, not a regular file [import_error]"
printf '%s\ntable t: text -> percent from "pipe.csv"\n' "$header" >"$tmp/policy/p.collat"
expect "FIFO data table" 1 "$collat" check "$tmp/policy/p.collat"
expect "FIFO as the policy" 2 "$collat" check "$tmp/policy/pipe.collat"

# Input side files.
printf '%s\n' "$header" >"$tmp/policy/p.collat"
input() {  # input CSV_PATH: writes policy/input.yaml naming it
  printf 'valuation_date: 2026-03-31\naccounts: [{ id: A }]\npositions_csv: %s\n' "$1" >"$tmp/policy/input.yaml"
}
for written in /etc/passwd /proc/self/environ ../outside/positions.csv; do
  input "$written"
  expect "positions_csv $written" 2 "$collat" eval "$tmp/policy/p.collat" "$tmp/policy/input.yaml"
  shown=$written
  [ "${written#/}" = "$written" ] && shown="$tmp/outside/positions.csv"
  expect_line "positions_csv $written message" "$tmp/err" \
    "collat: error: $tmp/policy/input.yaml:3: field \`positions_csv\`: cannot read \`$shown\`: it is outside the allowed folders (\`$pdir\`); allow more with \`--allow-path\` [io_error]"
done
expect "positions_csv explain" 2 "$collat" explain "$tmp/policy/p.collat" "$tmp/policy/input.yaml" --account A
printf 'account,id,asset,market_value\nA,P1,x,100\n' >"$tmp/outside/allowed.csv"
input ../outside/allowed.csv
expect "positions_csv with --allow-path" 0 "$collat" eval --allow-path "$tmp/outside" --engine interp \
  "$tmp/policy/p.collat" "$tmp/policy/input.yaml"
if grep -qE '^ +P1 .* 100\.00 ' "$tmp/out"; then passes=$((passes + 1)); else
  echo "FAIL positions_csv with --allow-path: row P1 not in the report"; cat "$tmp/out"
  failures=$((failures + 1)); fi
input /dev/zero
expect "positions_csv /dev/zero" 2 "$collat" eval --allow-path /dev "$tmp/policy/p.collat" "$tmp/policy/input.yaml"
expect_line "/dev/zero message" "$tmp/err" \
  "collat: error: $tmp/policy/input.yaml:3: field \`positions_csv\`: cannot read \`/dev/zero\`: it is a device, not a regular file [io_error]"
input pipe.csv
expect "positions_csv FIFO" 2 "$collat" eval "$tmp/policy/p.collat" "$tmp/policy/input.yaml"
expect_line "FIFO message" "$tmp/err" \
  "collat: error: $tmp/policy/input.yaml:3: field \`positions_csv\`: cannot read \`$tmp/policy/pipe.csv\`: it is a FIFO, not a regular file [io_error]"


# A test case's positions_csv lies inside the test file's folder too.
printf '%s\n' "$header" >"$tmp/policy/p.collat"
printf 'policy: p.collat\ncases:\n  - name: c\n    input: { valuation_date: 2026-03-31, accounts: [{ id: A }], positions_csv: ../outside/positions.csv }\n    expect: {}\n' >"$tmp/policy/t.test.yaml"
expect "test case positions_csv outside" 1 "$collat" test "$tmp/policy/t.test.yaml"
if grep -qF "field \`positions_csv\`: cannot read \`$tmp/outside/positions.csv\`: it is outside the allowed folders" "$tmp/out"; then
  passes=$((passes + 1)); else echo "FAIL test case positions_csv message"; cat "$tmp/out"; failures=$((failures + 1)); fi

echo "file access: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
