#!/usr/bin/env bash
# Compiles native/cuda/*.cu into the kernel resources the gpu device loads:
#   native/src/main/resources/dev/shmt/gpu/kernels/<name>.ptx     PTX ISA <= 8.0, .target sm_75
#   native/src/main/resources/dev/shmt/gpu/kernels/<name>.fatbin  SASS sm_75, sm_87, sm_90 + that PTX
# and records them in native/cuda/compiled.sha256. Those files are committed, so a machine without nvcc
# builds with them; this script rebuilds only kernels whose source (or this script) changed.
#
# Usage: build.sh [--force] [--out DIR]
#   --force    rebuild every kernel, recorded hash or not
#   --out DIR  write the outputs and a compiled.sha256 to DIR instead (a test rebuilds into a temp dir
#              and compares bytes with the committed files)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../src/main/resources/dev/shmt/gpu/kernels"
manifest="$here/compiled.sha256"
force=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --force) force=true; shift ;;
        --out) out="$2"; manifest="$2/compiled.sha256"; shift 2 ;;
        *) echo "build.sh: unknown argument '$1' (usage: build.sh [--force] [--out DIR])" >&2; exit 2 ;;
    esac
done

if ! command -v nvcc >/dev/null 2>&1; then
    echo "build.sh: nvcc is not on the PATH; the committed kernels in src/main/resources/dev/shmt/gpu/kernels are used."
    exit 0
fi
nvcc_dir="$(dirname "$(readlink -f "$(command -v nvcc)")")"
ptxas="$(command -v ptxas || true)"
[[ -n "$ptxas" ]] || ptxas="$nvcc_dir/ptxas"
nvcc_version="$(nvcc --version | sed -n 's/.*, V\([0-9.]*\)$/\1/p')"

# -fmad=false: Java never fuses a multiply and an add, and the stencils must equal it bit for bit.
# -ftz=false -prec-div=true -prec-sqrt=true are nvcc's defaults, spelled out because results depend on them.
NVCC_PTX_FLAGS=(-ptx -arch=compute_75 -O3 -fmad=false -ftz=false -prec-div=true -prec-sqrt=true)
# -no-compress: the fatbin compression of newer toolkits is not readable by every older driver; the
# uncompressed images cost a few KiB.
NVCC_FATBIN_FLAGS=(-fatbin -no-compress
    -gencode 'arch=compute_75,code=[sm_75,compute_75]'
    -gencode arch=compute_87,code=sm_87
    -gencode arch=compute_90,code=sm_90)
# PTX ISA 8.0 is the newest a CUDA 12.0 driver JIT-compiles; CUDA 13's nvcc writes 9.0, which CUDA 12
# drivers refuse, although these kernels use nothing newer than 8.0.
PTX_ISA=8.0

# The CUDA release whose driver first reads a PTX ISA version (PTX ISA notes, "PTX ISA version").
driver_for_isa() {
    case "$1" in
        8.0) echo 12.0 ;; 8.1) echo 12.1 ;; 8.2) echo 12.2 ;; 8.3) echo 12.3 ;; 8.4) echo 12.4 ;;
        8.5) echo 12.5 ;; 8.6) echo 12.7 ;; 8.7) echo 12.8 ;; 8.8) echo 12.9 ;; 9.0) echo 13.0 ;;
        *) echo "the release that introduced PTX ISA $1" ;;
    esac
}

sha() { sha256sum | cut -d' ' -f1; }
# The key of a source: its bytes followed by this script's bytes, so changed flags rebuild everything.
key_of() { cat "$1" "$here/build.sh" | sha; }
# The manifest's field $2 (key=, ptx=, fatbin=) for source $1, empty if absent.
recorded() { [[ -f "$manifest" ]] && awk -v f="$1" -v k="$2=" '$1 == f { for (i = 2; i <= NF; i++) if (index($i, k) == 1) print substr($i, length(k) + 1) }' "$manifest" || true; }

mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

lines=()
built=0
for src in "$here"/*.cu; do
    file="$(basename "$src")"
    name="${file%.cu}"
    key="$(key_of "$src")"
    ptx="$out/$name.ptx"
    fatbin="$out/$name.fatbin"
    old_nvcc="$(recorded "$file" nvcc)"
    if ! $force && [[ "$(recorded "$file" key)" == "$key" && -f "$ptx" && -f "$fatbin" ]] \
        && [[ "$(recorded "$file" ptx)" == "$(sha < "$ptx")" && "$(recorded "$file" fatbin)" == "$(sha < "$fatbin")" ]]; then
        lines+=("$file key=$key ptx=$(sha < "$ptx") fatbin=$(sha < "$fatbin") nvcc=$old_nvcc")
        continue
    fi

    nvcc "${NVCC_PTX_FLAGS[@]}" "$src" -o "$tmp/$name.ptx"
    isa="$(sed -n 's/^\.version \([0-9.]*\)$/\1/p' "$tmp/$name.ptx")"
    [[ -n "$isa" ]] || { echo "build.sh: no .version line in the PTX nvcc wrote for $file" >&2; exit 1; }
    if awk -v a="$isa" -v b="$PTX_ISA" 'BEGIN { split(a, x, "."); split(b, y, "."); exit !(x[1] > y[1] || (x[1] == y[1] && x[2] > y[2])) }'; then
        sed -i "s/^\.version $isa\$/.version $PTX_ISA/" "$tmp/$name.ptx"
        if ! "$ptxas" -arch=sm_75 "$tmp/$name.ptx" -o "$tmp/$name.cubin" 2> "$tmp/ptxas.log"; then
            cat "$tmp/ptxas.log" >&2
            echo "build.sh: ptxas rejects the PTX of $file lowered from ISA $isa to $PTX_ISA: the kernel uses a" \
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
    lines+=("$file key=$key ptx=$(sha < "$ptx") fatbin=$(sha < "$fatbin") nvcc=$nvcc_version")
    echo "build.sh: built $name.ptx (PTX ISA $(sed -n 's/^\.version //p' "$ptx"), from $isa) and $name.fatbin"
    built=$((built + 1))
done

# Outputs of sources that no longer exist go with their manifest lines.
if [[ -f "$manifest" ]]; then
    for gone in $(awk '!/^#/ { print $1 }' "$manifest"); do
        if [[ ! -f "$here/$gone" ]]; then
            rm -f "$out/${gone%.cu}.ptx" "$out/${gone%.cu}.fatbin"
            echo "build.sh: removed the outputs of $gone, whose source is gone"
        fi
    done
fi

{
    echo "# Written by native/cuda/build.sh. Per kernel source: key = SHA-256 of (source bytes, then build.sh bytes),"
    echo "# ptx / fatbin = SHA-256 of the committed outputs in src/main/resources/dev/shmt/gpu/kernels, nvcc = the"
    echo "# nvcc release that built them."
    printf '%s\n' "${lines[@]}"
} > "$tmp/compiled.sha256"
mv "$tmp/compiled.sha256" "$manifest"
[[ $built -gt 0 ]] || echo "build.sh: kernels up to date (${#lines[@]} sources)"
