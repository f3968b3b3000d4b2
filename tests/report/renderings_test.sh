#!/usr/bin/env bash
# `collat eval --format csv|jsonl` and `--accounts-csv` (docs/language.md 15.9) against the golden
# files in tests/report/golden, on both engines; and every rendering byte-identical for --threads 1,
# 2 and 3 on a generated multi-account book. COLLAT_UPDATE_GOLDENS=1 rewrites the golden files.
# Usage: renderings_test.sh COLLAT_BINARY REPO_ROOT PYTHON
set -u
collat=$1
root=$2
python=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0
golden="$root/tests/report/golden"

same() {  # same NAME WANT_FILE GOT_FILE
  if cmp -s "$2" "$3"; then passes=$((passes + 1)); else
    echo "FAIL $1"; diff "$2" "$3" | head -20; failures=$((failures + 1)); fi
}

for name in us_uncleared_margin crypto_tiered; do
  policy="$root/policies/$name.collat"
  input="$root/examples/inputs/$name.yaml"
  for engine in interp jit; do
    if ! "$collat" eval "$policy" "$input" --engine "$engine" --format csv \
        --accounts-csv "$tmp/$name.accounts.csv" >"$tmp/$name.csv" ||
       ! "$collat" eval "$policy" "$input" --engine "$engine" --format jsonl >"$tmp/$name.jsonl"; then
      echo "FAIL $name ($engine): collat eval failed"; failures=$((failures + 1)); continue
    fi
    for ext in csv accounts.csv jsonl; do
      if [ "${COLLAT_UPDATE_GOLDENS:-}" = 1 ]; then cp "$tmp/$name.$ext" "$golden/$name.$ext"; fi
      same "$name.$ext ($engine)" "$golden/$name.$ext" "$tmp/$name.$ext"
    done
  done
done

# 12 accounts, 20,000 positions: several render blocks per thread.
"$python" "$root/tests/report/generate_book.py" "$tmp/book" 20000 12
policy="$root/policies/us_uncleared_margin.collat"
for engine in interp jit; do
  for format in json text csv jsonl; do
    for threads in 1 2 3; do
      "$collat" eval "$policy" "$tmp/book/book.yaml" --engine "$engine" --format "$format" \
        --threads "$threads" --accounts-csv "$tmp/accounts.$threads" >"$tmp/out.$threads"
    done
    for threads in 2 3; do
      same "$format --threads $threads ($engine)" "$tmp/out.1" "$tmp/out.$threads"
      same "accounts csv --threads $threads ($engine)" "$tmp/accounts.1" "$tmp/accounts.$threads"
    done
  done
done

echo "renderings: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
