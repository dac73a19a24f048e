# The Spark variant of the mlops-ci action image: the action image (github-action/Dockerfile) plus
# the Spark add-on (mlops-spark.jar, data.engine: spark through Spark Connect) and a JRE with the
# modules the Spark Connect client needs. The default image stays without them. Build context: the
# repository root.
#
#   docker build -f github-action/spark.Dockerfile \
#     --build-arg ACTION_IMAGE=ghcr.io/mlops-ci/mlops-action:1.0.0 \
#     -t ghcr.io/mlops-ci/mlops-action-spark:1.0.0 .
#
# A build that has the add-on already (built offline: ./mvnw -pl shared-core,spark-engine -DskipTests
# package) passes --build-arg PREBUILT_JAR=1 and any local JDK 17 image as BUILD_IMAGE.
ARG BUILD_IMAGE=docker.io/library/maven:3.9.9-eclipse-temurin-17
ARG ACTION_IMAGE=ghcr.io/mlops-ci/mlops-action:1.0.0

FROM ${BUILD_IMAGE} AS build
ARG PREBUILT_JAR=0
WORKDIR /src
COPY . /src
RUN set -e; \
    if [ "$PREBUILT_JAR" = 1 ]; then \
      test -f spark-engine/target/mlops-spark.jar || { echo "PREBUILT_JAR=1 but spark-engine/target/mlops-spark.jar is missing" >&2; exit 1; }; \
    else \
      mvn -B -ntp -pl spark-engine -am -DskipTests package; \
    fi; \
    mkdir -p /out/rootfs/opt/mlops; \
    cp spark-engine/target/mlops-spark.jar /out/rootfs/opt/mlops/mlops-spark.jar
# The action's modules and those the Spark Connect client uses (jdeps --print-module-deps of the
# add-on: JMX, RMI, scripting and JFR come from Spark's and log4j's utilities).
RUN set -e; \
    jlink --add-modules "$(cat github-action/src/docker/jre-modules),java.management,java.rmi,java.scripting,jdk.jfr" \
          --strip-java-debug-attributes --no-man-pages --no-header-files --compress=2 --output /out/rootfs/opt/java; \
    cp -L "$JAVA_HOME/lib/security/cacerts" /out/rootfs/opt/java/lib/security/cacerts

FROM ${ACTION_IMAGE}
COPY --from=build /out/rootfs/ /
# The engine finds the add-on through MLOPS_ADDONS; the engine JVM (started with -cp, where the jar
# manifest's Add-Opens does not apply) gets the option Apache Arrow needs.
ENV MLOPS_ADDONS=/opt/mlops/mlops-spark.jar \
    MLOPS_ENGINE_JVM_OPTS="-XX:SharedArchiveFile=/opt/mlops/mlops.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 --add-opens=java.base/java.nio=ALL-UNNAMED"
# The new JRE's CDS archive, then the application's, recorded again (the old ones belong to the old JRE).
RUN ["/opt/java/bin/java", "-Xshare:dump"]
RUN ["/opt/java/bin/java", "-XX:ArchiveClassesAtExit=/opt/mlops/mlops.jsa", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", \
     "-cp", "/opt/mlops/mlops-action.jar", "io.mlopsci.action.ActionMain", "--warm-up"]
