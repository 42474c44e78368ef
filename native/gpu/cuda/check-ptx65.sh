#!/usr/bin/env bash
# Checks that every PTX ISA 6.5 kernel (<name>.sm53.ptx) assembles with the ptxas on the PATH, for the oldest
# GPU that ptxas supports. ptxas checks each instruction against the file's own .version and .target (one
# that needs PTX ISA 7.0 or sm_60 is an error even when assembling for a newer GPU), so this catches what a
# CUDA 10.2 driver on a Jetson Nano would refuse to JIT-compile, short of a Nano. Should a ptxas refuse
# .target sm_53 itself (ptxas 13 takes it), copies with only the .target line rewritten to its oldest GPU
# are assembled instead, and the output says so. Exits 0 with the reason printed when there is no ptxas (a machine without the CUDA toolkit).
#
# Usage: check-ptx65.sh [FILE...]   (default: every *.sm53.ptx in the resources (src/*/resources) of every
#                                   module of this repository)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ptxas="$(command -v ptxas || true)"
if [[ -z "$ptxas" ]]; then
    echo "check-ptx65.sh: SKIPPED: ptxas is not on the PATH (it comes with the CUDA toolkit), so the PTX ISA 6.5" \
         "kernels were not assembled."
    exit 0
fi

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
    root="$(cd "$here/../../.." && pwd)"
    mapfile -t files < <(find "$root" -path "$root/.git" -prune -o -name target -prune -o -type f -name '*.sm53.ptx' \
        -path '*/src/*/resources/*' -print | sort)
    if [[ ${#files[@]} -eq 0 ]]; then
        echo "check-ptx65.sh: FAILED: no *.sm53.ptx in any module's src/*/resources of $root (run native/gpu/cuda/build.sh)" >&2
        exit 1
    fi
fi

release="$("$ptxas" --version | sed -n 's/.*release \([0-9.]*\), V\([0-9.]*\).*/\2/p')"
# The oldest real GPU this ptxas assembles for: the lowest sm_XY (no a/f suffix) its --help lists.
oldest="$("$ptxas" --help | grep -oE "'sm_[0-9]+'" | tr -d "'" | sort -t_ -k2 -n | head -1)"
if [[ -z "$oldest" ]]; then
    echo "check-ptx65.sh: FAILED: cannot read the GPU names $ptxas supports from its --help" >&2
    exit 1
fi
echo "check-ptx65.sh: $ptxas (CUDA ${release:-unknown release}); the oldest GPU it assembles for is $oldest"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Does this ptxas take .target sm_53 at all? An empty kernel answers that, apart from any kernel's content.
printf '.version 6.5\n.target sm_53\n.address_size 64\n.visible .entry probe()\n{\n\tret;\n}\n' > "$tmp/probe.ptx"
rewrite=false
if ! "$ptxas" -arch="$oldest" "$tmp/probe.ptx" -o "$tmp/probe.cubin" 2> "$tmp/probe.log"; then
    rewrite=true
    echo "check-ptx65.sh: NOTE: this ptxas refuses .target sm_53 ($(head -1 "$tmp/probe.log")); each file is" \
         "assembled from a copy with only its .target line rewritten to $oldest, so its instructions are checked" \
         "against PTX ISA 6.5 but not against sm_53"
fi

failed=0
for f in "${files[@]}"; do
    name="$(basename "$f")"
    isa="$(sed -n 's/^\.version \([0-9.]*\)[[:space:]]*$/\1/p' "$f")"
    target="$(sed -n 's/^\.target \([A-Za-z0-9_]*\)[[:space:]]*$/\1/p' "$f")"
    if [[ "$isa" != 6.5 || "$target" != sm_53 ]]; then
        echo "FAILED: $name has .version '${isa}' and .target '${target}', not 6.5 and sm_53" >&2
        failed=1
        continue
    fi
    input="$f"
    how="(PTX ISA 6.5, .target sm_53)"
    if $rewrite; then
        input="$tmp/$name"
        sed "s/^\.target sm_53[[:space:]]*$/.target $oldest/" "$f" > "$input"
        how="(PTX ISA 6.5, .target rewritten from sm_53 to $oldest)"
    fi
    if "$ptxas" -arch="$oldest" "$input" -o "$tmp/out.cubin" 2> "$tmp/log"; then
        echo "ok: $name $how assembles for $oldest"
    else
        cat "$tmp/log" >&2
        echo "FAILED: $name $how does not assemble with $ptxas for $oldest" >&2
        failed=1
    fi
done
if [[ $failed -ne 0 ]]; then
    echo "check-ptx65.sh: FAILED: a PTX ISA 6.5 kernel does not assemble (see above); rebuild with native/gpu/cuda/build.sh" \
         "and keep the kernels within PTX ISA 6.5 and sm_53" >&2
    exit 1
fi
echo "check-ptx65.sh: all ${#files[@]} PTX ISA 6.5 files assemble"
