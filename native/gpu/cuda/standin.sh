#!/usr/bin/env bash
# Builds the host CUDA driver stand-in (standin/, see standin/standin.h) as libcuda.so.1 and prints the
# folder it is in. Put that folder first on LD_LIBRARY_PATH to run the gpu device's Java path, and the
# bundled kernels, on a machine without a GPU:
#   LD_LIBRARY_PATH="$(native/gpu/cuda/standin.sh)" ./shmt devices
# It is never installed, and it names itself "SHMT host CUDA stand-in" in every device listing and report.
#
# Usage: standin.sh [--asan] [OUT_DIR]     (default OUT_DIR: native/gpu/target/cuda-standin)
#   --asan   build with AddressSanitizer (the JVM then needs LD_PRELOAD of the matching libasan)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
flags=(-O2)
out="$here/../target/cuda-standin"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --asan) flags=(-O1 -g -fsanitize=address -fno-omit-frame-pointer); shift ;;
        -*) echo "standin.sh: unknown option '$1' (usage: standin.sh [--asan] [OUT_DIR])" >&2; exit 2 ;;
        *) out="$1"; shift ;;
    esac
done
mkdir -p "$out"
sources=("$here"/standin/*.cpp)
# Rebuild only when a source, a kernel or this script is newer than the library.
lib="$out/libcuda.so.1"
stamp="$out/.flags"
if [[ -f "$lib" && -f "$stamp" && "$(cat "$stamp")" == "${flags[*]}" ]] \
    && [[ -z "$(find "$here/standin" "$here/emulate" "$here"/*.cu "$here/standin.sh" -newer "$lib" -print -quit)" ]]; then
    (cd "$out" && pwd)
    exit 0
fi
# -ffp-contract=off: no fused multiply-adds, like Java and like build.sh's -fmad=false, so the stencils
# give the Java bodies' bits.
"${CXX:-g++}" -std=c++20 "${flags[@]}" -ffp-contract=off -fno-fast-math -fPIC -shared -pthread \
    -Wall -Wno-unknown-pragmas -Wl,-soname,libcuda.so.1 -Wl,--no-undefined \
    -o "$lib.tmp" "${sources[@]}"
mv "$lib.tmp" "$lib"
echo "${flags[*]}" > "$stamp"
(cd "$out" && pwd)
