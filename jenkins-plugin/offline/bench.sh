#!/usr/bin/env bash
# Measures what the Jenkins steps add around the engine: the tool installer putting the engine on an
# agent (cold/warm), and a whole mlopsTrain step (durable task) against the bare CLI on a run-cache hit. Prints
# medians in ms and the command. Usage: jenkins-plugin/offline/bench.sh [repetitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp package -pl engine-dist,jenkins-plugin/offline -am -DskipTests
./mvnw -q -B -ntp test-compile dependency:build-classpath -pl jenkins-plugin/offline -am \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
OFF=jenkins-plugin/offline/target
exec java -cp "$OFF/test-classes:$OFF/classes:$(cat "$OFF/test-classpath.txt")" \
  -Dmlops.repoRoot="$PWD" io.mlopsci.jenkins.StepOverheadBench "$@"
