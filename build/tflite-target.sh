#!/usr/bin/env bash
# Prints which JavaCPP TFLite release this build's natives come from and why (the jetpack-* profiles in the
# root pom chose it). Refuses a -Djetpack other than 4, 5 or 6, and a detected target that
# /etc/nv_tegra_release contradicts: the profiles detect by glibc, and the L4T release is the cross-check.
# Called by the root pom in the validate phase with name=value arguments (Maven drops empty arguments).
set -euo pipefail

given="" target="" chosen_by="" tflite="" javacpp="" platform="" release_file=""
for arg in "$@"; do
    case "$arg" in
        given=*) given="${arg#*=}" ;;
        target=*) target="${arg#*=}" ;;
        chosenBy=*) chosen_by="${arg#*=}" ;;
        tflite=*) tflite="${arg#*=}" ;;
        javacpp=*) javacpp="${arg#*=}" ;;
        platform=*) platform="${arg#*=}" ;;
        releaseFile=*) release_file="${arg#*=}" ;;
        *) echo "tflite-target.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

describe() {
    case "$1" in
        4) echo "JetPack 4.6, L4T R32, Ubuntu 18.04" ;;
        5) echo "JetPack 5, L4T R35, Ubuntu 20.04" ;;
        6) echo "JetPack 6, L4T R36, Ubuntu 22.04" ;;
        *) echo "x86_64, or JetPack 6" ;;
    esac
}

if [[ -n "$given" && ! "$given" =~ ^[456]$ ]]; then
    echo "[shmt] -Djetpack=$given is not a target: expected 4 ($(describe 4)), 5 ($(describe 5))" \
        "or 6 ($(describe 6)); leave it out to detect the target." >&2
    exit 1
fi

echo "[shmt] TFLite natives: target ${target} ($(describe "$target")), ${chosen_by}:" \
    "org.bytedeco:tensorflow-lite:${tflite}:${platform}, javacpp ${javacpp}"

# The L4T release line reads "# R32 (release), REVISION: 7.1, ...".
[[ -r "$release_file" ]] || exit 0
l4t="$(grep -oE '^# R[0-9]+' "$release_file" | head -n 1 | tr -d '# ' || true)"
case "$l4t" in
    R32) l4t_target=4 ;;
    R35) l4t_target=5 ;;
    R36) l4t_target=6 ;;
    *)
        echo "[shmt] L4T '${l4t:-unreadable}' in $release_file is none of R32, R35, R36: kept target $target;" \
            "-Djetpack=4|5|6 forces one."
        exit 0
        ;;
esac
effective="$target"
[[ "$effective" == default ]] && effective=6
if [[ "$effective" == "$l4t_target" ]]; then
    echo "[shmt] $release_file: $l4t, which agrees with target $effective"
elif [[ -n "$given" ]]; then
    echo "[shmt] WARNING: $release_file says $l4t ($(describe "$l4t_target")), but -Djetpack=$given forces" \
        "target $given: its natives may need a newer glibc than this system has."
else
    echo "[shmt] $release_file says $l4t ($(describe "$l4t_target")), but the build detected target" \
        "$effective ($chosen_by). The profiles detect by the C library (glibc 2.27 -> 4, 2.31 -> 5, else 6);" \
        "check 'ldd --version', or force the target with -Djetpack=$l4t_target." >&2
    exit 1
fi
