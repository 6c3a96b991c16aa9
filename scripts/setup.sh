#!/usr/bin/env bash
# One-time set-up of a fresh Debian 12 machine: system packages with apt, Python
# packages (pinned) into the project's .venv. Safe to run again: it only
# installs what is missing. `setup.sh --bench` adds what only the benchmark suite needs.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build g++ make pkg-config libgtest-dev zlib1g-dev  # build and tests
  clang libclang-rt-14-dev clang-format                           # libFuzzer, formatting
  valgrind                                                        # instruction counts
  libcli11-dev nlohmann-json3-dev                                 # the neurite command line
  libkissfft-dev                                                  # FFT oracle of the front-end tests
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm       # Cortex-M4 firmware, run in QEMU
  python3-venv python3-dev                                        # project virtual environment, Python headers
)
# Only for the benchmark suite (`make bench` runs `setup.sh --bench`): its PyTorch peers
# (Debian's CPU build, run by /usr/bin/python3: PyPI's torch pulls about 3 GB of CUDA
# packages) with OpenBLAS as the system BLAS (the reference BLAS it falls back to is 20
# times slower), and Fashion-MNIST, its non-sensor control (MIT licence, Zalando SE).
APT_BENCH_PACKAGES=(python3-torch libopenblas0-pthread dataset-fashion-mnist)
if [ "${1:-}" = "--bench" ]; then
  APT_PACKAGES+=("${APT_BENCH_PACKAGES[@]}")
fi

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python requirements into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
