#!/usr/bin/env bash
# Plays the boards the SDK targets on the host CUDA driver stand-in (SHMT_CUDA_STANDIN_DRIVER and
# SHMT_CUDA_STANDIN_CC) and checks which committed kernel files of a module each one loads, as a real driver
# would: a Jetson Nano (CUDA 10.2, compute capability 5.3) loads the ISA 6.5 PTX and refuses the ISA 8.0 PTX; a
# JetPack 5 Xavier (11.4 / 7.2) likewise; an Orin (12.6 / 8.7) loads both; CUDA 10.1 or compute
# capability 5.2 refuse the ISA 6.5 PTX too; a malformed setting fails cuInit naming the variable.
# Each loaded module must resolve every .entry it declares to a host build of that kernel.
#
# Usage: check-standin-gates.sh [--out DIR] [--res DIR]... [SOURCE...]
#   --res DIR  a resource folder whose kernel files (*.ptx, *.sm53.ptx, *.fatbin, searched below it) are
#              loaded (default: native/gpu's src/main/resources and src/test/resources)
#   SOURCE     the kernel sources built into the stand-in (standin.sh; default: native/gpu/src/test/cuda)
#   --out DIR  where standin.sh builds it, or finds it built from the same sources (default: its own)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
res=()
sources=()
standin=(bash "$here/standin.sh")
usage="usage: check-standin-gates.sh [--out DIR] [--res DIR]... [SOURCE...]"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out|--res)
            [[ $# -ge 2 ]] || { echo "check-standin-gates.sh: $1 needs a folder ($usage)" >&2; exit 2; }
            if [[ "$1" == --out ]]; then standin+=(--out "$2"); else res+=("$2"); fi
            shift 2 ;;
        -*) echo "check-standin-gates.sh: unknown option '$1' ($usage)" >&2; exit 2 ;;
        *) sources+=("$1"); shift ;;
    esac
done
[[ ${#res[@]} -gt 0 ]] || res=("$here/../src/main/resources" "$here/../src/test/resources")
[[ ${#sources[@]} -gt 0 ]] || sources=("$here/../src/test/cuda")
libdir="$("${standin[@]}" "${sources[@]}" | tail -1)"
lib="$libdir/libcuda.so.1"
[[ -f "$lib" ]] || { echo "check-standin-gates.sh: standin.sh built no $lib" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gates="$tmp/ptx_gates"
"${CC:-gcc}" -std=c11 -O1 -Wall -Wextra -Werror -o "$gates" "$here/gates/ptx_gates.c" -ldl

mapfile -t ptx65 < <(find "${res[@]}" -name '*.sm53.ptx' -type f | sort)
mapfile -t fatbins < <(find "${res[@]}" -name '*.fatbin' -type f | sort)
mapfile -t ptx80 < <(find "${res[@]}" -name '*.ptx' ! -name '*.sm53.ptx' -type f | sort)
if [[ ${#ptx65[@]} -eq 0 || ${#ptx80[@]} -eq 0 || ${#fatbins[@]} -eq 0 ]]; then
    echo "check-standin-gates.sh: ${res[*]} lack *.ptx, *.sm53.ptx or *.fatbin (run native/gpu/cuda/build.sh)" >&2
    exit 1
fi
echo "check-standin-gates.sh: ${#ptx80[@]} ISA 8.0 PTX, ${#ptx65[@]} ISA 6.5 PTX and ${#fatbins[@]} fatbins on $lib"

failed=0
# check WHAT DRIVER CC ptx_gates-arguments...: runs ptx_gates on the stand-in playing DRIVER / CC ("" leaves
# the variable unset).
check() {
    local what="$1" driver="$2" cc="$3"
    shift 3
    local env=(env -u SHMT_CUDA_STANDIN_DRIVER -u SHMT_CUDA_STANDIN_CC)
    [[ -z "$driver" ]] || env+=("SHMT_CUDA_STANDIN_DRIVER=$driver")
    [[ -z "$cc" ]] || env+=("SHMT_CUDA_STANDIN_CC=$cc")
    echo "== $what"
    if ! "${env[@]}" "$gates" "$lib" "$@"; then
        echo "FAILED: $what" >&2
        failed=1
    fi
}

check "unset: a CUDA 12.0 driver and compute capability 7.5" "" "" device 12000 7 5
check "unset: loads the ISA 8.0 and the ISA 6.5 PTX" "" "" load 0 "" "${ptx80[@]}" "${ptx65[@]}"
check "unset: refuses fatbins (machine code for real GPUs)" "" "" load 209 "fatbin" "${fatbins[@]}"

check "Jetson Nano, JetPack 4.6: CUDA 10.2, compute capability 5.3" 10.2 5.3 device 10020 5 3
check "Nano: loads the ISA 6.5 PTX" 10.2 5.3 load 0 "" "${ptx65[@]}"
# Drivers before CUDA 11.1 have no CUDA_ERROR_UNSUPPORTED_PTX_VERSION: their JIT fails with INVALID_PTX.
check "Nano: refuses the ISA 8.0 PTX with CUDA_ERROR_INVALID_PTX (218)" 10.2 5.3 \
    load 218 "Unsupported .version 8.0; current version is '6.5'" "${ptx80[@]}"

check "Xavier, JetPack 5: CUDA 11.4, compute capability 7.2" 11.4 7.2 device 11040 7 2
check "Xavier: loads the ISA 6.5 PTX" 11.4 7.2 load 0 "" "${ptx65[@]}"
check "Xavier: refuses the ISA 8.0 PTX with CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222)" 11.4 7.2 \
    load 222 "Unsupported .version 8.0; current version is '7.4'" "${ptx80[@]}"

check "Orin, JetPack 6: CUDA 12.6, compute capability 8.7" 12.6 8.7 device 12060 8 7
check "Orin: loads the ISA 8.0 and the ISA 6.5 PTX" 12.6 8.7 load 0 "" "${ptx80[@]}" "${ptx65[@]}"

check "CUDA 10.1 (below the floor): refuses the ISA 6.5 PTX with 218" 10.1 5.3 \
    load 218 "Unsupported .version 6.5; current version is '6.4'" "${ptx65[@]}"
check "compute capability 5.2 (below the floor): refuses the sm_53 PTX with 218" 10.2 5.2 \
    load 218 "SM version specified by .target is higher than default SM version assumed" "${ptx65[@]}"
check "CUDA 12.0 on compute capability 7.2: refuses the sm_75 PTX with 218" 12.0 7.2 \
    load 218 "cannot run on the device's compute capability 7.2" "${ptx80[@]}"

check "malformed SHMT_CUDA_STANDIN_DRIVER fails cuInit" 10 "" init 1 "SHMT_CUDA_STANDIN_DRIVER='10'"
check "malformed SHMT_CUDA_STANDIN_CC fails cuInit" "" 5.x init 1 "SHMT_CUDA_STANDIN_CC='5.x'"

if [[ $failed -ne 0 ]]; then
    echo "check-standin-gates.sh: FAILED (see above)" >&2
    exit 1
fi
echo "check-standin-gates.sh: every board loads and refuses what a real driver would"
