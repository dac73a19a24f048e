package io.mlopsci.spark;

import io.mlopsci.core.data.scan.DuckDb;
import java.util.Locale;
import org.apache.spark.sql.connect.client.SparkResult;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A progress line from Spark's execution progress (streamed with a query's results): the stages
 * with their tasks done of total, the bytes read so far and the elapsed time — the shape of
 * DuckDB's progress lines, e.g. {@code scanning train: stage 3: 41 of 200 tasks, 1.2 GB read, 35.0 s}.
 */
final class SparkProgress {

    private SparkProgress() {}

    static String line(String what, SparkResult<?>.Progress p, double elapsedSeconds) {
        StringBuilder b = new StringBuilder(what).append(": ");
        if (p == null || p.stages().isEmpty()) {
            b.append("waiting for the cluster");
        } else {
            long bytes = 0;
            boolean first = true;
            for (SparkResult<?>.StageInfo s : CollectionConverters.asJava(p.stages())) {
                bytes += s.inputBytesRead();
                if (s.completed()) {
                    continue;
                }
                b.append(first ? "" : "; ")
                        .append("stage ")
                        .append(s.stageId())
                        .append(": ")
                        .append(s.completedTasks())
                        .append(" of ")
                        .append(s.numTasks())
                        .append(" tasks");
                first = false;
            }
            if (first) {
                b.append("stages done, collecting the result");
            }
            if (bytes > 0) {
                b.append(", ").append(DuckDb.size(bytes)).append(" read");
            }
        }
        return b.append(String.format(Locale.ROOT, ", %.1f s", elapsedSeconds)).toString();
    }
}
