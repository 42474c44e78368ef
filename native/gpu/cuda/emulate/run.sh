#!/usr/bin/env bash
# Builds host_check.cpp (the kernels of native/gpu/cuda on the host, see cuda_threads.h) with AddressSanitizer and
# runs it. -ffp-contract=off keeps the host's float arithmetic unfused, like Java's and like -fmad=false.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$(mktemp -d)}"
"${CXX:-g++}" -std=c++20 -O1 -g -ffp-contract=off -fno-fast-math -fsanitize=address,undefined \
    -fno-sanitize-recover=undefined -pthread -Wall -Wno-unknown-pragmas \
    "$here/host_check.cpp" -o "$out/host_check"
"$out/host_check"
