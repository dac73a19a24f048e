package io.mlopsci.contract.result;

/** The slice a criterion applies to: the value of one column, and how many rows it has. */
public record SliceRef(String column, String value, long rows) {

    @Override
    public String toString() {
        return column + "=" + value;
    }
}
