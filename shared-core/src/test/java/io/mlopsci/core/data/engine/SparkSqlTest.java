package io.mlopsci.core.data.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.data.scan.DataFile;
import org.junit.jupiter.api.Test;

class SparkSqlTest {

    private final SparkSql sql = SparkSql.INSTANCE;

    @Test
    void stringLiteralsEscapeQuotesAndBackslashesAsSparkReadsThem() {
        assertThat(sql.string("it's")).isEqualTo("'it\\'s'");
        assertThat(sql.string("a\\d+")).isEqualTo("'a\\\\d+'");
    }

    @Test
    void aFullMatchIsAnchoredAtTheVeryStartAndEnd() {
        assertThat(sql.fullMatch("\"email\"", "[^@]+@[^@]+"))
                .isEqualTo("regexp_like(\"email\", '\\\\A(?:[^@]+@[^@]+)\\\\z')");
    }

    @Test
    void textAndTypesUseSparkNames() {
        assertThat(sql.text("\"x\"")).isEqualTo("CAST(\"x\" AS STRING)");
        assertThat(sql.type("VARCHAR")).isEqualTo("STRING");
        assertThat(sql.type("BIGINT")).isEqualTo("BIGINT");
        assertThat(sql.type("decimal(10,2)")).isEqualTo("decimal(10,2)");
    }

    @Test
    void aRegexJavaCannotCompileIsNamedWithTheReason() {
        assertThat(sql.regexError(null, "[a-z]+")).isNull();
        assertThat(sql.regexError(null, "(?P<x>a)")).startsWith("is not a valid Java regex (Spark's regexp_like): ");
        assertThat(sql.regexError(null, "a(")).contains("near index");
    }

    @Test
    void theSmallestRowsAndAllowedValuesAreWrittenForSpark() {
        assertThat(sql.smallest("__row", 5)).isEqualTo("slice(sort_array(collect_list(__row)), 1, 5)");
        // A long allowed-values list is counted with NOT IN.
        assertThat(sql.countsOf(new DataFile.Column("c", "VARCHAR", DataFile.Kind.STRING), java.util.List.of("a")))
                .isNull();
    }
}
