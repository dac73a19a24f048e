package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A result row's lists: numbers as a fresh primitive array whichever form the engine returned. */
class RowTest {

    private static Row row(Object value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("v", value);
        return new Row(values);
    }

    @Test
    void doublesComeFromPrimitiveBoxedOrListFormsAndAreACopy() {
        double[] held = {3.0, 1.0, 2.0};
        double[] got = row(held).getDoubles("v");
        Arrays.sort(got);
        assertThat(got).containsExactly(1.0, 2.0, 3.0);
        assertThat(held).containsExactly(3.0, 1.0, 2.0);
        assertThat(row(new Object[] {1, 2.5f, 3L}).getDoubles("v")).containsExactly(1.0, 2.5, 3.0);
        assertThat(row(List.of(0.5, 1.5)).getDoubles("v")).containsExactly(0.5, 1.5);
        assertThat(row(null).getDoubles("v")).isNull();
    }

    @Test
    void aNullOrTextInAListOfNumbersIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> row(new Object[] {1.0, null}).getDoubles("v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("result column v holds null at 1, not a number");
        assertThatThrownBy(() -> row(List.of("x")).getDoubles("v")).hasMessageContaining("holds x at 0");
    }

    @Test
    void primitiveKeepsAnArrayWithANullOrTextAsItIs() {
        Object[] withNull = {1.0, null};
        assertThat(Row.primitive(withNull)).isSameAs(withNull);
        Object[] text = {"a"};
        assertThat(Row.primitive(text)).isSameAs(text);
        assertThat((double[]) Row.primitive(new Object[] {1.0, 2})).containsExactly(1.0, 2.0);
    }
}
