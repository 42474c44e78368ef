#!/usr/bin/env bash
# Compiles the CUDA kernel sources of one module into the kernel resources the gpu device loads. Each
# source SRC/<package path>/<name>.cu gives, in RES/<package path>/:
#   <name>.ptx       PTX ISA <= 8.0, .target sm_75 (nvcc), which CUDA 12.0+ drivers JIT-compile
#   <name>.fatbin    SASS sm_75, sm_87, sm_90 + that PTX (nvcc)
#   <name>.sm53.ptx  PTX ISA 6.5, .target sm_53 (clang 14 with the CUDA install's libdevice), which CUDA 10.2+
#                    drivers JIT-compile for compute capability 5.3 and up (Jetson Nano, TX2, Xavier); nvcc 13
#                    no longer targets sm_53
# and records their hashes in SRC/<package path>/<name>.sha256, one manifest per source, so adding a kernel
# touches only its own package folders. Those files are committed, so a machine without nvcc or clang builds
# with them; this script rebuilds only the outputs whose inputs changed, with whichever of the two compilers
# it finds, and says which one it lacks. Sources may include the headers of include/ (shmt_tile.cuh).
#
# Usage: build.sh [--src DIR] [--res DIR] [--force] [--out DIR]
#   --src DIR  the kernel sources (default: native/gpu/src/main/cuda)
#   --res DIR  the resource folder their outputs go to (default: DIR's sibling resources, as src/main/cuda
#              gives src/main/resources)
#   --force    rebuild every kernel, recorded hash or not
#   --out DIR  write the outputs and manifests to DIR/<package path>/ instead (a test rebuilds into a temp
#              dir and compares bytes with the committed files)
# Environment: CLANG (default clang-14); LIBDEVICE (default: nvvm/libdevice/libdevice.10.bc of nvcc's CUDA)
set -euo pipefail
# Globs sort the same everywhere: the key hashes include/'s headers in that order.
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src_root="$here/../src/main/cuda"
res_root=""
out=""
compat="$here/clang/cuda_compat.h"
include="$here/include"
force=false
usage="usage: build.sh [--src DIR] [--res DIR] [--force] [--out DIR]"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --force) force=true; shift ;;
        --src|--res|--out)
            [[ $# -ge 2 ]] || { echo "build.sh: $1 needs a folder ($usage)" >&2; exit 2; }
            case "$1" in --src) src_root="$2" ;; --res) res_root="$2" ;; --out) out="$2" ;; esac
            shift 2 ;;
        *) echo "build.sh: unknown argument '$1' ($usage)" >&2; exit 2 ;;
    esac
done
[[ -d "$src_root" ]] || { echo "build.sh: --src $src_root is not a folder" >&2; exit 2; }
src_root="$(cd "$src_root" && pwd)"
[[ -n "$res_root" ]] || res_root="$(dirname "$src_root")/resources"
mkdir -p "$res_root"
res_root="$(cd "$res_root" && pwd)"
committed="$res_root"
if [[ -n "$out" ]]; then
    mkdir -p "$out"
    out="$(cd "$out" && pwd)"
