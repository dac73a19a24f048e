#!/usr/bin/env bash
# The main job: builds the CLI and runs the whole pipeline (`mlops run`) on the JVM-only sample,
# with the embedded defaults (local registry under test-repos/jvm-classifier/.mlops). Needs only a
# JDK 17. Extra arguments go to `mlops run`, e.g. --set train.params.features=1 to see a gate fail.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package
exec java -jar shared-core/target/mlops.jar run --config test-repos/jvm-classifier/mlops.yaml "$@"
