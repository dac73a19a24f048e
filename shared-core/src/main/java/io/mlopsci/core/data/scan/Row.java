package io.mlopsci.core.data.scan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One result row, by column label, with typed getters that keep SQL NULL as Java null. */
public record Row(Map<String, Object> values) {

    public Row {
        values = Collections.unmodifiableMap(values);
    }

    public Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no result column " + key);
        }
        return values.get(key);
    }

    public Long getLong(String key) {
        Object o = get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(o.toString());
    }

    public long count(String key) {
        Long l = getLong(key);
        return l == null ? 0 : l;
    }

    public Double getDouble(String key) {
        Object o = get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return Double.parseDouble(o.toString());
    }

    public BigInteger getBig(String key) {
        Object o = get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof BigInteger b) {
            return b;
        }
        if (o instanceof BigDecimal d) {
            return d.toBigIntegerExact();
        }
        if (o instanceof Number n) {
            return BigInteger.valueOf(n.longValue());
        }
        return new BigInteger(o.toString());
    }

    public String getString(String key) {
        Object o = get(key);
        return o == null ? null : o.toString();
    }

    /** A LIST result as Java objects (elements may be null). */
    public List<Object> getList(String key) {
        Object o = get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (o instanceof Object[] a) {
            List<Object> out = new ArrayList<>();
            Collections.addAll(out, a);
            return out;
        }
        throw new IllegalArgumentException("result column " + key + " is not a list: " + o.getClass());
    }
}
