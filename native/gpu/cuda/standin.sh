#!/usr/bin/env bash
# Builds the host CUDA driver stand-in (standin/, see standin/standin.h) with host builds of the kernels of
# the given sources as libcuda.so.1, and prints the folder it is in. Put that folder first on
# LD_LIBRARY_PATH to run the gpu device's Java path, and those kernels, on a machine without a GPU:
#   LD_LIBRARY_PATH="$(native/gpu/cuda/standin.sh)" ./shmt devices
# It is never installed, and it names itself "SHMT host CUDA stand-in" in every device listing and report.
#
# Usage: standin.sh [--asan] [--out DIR] [SOURCE...]
#   SOURCE   a .cu file or a folder searched for them; the gpu device's own kernels (native/gpu/src/main/cuda,
#            the probe it loads when it opens) are always built in. Without SOURCE: every module's
#            src/main/cuda in this repository, so the bundled apps run.
#   --out    the folder of the library (default: native/gpu/target/cuda-standin)
#   --asan   build with AddressSanitizer (the JVM then needs LD_PRELOAD of the matching libasan)
# The kernel table comes from the sources (kernel_table.sh); a kernel with no host build cannot launch.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
flags=(-O2)
out="$here/../target/cuda-standin"
given=()
usage="usage: standin.sh [--asan] [--out DIR] [SOURCE...]"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --asan) flags=(-O1 -g -fsanitize=address -fno-omit-frame-pointer); shift ;;
        --out)
            [[ $# -ge 2 ]] || { echo "standin.sh: --out needs a folder ($usage)" >&2; exit 2; }
            out="$2"; shift 2 ;;
        -*) echo "standin.sh: unknown option '$1' ($usage)" >&2; exit 2 ;;
        *) given+=("$1"); shift ;;
    esac
done
if [[ ${#given[@]} -eq 0 ]]; then
    mapfile -t given < <(find "$root" -path "$root/.git" -prune -o -name target -prune -o -type d -path '*/src/main/cuda' -print | sort)
fi
# The kernel sources, absolute and sorted.
mapfile -t kernels < <(bash "$here/kernel_table.sh" list "$here/../src/main/cuda" "${given[@]}" | cut -f2 | uniq | sort -u)
mkdir -p "$out"
out="$(cd "$out" && pwd)"
lib="$out/libcuda.so.1"
stamp="$out/.build"
# What the library was built from: the flags and the kernel sources. Rebuild when that changes, or when a
# source, a kernel or a script is newer than the library.
what="$(printf '%s\n' "${flags[*]}" "${kernels[@]}")"
if [[ -f "$lib" && -f "$stamp" && "$(cat "$stamp")" == "$what" ]] \
    && [[ -z "$(find "$here/standin" "$here/emulate" "$here/include" "${kernels[@]}" "$here/standin.sh" \
                "$here/kernel_table.sh" -newer "$lib" -print -quit)" ]]; then
    echo "$out"
    exit 0
fi
gen="$out/generated"
rm -rf "$gen"
bash "$here/kernel_table.sh" standin "$gen" "${kernels[@]}"
# -ffp-contract=off: no fused multiply-adds, like Java and like build.sh's -fmad=false, so the stencils
# give the Java bodies' bits.
"${CXX:-g++}" -std=c++20 "${flags[@]}" -ffp-contract=off -fno-fast-math -fPIC -shared -pthread \
    -Wall -Wno-unknown-pragmas -Wl,-soname,libcuda.so.1 -Wl,--no-undefined \
    -I "$here/standin" -I "$here/include" \
    -o "$lib.tmp" "$here"/standin/*.cpp "$here/emulate/cuda_fibers.cpp" "$gen"/*.cpp
mv "$lib.tmp" "$lib"
echo "$what" > "$stamp"
echo "$out"
