#!/usr/bin/env bash
# The whole test suite from a fresh clone: install dependencies, build the sanitized tree with
# clang-19 (every layer with ASan+UBSan and libFuzzer coverage: the three libFuzzer targets and the
# unit tests), build everything else, then run ctest (unit tests, golden cases, CLI tests, policy
# checks, the sanitized unit tests and a 60 s fuzzing run of each libFuzzer target).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh"

cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCOLLAT_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build-fuzz" --target parse_fuzzer load_fuzzer eval_fuzzer collat_tests \
  collat_difftest_tests

bash "$root/scripts/build.sh" -DCOLLAT_FUZZ_BUILD_DIR="$root/build-fuzz"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
