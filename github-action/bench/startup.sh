#!/usr/bin/env bash
# Measures the action image's container start to first output line, and the time to the end of a
# publish-only run with no GitHub token (reads a result.json, writes outputs and the summary).
# Usage: github-action/bench/startup.sh [IMAGE] [RUNS]   (DOCKER_HOST selects the engine)
set -euo pipefail
image="${1:-mlops-test/mlops-action:it}"
runs="${2:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ws/r" "$work/fc"
cat > "$work/ws/r/result.json" <<'JSON'
{"schemaVersion":1,"step":"evaluate-gate","verdict":"PASS","exitCode":0,"summary":"all 1 criteria passed",
 "criteria":[{"id":"auc.min","metric":"auc","rule":"min","status":"PASS","effect":"PASS","actual":0.9,"threshold":0.8}]}
JSON
echo "image: $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}'))"
echo "command: docker run --rm -v WS:/github/workspace -v FC:/github/file_commands -e INPUT_STEP=publish ... $image"
first_total=0; end_total=0
for i in $(seq 1 "$runs"); do
  : > "$work/fc/out"; : > "$work/fc/summary"
  t0=$(date +%s%N)
  docker run --rm -v "$work/ws:/github/workspace" -v "$work/fc:/github/file_commands" --workdir /github/workspace \
    -e INPUT_STEP=publish -e INPUT_RESULT=r/result.json -e INPUT_GITHUB_TOKEN= -e GITHUB_WORKSPACE=/github/workspace \
    -e GITHUB_OUTPUT=/github/file_commands/out -e GITHUB_STEP_SUMMARY=/github/file_commands/summary "$image" \
    | { IFS= read -r _; t1=$(date +%s%N); echo "$t1" > "$work/first"; cat > /dev/null; }
  t2=$(date +%s%N)
  t1=$(cat "$work/first")
  first_ms=$(( (t1 - t0) / 1000000 )); end_ms=$(( (t2 - t0) / 1000000 ))
  first_total=$((first_total + first_ms)); end_total=$((end_total + end_ms))
  echo "run $i: first output ${first_ms} ms, finished ${end_ms} ms"
done
echo "mean over $runs runs: first output $((first_total / runs)) ms, finished $((end_total / runs)) ms"
