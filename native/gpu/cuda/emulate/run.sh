#!/usr/bin/env bash
# Builds the host checks of a module's kernels (host_check.h: every .cpp under a --checks folder, which
# includes its kernel source by its path under a --src folder) with host_check.cpp and the kernel list
# kernel_table.sh generates from the --src folders, under AddressSanitizer and UBSan, and runs them.
# -ffp-contract=off keeps the host's float arithmetic unfused, like Java's and like -fmad=false.
#
# Usage: run.sh [--out DIR] [--src DIR]... [--checks DIR]...
#   --src DIR     kernel sources (*.cu below it; also the include path of the checks); each kernel needs a check
#   --checks DIR  check sources (*.cpp below it)
#   --out DIR     where to build (default: a new temporary folder)
# Without --src and --checks: the gpu device's own kernels (native/gpu/src/main/cuda, src/test/cuda) and
# checks (native/gpu/src/test/cuda).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out=""
srcs=()
checks=()
usage="usage: run.sh [--out DIR] [--src DIR]... [--checks DIR]..."
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out|--src|--checks)
            [[ $# -ge 2 ]] || { echo "run.sh: $1 needs a folder ($usage)" >&2; exit 2; }
            [[ "$1" == --out || -d "$2" ]] || { echo "run.sh: $1 $2 is not a folder" >&2; exit 2; }
            case "$1" in --out) out="$2" ;; --src) srcs+=("$2") ;; --checks) checks+=("$2") ;; esac
            shift 2 ;;
        *) echo "run.sh: unknown argument '$1' ($usage)" >&2; exit 2 ;;
    esac
done
if [[ ${#srcs[@]} -eq 0 && ${#checks[@]} -eq 0 ]]; then
    srcs=("$here/../../src/main/cuda" "$here/../../src/test/cuda")
    checks=("$here/../../src/test/cuda")
fi
[[ ${#checks[@]} -gt 0 ]] || { echo "run.sh: no --checks folder ($usage)" >&2; exit 2; }
out="${out:-$(mktemp -d)}"
mkdir -p "$out/generated"
mapfile -t files < <(find "${checks[@]}" -name '*.cpp' -type f | sort)
[[ ${#files[@]} -gt 0 ]] || { echo "run.sh: no check (*.cpp) under ${checks[*]}" >&2; exit 2; }
bash "$here/../kernel_table.sh" host-check "$out/generated/kernels.inc" "${srcs[@]}"
includes=(-I "$here" -I "$here/../include" -I "$out/generated")
for s in "${srcs[@]}"; do includes+=(-I "$s"); done
"${CXX:-g++}" -std=c++20 -O1 -g -ffp-contract=off -fno-fast-math -fsanitize=address,undefined \
    -fno-sanitize-recover=undefined -pthread -Wall -Wno-unknown-pragmas "${includes[@]}" \
    "$here/host_check.cpp" "${files[@]}" -o "$out/host_check"
"$out/host_check"
