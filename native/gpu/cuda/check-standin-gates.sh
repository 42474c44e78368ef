#!/usr/bin/env bash
# Plays the boards the SDK targets on the host CUDA driver stand-in (SHMT_CUDA_STANDIN_DRIVER and
# SHMT_CUDA_STANDIN_CC) and checks which committed kernel files each one loads, as a real driver would:
# a Jetson Nano (CUDA 10.2, compute capability 5.3) loads the ISA 6.5 PTX and refuses the ISA 8.0 PTX; a
# JetPack 5 Xavier (11.4 / 7.2) likewise; an Orin (12.6 / 8.7) loads both; CUDA 10.1 or compute
# capability 5.2 refuse the ISA 6.5 PTX too; a malformed setting fails cuInit naming the variable.
# Each loaded module must resolve every .entry it declares to a host build of that kernel.
#
# Usage: check-standin-gates.sh [LIBDIR]   (LIBDIR holds the stand-in's libcuda.so.1; default: standin.sh's)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kernels="$here/../src/main/resources/dev/shmt/gpu/kernels"
libdir="${1:-$(bash "$here/standin.sh")}"
lib="$libdir/libcuda.so.1"
[[ -f "$lib" ]] || { echo "check-standin-gates.sh: no $lib (build it with native/gpu/cuda/standin.sh)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gates="$tmp/ptx_gates"
"${CC:-gcc}" -std=c11 -O1 -Wall -Wextra -Werror -o "$gates" "$here/gates/ptx_gates.c" -ldl

shopt -s nullglob
ptx65=("$kernels"/*.sm53.ptx)
fatbins=("$kernels"/*.fatbin)
ptx80=()
for f in "$kernels"/*.ptx; do [[ "$f" == *.sm53.ptx ]] || ptx80+=("$f"); done
shopt -u nullglob
if [[ ${#ptx65[@]} -eq 0 || ${#ptx80[@]} -eq 0 || ${#fatbins[@]} -eq 0 ]]; then
    echo "check-standin-gates.sh: $kernels lacks *.ptx, *.sm53.ptx or *.fatbin (run native/gpu/cuda/build.sh)" >&2
    exit 1
fi

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