fi
mapfile -t sources < <(find "$src_root" -name '*.cu' -type f | sort)
headers=("$include"/*.cuh)

# The outputs of a source that is gone go with its manifest (the manifest is how they are known).
if [[ -z "$out" ]]; then
    while IFS= read -r manifest; do
        rel="${manifest#"$src_root"/}"
        if [[ ! -f "${manifest%.sha256}.cu" ]]; then
            rm -f "$res_root/${rel%.sha256}.ptx" "$res_root/${rel%.sha256}.fatbin" "$res_root/${rel%.sha256}.sm53.ptx" \
                "$manifest"
            echo "build.sh: removed the outputs of ${rel%.sha256}.cu, whose source is gone"
        fi
    done < <(find "$src_root" -name '*.sha256' -type f | sort)
fi
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "build.sh: no kernel sources (*.cu) under $src_root"
    exit 0
fi

# --- nvcc: the ISA 8.0 PTX and the fatbins ---
have_nvcc=false
if command -v nvcc >/dev/null 2>&1; then
    have_nvcc=true
    nvcc_dir="$(dirname "$(readlink -f "$(command -v nvcc)")")"
    ptxas="$(command -v ptxas || true)"
    [[ -n "$ptxas" ]] || ptxas="$nvcc_dir/ptxas"
    nvcc_version="$(nvcc --version | sed -n 's/.*, V\([0-9.]*\)$/\1/p')"
fi

# -fmad=false: Java never fuses a multiply and an add, and the stencils must equal it bit for bit.
# -ftz=false -prec-div=true -prec-sqrt=true are nvcc's defaults, spelled out because results depend on them.
NVCC_PTX_FLAGS=(-ptx -arch=compute_75 -O3 -fmad=false -ftz=false -prec-div=true -prec-sqrt=true -I "$include")
# -no-compress: the fatbin compression of newer toolkits is not readable by every older driver; the
# uncompressed images cost a few KiB.
NVCC_FATBIN_FLAGS=(-fatbin -no-compress
    -gencode 'arch=compute_75,code=[sm_75,compute_75]'
    -gencode arch=compute_87,code=sm_87
    -gencode arch=compute_90,code=sm_90)
# PTX ISA 8.0 is the newest a CUDA 12.0 driver JIT-compiles; CUDA 13's nvcc writes 9.0, which CUDA 12
# drivers refuse, although these kernels use nothing newer than 8.0.
PTX_ISA=8.0

# --- clang: the ISA 6.5 PTX ---
clang="${CLANG:-clang-14}"
clang_missing=""
if ! command -v "$clang" >/dev/null 2>&1; then
    clang_missing="$clang is not on the PATH (Debian: apt-get install clang-14; or set CLANG)"
else
    clang_version="$("$clang" --version | sed -n 's/.*clang version \([0-9][0-9.]*\).*/\1/p' | head -1)"
    llvm_bin="$(dirname "$(readlink -f "$(command -v "$clang")")")"
    libdevice="${LIBDEVICE:-}"
    if [[ -z "$libdevice" ]] && $have_nvcc; then
        libdevice="$(nvcc -dryrun -ptx "${sources[0]}" -o /dev/null 2>&1 | sed -n 's/^#\$ NVVMIR_LIBRARY_DIR=//p')"
        libdevice="${libdevice:+$libdevice/libdevice.10.bc}"
    fi
    libdevice="${libdevice:-/usr/local/cuda/nvvm/libdevice/libdevice.10.bc}"
    if [[ ! -x "$llvm_bin/llvm-dis" || ! -x "$llvm_bin/llvm-as" ]]; then
        clang_missing="llvm-dis and llvm-as are not next to $clang in $llvm_bin (Debian: apt-get install llvm-14)"
    elif [[ ! -f "$libdevice" ]]; then
        clang_missing="there is no $libdevice (CUDA's libdevice: put nvcc on the PATH or set LIBDEVICE)"
    fi
fi
# clang compiles CUDA for sm_53 at PTX ISA 6.5 against the CUDA install's libdevice (the math library nvcc
# uses), with clang/cuda_compat.h standing in for CUDA's headers, which clang 14 cannot read. The same
# floating-point rules as nvcc above: no contraction into fma, no flush to zero, IEEE division and
# square root.
CLANG_FLAGS=(-x cuda --cuda-gpu-arch=sm_53 --cuda-device-only -nocudainc -nocudalib -Wno-unknown-cuda-version
    -O3 -ffp-contract=off -fno-cuda-flush-denormals-to-zero -fno-cuda-approx-transcendentals
    -mllvm -nvptx-prec-divf32=2 -mllvm -nvptx-prec-sqrtf32=1
    -Xclang -target-feature -Xclang +ptx65 -include "$compat" -I "$include")
# Instructions whose results depend on the compiler's floating-point choices: each may appear in an ISA 6.5
# PTX only where nvcc's ISA 8.0 PTX of the same source has it too.
FP_CHOICES=('fma\.' 'mad\.(r[nzmp]\.)?f(16|32|64)' '(add|sub|mul)\.f(32|64)[[:space:]]' '\.ftz' 'div\.full'
    'div\.approx' 'sqrt\.approx' 'rcp\.approx' 'rsqrt\.approx' 'ex2\.approx' 'lg2\.approx' 'sin\.approx'
    'cos\.approx')

if ! $have_nvcc && [[ -n "$clang_missing" ]]; then
    echo "build.sh: nvcc is not on the PATH and $clang_missing; the committed kernels in $res_root are used."
    exit 0
fi
$have_nvcc || echo "build.sh: nvcc is not on the PATH: the committed ISA 8.0 PTX and fatbins are kept."
[[ -z "$clang_missing" ]] || echo "build.sh: $clang_missing: the committed ISA 6.5 PTX (*.sm53.ptx) is kept."

# The CUDA release whose driver first reads a PTX ISA version (PTX ISA notes, "PTX ISA version").
driver_for_isa() {
    case "$1" in
        8.0) echo 12.0 ;; 8.1) echo 12.1 ;; 8.2) echo 12.2 ;; 8.3) echo 12.3 ;; 8.4) echo 12.4 ;;
        8.5) echo 12.5 ;; 8.6) echo 12.7 ;; 8.7) echo 12.8 ;; 8.8) echo 12.9 ;; 9.0) echo 13.0 ;;
        *) echo "the release that introduced PTX ISA $1" ;;
    esac
}

