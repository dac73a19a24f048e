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
        if (o instanceof double[] d) {
            List<Object> out = new ArrayList<>(d.length);
            for (double v : d) {
                out.add(v);
            }
            return out;
        }
        throw new IllegalArgumentException("result column " + key + " is not a list: " + o.getClass());
    }

    /**
     * A LIST of numbers as a new primitive array (the caller may sort it); null for SQL NULL.
     *
     * @throws IllegalArgumentException if the list holds a null or a value that is not a number
     */
    public double[] getDoubles(String key) {
        Object o = get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof double[] d) {
            return d.clone();
        }
        List<Object> list = getList(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException(
                        "result column " + key + " holds " + list.get(i) + " at " + i + ", not a number");
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    /** The elements as primitives when every one is a number, else the array as it is. */
    static Object primitive(Object[] elements) {
        double[] out = new double[elements.length];
        for (int i = 0; i < elements.length; i++) {
            if (!(elements[i] instanceof Number n)) {
                return elements;
            }
            out[i] = n.doubleValue();
        }
        return out;
    }
}
