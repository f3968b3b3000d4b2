#!/usr/bin/env bash
# Rewrites every golden file from the current build's output. Review the diff like code.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/build.sh"
COLLAT_UPDATE_GOLDENS=1 "$root/build/tests/collat_tests" "[golden]"
git -C "$root" status --short -- tests/golden
