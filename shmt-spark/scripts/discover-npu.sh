#!/usr/bin/env bash
# Spark resource discovery for the custom resource "npu": prints {"name": "npu", "addresses": [...]} with one
# address per Coral Edge TPU this host has: PCIe/M.2 ones as /dev/apex_N (the gasket driver), USB ones by
# their vendor and product ids in sysfs (1a6e:089a before the runtime first loads it, 18d1:9302 after).
# Use: spark.executor.resource.npu.discoveryScript=/path/to/discover-npu.sh (and .amount=1 on executors,
# spark.task.resource.npu.amount as tasks share it). SHMT_DISCOVERY_ROOT prefixes /dev and /sys (tests).
set -euo pipefail
root="${SHMT_DISCOVERY_ROOT:-}"
addresses=()
for dev in "$root"/dev/apex_*; do
  [ -e "$dev" ] && addresses+=("${dev##*/apex_}")
done
n=0
for d in "$root"/sys/bus/usb/devices/*; do
  [ -f "$d/idVendor" ] && [ -f "$d/idProduct" ] || continue
  id="$(cat "$d/idVendor"):$(cat "$d/idProduct")"
  if [ "$id" = "1a6e:089a" ] || [ "$id" = "18d1:9302" ]; then
    addresses+=("usb$n")
    n=$((n + 1))
  fi
done
json=""
for a in "${addresses[@]+"${addresses[@]}"}"; do
  json="$json${json:+, }\"$a\""
done
echo "{\"name\": \"npu\", \"addresses\": [$json]}"
