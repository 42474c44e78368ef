#!/usr/bin/env bash
# Spark resource discovery for "gpu": prints {"name": "gpu", "addresses": ["0", "1", ...]}, the CUDA
# ordinals nvidia-smi lists. The SHMT runtime of an executor opens GPU address N as device "gpu" (N = 0)
# or "gpuN", and no GPU it was not granted. Use:
# spark.executor.resource.gpu.discoveryScript=/path/to/discover-gpu.sh (Spark's own example script,
# examples/src/main/scripts/getGpusResources.sh, prints the same).
set -euo pipefail
ids="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | tr -d ' ' || true)"
json=""
for i in $ids; do
  json="$json${json:+, }\"$i\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$json]}"
