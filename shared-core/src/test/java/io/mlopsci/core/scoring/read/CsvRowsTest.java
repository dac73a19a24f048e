package io.mlopsci.core.scoring.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.scoring.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictions CSV read one token at a time: each row keeps the line it starts on (quoted values
 * may span lines, blank lines are skipped), and labels that repeat are one canonical class each.
 */
class CsvRowsTest {

    @TempDir
    Path tmp;

    /** Reads {@code content}, keeping as text the columns {@code textColumns} (as slices would). */
    private Predictions read(String content, String... textColumns) throws IOException {
        Path f = tmp.resolve("p.csv");
        Files.writeString(f, content);
        List<TrainConfig.Field> fields = Stream.of(textColumns)
                .map(c -> new TrainConfig.Field(c, GateConfig.FieldKind.TEXT, "gate.slices.column"))
                .toList();
        return PredictionsReader.read(
                f, "p.csv", TrainConfig.PredictionsConfig.of(f, null).withFields(fields));
    }

    @Test
    void rowsKeepTheLineTheyStartOnAcrossQuotedLineBreaksBlankLinesAndCarriageReturns() throws IOException {
        Predictions p = read(
                "id,label,prediction,score\r\n"
                        + "a,\"two\nlines\",1,0.9\r\n"
                        + "\r\n"
                        + "\"b,\"\"q\"\"\",0,0,0.2\r\n"
                        + "c,1,1,0.3",
                "score");
        assertThat(p.ids()).containsExactly("a", "b,\"q\"", "c");
        assertThat(p.labels()).containsExactly("two\nlines", "0", "1");
        assertThat(p.lines()).containsExactly(2, 5, 6);
        assertThat(p.columns().get("score")).containsExactly("0.9", "0.2", "0.3");
    }

    @Test
    void aProblemAfterAQuotedLineBreakNamesItsOwnLine() {
        assertThatThrownBy(() -> read("id,label,prediction,score\na,\"x\n\ny\",1,0.9\nb,0,1\n"))
                .isInstanceOf(MlopsException.class)
                .hasMessageContaining("p.csv:5: the row has 3 fields, the header has 4");
        assertThatThrownBy(() -> read("id,label,prediction,score\na,\"x\ny\",1,0.9\nb,0,1,\"0.2\"x\n"))
                .isInstanceOf(MlopsException.class)
                .hasMessageContaining("p.csv:4: malformed CSV");
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(MlopsException.class)
                .hasMessageContaining("p.csv: the file is empty");
    }

    @Test
    void labelsAreCanonicalWhetherTheyRepeatOrNot() throws IOException {
        // 1.0 and 1 are one class; past a few hundred distinct labels (a regression) each is still canonical.
        StringBuilder csv = new StringBuilder("id,label,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append('r')
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "1.0" : "1")
                    .append(',')
                    .append(i)
                    .append(".0\n");
        }
        Predictions p = read(csv.toString(), "label");
        assertThat(p.labels()).containsOnly("1");
        assertThat(p.predicted())
                .containsExactly(
                        IntStream.range(0, 1000).mapToObj(Integer::toString).toArray(String[]::new));
        // The column as written keeps the text of each row.
        assertThat(p.columns().get("label")[0]).isEqualTo("1.0");
        assertThat(p.columns().get("label")[1]).isEqualTo("1");
    }

    @Test
    void onlyTheColumnsARuleReadsAreKeptAsText() throws IOException {
        // A column no rule reads (here 'region' and 'notes') costs nothing per row: it is not kept,
        // as in a JSON lines file, while a slice's column is kept as written.
        Predictions p = read("id,label,prediction,score,region,notes\na,1,1,0.9,eu, x \nb,0,1,0.2,us,y\n", "region");
        assertThat(p.columns()).containsOnlyKeys("region");
        assertThat(p.columns().get("region")).containsExactly("eu", "us");
        assertThat(p.score()).containsExactly(0.9, 0.2);
    }
}
