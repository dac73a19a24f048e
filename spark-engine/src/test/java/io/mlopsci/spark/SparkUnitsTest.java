package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.error.MlopsException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.sparkproject.io.grpc.Status;

/** The add-on's pure parts: how the channel is described, types, formats, and reading failures. */
class SparkUnitsTest {

    @Test
    void theChannelIsEncryptedWhenTheUrlSaysSoOrATokenLeavesLocalhost() {
        assertThat(SparkConnection.describe("sc://h:15002", false)).isEqualTo("sc://h:15002 (plaintext)");
        assertThat(SparkConnection.describe("sc://h:443/;use_ssl=true;user_id=ci", false))
                .isEqualTo("sc://h:443 (TLS)");
        assertThat(SparkConnection.describe("sc://h:15002/", true)).isEqualTo("sc://h:15002 (TLS)");
        assertThat(SparkConnection.describe("sc://localhost:15002", true))
                .isEqualTo("sc://localhost:15002 (plaintext)");
    }

    @Test
    void aTokenComesFromTheNamedVariableAndAnUnsetOneIsTheUsersError() {
        DataConfig.Spark spark = new DataConfig.Spark("sc://h", "SPARK_TOKEN", null, null);
        assertThat(SparkConnection.token(spark, Map.of("SPARK_TOKEN", " t0k3n\n")))
                .isEqualTo("t0k3n");
        assertThat(SparkConnection.token(new DataConfig.Spark("sc://h", null, null, null), Map.of()))
                .isNull();
        assertThatThrownBy(() -> SparkConnection.token(spark, Map.of("SPARK_TOKEN", " ")))
                .isInstanceOfSatisfying(
                        MlopsException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    }

    @Test
    void sparkTypesMapToWhatTheChecksMakeOfThem() {
        assertThat(SparkSources.kind("bigint")).isEqualTo(DataFile.Kind.INTEGER);
        assertThat(SparkSources.kind("int")).isEqualTo(DataFile.Kind.INTEGER);
        assertThat(SparkSources.kind("decimal(10,2)")).isEqualTo(DataFile.Kind.FLOAT);
        assertThat(SparkSources.kind("double")).isEqualTo(DataFile.Kind.FLOAT);
        assertThat(SparkSources.kind("varchar(20)")).isEqualTo(DataFile.Kind.STRING);
        assertThat(SparkSources.kind("timestamp_ntz")).isEqualTo(DataFile.Kind.TIMESTAMP);
        assertThat(SparkSources.kind("date")).isEqualTo(DataFile.Kind.DATE);
        assertThat(SparkSources.kind("time(6)")).isEqualTo(DataFile.Kind.TIME);
        assertThat(SparkSources.kind("array<int>")).isEqualTo(DataFile.Kind.OTHER);
    }

    private static DataConfig.Source path(String p, FileFormat.Kind own) {
        return new DataConfig.Source(Role.TRAIN, p, null, own, null, null, null);
    }

    @Test
    void theFormatIsTheSourcesThenTheSectionsThenTheExtension() {
        SparkSources auto = new SparkSources(null, new FileFormat(null, null, List.of("")));
        assertThat(auto.kind(path("s3a://b/train.csv.gz", null))).isEqualTo(FileFormat.Kind.CSV);
        assertThat(auto.kind(path("gs://b/t/part.parquet/", null))).isEqualTo(FileFormat.Kind.PARQUET);
        assertThat(auto.kind(path("hdfs:///d/e.jsonl", null))).isEqualTo(FileFormat.Kind.JSONL);
        assertThat(auto.kind(path("s3a://b/train/", FileFormat.Kind.PARQUET))).isEqualTo(FileFormat.Kind.PARQUET);
        SparkSources parquet = new SparkSources(null, new FileFormat(FileFormat.Kind.PARQUET, null, List.of("")));
        assertThat(parquet.kind(path("s3a://b/train/", null))).isEqualTo(FileFormat.Kind.PARQUET);
        assertThatThrownBy(() -> auto.kind(path("s3a://b/train/", null)))
                .isInstanceOfSatisfying(MlopsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .isEqualTo("data.train (s3a://b/train/): cannot tell its format from the name; write it as"
                                    + " {path: ..., format: parquet} (csv, parquet or jsonl), or set data.format");
                });
    }

    @Test
    void theGrpcStatusIsFoundInTheClientsConvertedExceptionsToo() {
        // The client keeps only the status's text and its cause when it converts a gRPC error.
        assertThat(SparkErrors.grpcCode(new SparkException(
                        "org.sparkproject.io.grpc.StatusRuntimeException: UNAVAILABLE: io exception")))
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(SparkErrors.grpcCode(new SparkException("failed", new ConnectException("Connection refused"))))
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(SparkErrors.grpcCode(Status.UNAUTHENTICATED.asRuntimeException()))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(SparkErrors.grpcCode(new IllegalStateException("PLAIN WORDS")))
                .isNull();
    }
}
