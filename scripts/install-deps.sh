#!/usr/bin/env bash
# Installs collat's build and test dependencies from Debian bookworm packages.
# Idempotent: does nothing when every package is already installed. Needs root
# (or sudo) only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  python3 python3-yaml python3-jsonschema
  llvm-19-dev clang-19 libclang-rt-19-dev
  tao-pegtl-dev libfmt-dev catch2 libyaml-cpp-dev libcli11-dev
  nlohmann-json3-dev libcsv-dev libbenchmark-dev libssl-dev libluajit-5.1-dev luajit
  libzstd-dev zlib1g-dev libedit-dev libxml2-dev libffi-dev libcurl4-openssl-dev libdtl-dev
  coinor-libcbc-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
