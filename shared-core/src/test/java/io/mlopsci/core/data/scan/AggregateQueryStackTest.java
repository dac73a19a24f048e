package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateQueryStackTest {

    /** A stack that lists its parts in the shared subquery and picks the part's index out of it. */
    private record Listing(String name) implements AggregateQuery.Stack<String> {
        @Override
        public String shared(List<String> parts) {
            return name + "(" + String.join(", ", parts) + ")";
        }

        @Override
        public String expression(String part, int index, String shared) {
            return "pick(" + shared + ", " + index + ")";
        }
    }

    @Test
    void stackedPartsShareOneSubqueryWrittenOnceEveryPartIsKnown() {
        AggregateQuery q = new AggregateQuery();
        assertThat(q.add("count(*)")).isEqualTo("a0");
        assertThat(q.add(new Listing("g"), "x")).isEqualTo("a1");
        assertThat(q.add("max(y)")).isEqualTo("a2");
        assertThat(q.add(new Listing("g"), "y")).isEqualTo("a3");
        // The same part again is the same key; another stack is another subquery.
        assertThat(q.add(new Listing("g"), "x")).isEqualTo("a1");
        assertThat(q.add(new Listing("h"), "x")).isEqualTo("a4");
        assertThat(q.size()).isEqualTo(5);
        assertThat(q.sql("t"))
                .isEqualTo("SELECT count(*) AS a0,\n  pick(g(x, y), 0) AS a1,\n  max(y) AS a2,\n"
                        + "  pick(g(x, y), 1) AS a3,\n  pick(h(x), 0) AS a4\nFROM t");
        assertThat(q.key("max(y)")).isEqualTo("a2");
    }

    @Test
    void aQueryWithoutStacksIsWrittenAsBefore() {
        AggregateQuery q = new AggregateQuery();
        q.add("count(*)");
        q.add("min(x)");
        assertThat(q.sql("t")).isEqualTo("SELECT count(*) AS a0,\n  min(x) AS a1\nFROM t");
        assertThatThrownBy(() -> q.key("pick(g(x), 0)")).isInstanceOf(IllegalArgumentException.class);
    }
}