sha() { sha256sum | cut -d' ' -f1; }
# The key of a source: its bytes, this script's bytes, then include/'s headers' bytes, so changed flags or
# a changed shared header rebuild everything.
key_of() { cat "$1" "$here/build.sh" "${headers[@]}" | sha; }
# The key of a source's ISA 6.5 PTX: the same, then the compatibility header's bytes.
key65_of() { cat "$1" "$here/build.sh" "${headers[@]}" "$compat" | sha; }
# Manifest $1's field $2 (key, ptx, fatbin, ...), empty if absent.
recorded() { [[ -f "$1" ]] && awk -v k="$2=" '!/^#/ { for (i = 2; i <= NF; i++) if (index($i, k) == 1) print substr($i, length(k) + 1) }' "$1" || true; }
# Manifest $1's fields $2... as " name=value" words, those recorded.
recorded_fields() { local m="$1" k v; shift; for k in "$@"; do v="$(recorded "$m" "$k")"; [[ -z "$v" ]] || printf ' %s=%s' "$k" "$v"; done; }

# What a driver and the gpu device see of a PTX module, one line each, independent of the compiler: every
# .entry with its parameter types and launch bounds (parameter names dropped), and every .const array with
# its bytes (trailing zeros written out).
ptx_interface() {
    awk '
        /\.entry / { entry = 1; sig = "" }
        entry { line = $0; gsub(/[A-Za-z_$][A-Za-z0-9_$]*_param_[0-9]+/, "", line); sig = sig " " line }
        entry && /^\{/ { gsub(/[ \t]+/, " ", sig); print sig; entry = 0 }
        /^(\.visible )?\.const / {
            line = $0; sub(/^\.visible /, "", line)
            if (match(line, /\[[0-9]+\] = \{[^}]*\}/)) {
                head = substr(line, 1, RSTART - 1); body = substr(line, RSTART, RLENGTH)
                n = body; sub(/\].*/, "", n); sub(/^\[/, "", n)
                list = body; sub(/^[^{]*\{/, "", list); sub(/\}$/, "", list)
                k = split(list, b, /, */); s = b[1]
                for (i = 2; i <= k; i++) s = s "," b[i]
                for (i = k + 1; i <= n; i++) s = s ",0"
                print head "[" n "] = {" s "}"
            } else print line
        }' "$1"
}
# How many instructions of PTX file $1 match the extended regex $2 (comments excluded).
count() { grep -v '^[[:space:]]*//' "$1" | grep -cE "$2" || true; }

# Checks the ISA 6.5 PTX $2 of source $1 against nvcc's ISA 8.0 PTX $3; prints a summary or fails.
check_ptx65() {
    local file="$1" p65="$2" p80="$3" pattern n80 n65 stats=""
    if [[ "$(sed -n 's/^\.version //p' "$p65")" != 6.5 || "$(sed -n 's/^\.target //p' "$p65")" != sm_53 ]]; then
        echo "build.sh: clang did not write .version 6.5 / .target sm_53 for $file" >&2
        exit 1
    fi
    if ! diff <(ptx_interface "$p80") <(ptx_interface "$p65") > "$tmp/interface.diff"; then
        cat "$tmp/interface.diff" >&2
        echo "build.sh: the ISA 6.5 PTX of $file declares other entries, parameters, bounds or constants than" \
             "$(basename "$p80") (< nvcc, > clang): fix clang/cuda_compat.h or the source" >&2
        exit 1
    fi
    for pattern in "${FP_CHOICES[@]}"; do
        n80="$(count "$p80" "$pattern")"
        n65="$(count "$p65" "$pattern")"
        if [[ "$n80" -eq 0 && "$n65" -ne 0 ]]; then
            grep -nE "$pattern" "$p65" | head -5 >&2
            echo "build.sh: the ISA 6.5 PTX of $file has $n65 instructions matching '$pattern' where nvcc's" \
                 "has none: its results would differ from the Java bodies' (see FP_CHOICES)" >&2
            exit 1
        fi
    done
    for pattern in 'fma\.rn' 'div\.rn' 'sqrt\.rn'; do
        stats+=" ${pattern//\\/} $(count "$p80" "$pattern")/$(count "$p65" "$pattern")"
    done
    echo "build.sh: built $(basename "$p65") (PTX ISA 6.5, sm_53, clang $clang_version): same interface as" \
         "$(basename "$p80"); nvcc/clang:$stats"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# libdevice as clang 14 should read it. LLVM 14's InstCombine rewrites llvm.nvvm.round.f, which NVVM
# defines as cvt.rni (ties to even, what nvcc's sincospif does), into llvm.round (ties away from zero);
# LLVM 18 dropped that rewrite (llvm-project PR 76870). llvm.rint is the same cvt.rni and is kept. The
# copy keeps libdevice's file name, by which the IR linker knows its target lines need no warning.
libdevice_bc=""
prepare_libdevice() {
    [[ -z "$libdevice_bc" ]] || return 0
    libdevice_bc="$tmp/libdevice.10.bc"
    "$llvm_bin/llvm-dis" "$libdevice" -o - \
        | sed -e 's/@llvm\.nvvm\.round\.f(/@llvm.rint.f32(/g' -e 's/@llvm\.nvvm\.round\.d(/@llvm.rint.f64(/g' \
        | "$llvm_bin/llvm-as" -o "$libdevice_bc"
    libdevice_sha="$(sha < "$libdevice")"
}

built=0
for src in "${sources[@]}"; do
    rel="${src#"$src_root"/}"
    file="$(basename "$src")"
    name="${file%.cu}"
    # The package folder of the source: its outputs' folder under the resources (or --out).
    pkg="$(dirname "$rel")"
    [[ "$pkg" != . ]] || pkg=""
    dest="${out:-$res_root}${pkg:+/$pkg}"
    mkdir -p "$dest"
    # The recorded hashes: next to the source, or (--out) next to the outputs.
    manifest="${src%.cu}.sha256"
    [[ -z "$out" ]] || manifest="$dest/$name.sha256"
    key="$(key_of "$src")"
    key65="$(key65_of "$src")"
    ptx="$dest/$name.ptx"
    fatbin="$dest/$name.fatbin"
    ptx65="$dest/$name.sm53.ptx"

    if ! $force && [[ "$(recorded "$manifest" key)" == "$key" && -f "$ptx" && -f "$fatbin" ]] \
        && [[ "$(recorded "$manifest" ptx)" == "$(sha < "$ptx")" && "$(recorded "$manifest" fatbin)" == "$(sha < "$fatbin")" ]]; then
        nv="$(recorded_fields "$manifest" key ptx fatbin nvcc)"
    elif $have_nvcc; then
        nvcc "${NVCC_PTX_FLAGS[@]}" "$src" -o "$tmp/$name.ptx"
        isa="$(sed -n 's/^\.version \([0-9.]*\)$/\1/p' "$tmp/$name.ptx")"
        [[ -n "$isa" ]] || { echo "build.sh: no .version line in the PTX nvcc wrote for $rel" >&2; exit 1; }
        if awk -v a="$isa" -v b="$PTX_ISA" 'BEGIN { split(a, x, "."); split(b, y, "."); exit !(x[1] > y[1] || (x[1] == y[1] && x[2] > y[2])) }'; then
            sed -i "s/^\.version $isa\$/.version $PTX_ISA/" "$tmp/$name.ptx"
            if ! "$ptxas" -arch=sm_75 "$tmp/$name.ptx" -o "$tmp/$name.cubin" 2> "$tmp/ptxas.log"; then
                cat "$tmp/ptxas.log" >&2
                echo "build.sh: ptxas rejects the PTX of $rel lowered from ISA $isa to $PTX_ISA: the kernel uses a" \
                     "feature newer than PTX ISA $PTX_ISA. As nvcc wrote it (ISA $isa) it needs a CUDA $(driver_for_isa "$isa")" \
                     "driver or newer. Keep the kernel within PTX ISA $PTX_ISA (CUDA $(driver_for_isa "$PTX_ISA") drivers), or" \
                     "raise PTX_ISA here and the driver requirement in README.md." >&2
                exit 1
            fi
        else
            "$ptxas" -arch=sm_75 "$tmp/$name.ptx" -o "$tmp/$name.cubin"
        fi
        nvcc "${NVCC_FATBIN_FLAGS[@]}" "$tmp/$name.ptx" -o "$tmp/$name.fatbin"
        mv "$tmp/$name.ptx" "$ptx"
        mv "$tmp/$name.fatbin" "$fatbin"
        nv=" key=$key ptx=$(sha < "$ptx") fatbin=$(sha < "$fatbin") nvcc=$nvcc_version"
        echo "build.sh: built ${pkg:+$pkg/}$name.ptx (PTX ISA $(sed -n 's/^\.version //p' "$ptx"), from $isa) and $name.fatbin"
        built=$((built + 1))
    else
        nv="$(recorded_fields "$manifest" key ptx fatbin nvcc)"
        $force || [[ -z "$nv" ]] || echo "build.sh: $rel or build.sh changed since $name.ptx and $name.fatbin were built; without nvcc they stay" \
             "as they are (and CudaKernelsFreshTest fails until they are rebuilt)"
    fi

    if ! $force && [[ "$(recorded "$manifest" key65)" == "$key65" && -f "$ptx65" ]] \
        && [[ "$(recorded "$manifest" ptx65)" == "$(sha < "$ptx65")" ]]; then
        cl="$(recorded_fields "$manifest" key65 ptx65 clang libdevice)"
    elif [[ -z "$clang_missing" ]]; then
        prepare_libdevice
        "$clang" "${CLANG_FLAGS[@]}" -Xclang -mlink-builtin-bitcode -Xclang "$libdevice_bc" -S "$src" \
            -o "$tmp/$name.sm53.ptx"
        # nvcc's PTX of this run, else the committed one (--out without nvcc)
        reference="$ptx"
        [[ -f "$reference" ]] || reference="$committed${pkg:+/$pkg}/$name.ptx"
        [[ -f "$reference" ]] || { echo "build.sh: no $name.ptx to check $name.sm53.ptx against" >&2; exit 1; }
        check_ptx65 "$rel" "$tmp/$name.sm53.ptx" "$reference"
        if [[ -n "$(command -v ptxas || true)" ]]; then
            bash "$here/check-ptx65.sh" "$tmp/$name.sm53.ptx" > "$tmp/check.log" 2>&1 \
                || { cat "$tmp/check.log" >&2; exit 1; }
        fi
        mv "$tmp/$name.sm53.ptx" "$ptx65"
        cl=" key65=$key65 ptx65=$(sha < "$ptx65") clang=$clang_version libdevice=$libdevice_sha"
        built=$((built + 1))
    else
        cl="$(recorded_fields "$manifest" key65 ptx65 clang libdevice)"
        $force || [[ -z "$cl" ]] || echo "build.sh: $rel, build.sh, include/ or clang/cuda_compat.h changed since $name.sm53.ptx was" \
             "built; without clang it stays as it is (and CudaKernelsFreshTest fails until it is rebuilt)"
    fi

    line="$file$nv$cl"
    if [[ "$(grep -v '^#' "$manifest" 2>/dev/null || true)" != "$line" ]]; then
        {
            echo "# Written by native/gpu/cuda/build.sh: $file's outputs $name.ptx, $name.fatbin and $name.sm53.ptx in"
            echo "# the resources' ${pkg:-top} folder. key = SHA-256 of (source, build.sh, include/*.cuh); ptx / fatbin / ptx65"
            echo "# = SHA-256 of the outputs; nvcc, clang = the releases that built them; key65 = the key, then"
            echo "# clang/cuda_compat.h; libdevice = SHA-256 of the libdevice.10.bc clang linked."
            echo "$line"
        } > "$tmp/manifest"
        mv "$tmp/manifest" "$manifest"
    fi
done
[[ $built -gt 0 ]] || echo "build.sh: kernels up to date (${#sources[@]} sources under $src_root)"
