package io.mlopsci.spark;

import io.mlopsci.core.data.scan.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/** Spark's rows as the engine's {@link Row}: Scala collections become Java lists and maps. */
final class SparkRows {

    private SparkRows() {}

    static Row convert(org.apache.spark.sql.Row r) {
        String[] names = r.schema().fieldNames();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], value(r.get(i)));
        }
        return new Row(values);
    }

    static Object value(Object v) {
        if (v instanceof scala.collection.Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            CollectionConverters.asJava(m).forEach((k, x) -> out.put(value(k), value(x)));
            return out;
        }
        if (v instanceof Iterable<?> seq) {
            List<Object> out = new ArrayList<>();
            CollectionConverters.asJava(seq).forEach(x -> out.add(value(x)));
            return out;
        }
        if (v instanceof org.apache.spark.sql.Row nested) {
            return convert(nested).values();
        }
        return v;
    }
}
