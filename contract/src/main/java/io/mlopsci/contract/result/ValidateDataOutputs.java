package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What validate-data found, for later steps and front ends.
 *
 * @param files      per role ({@code train}, {@code eval}, {@code reference}): path, rows, columns
 * @param drift      per compared column: method, value (null when it could not be computed), status
 * @param driftShare the share of compared columns that drift
 * @param profile    the report's profile by column (null when no file was scanned)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidateDataOutputs(
        Map<String, DataFile> files, Map<String, ColumnDrift> drift, Double driftShare, DataProfile profile)
        implements StepOutputs {

    public ValidateDataOutputs(Map<String, DataFile> files, Map<String, ColumnDrift> drift, Double driftShare) {
        this(files, drift, driftShare, null);
    }

    /** One data file as it was read. */
    public record DataFile(String path, long rows, List<String> columns) {}

    /** One column's drift. */
    public record ColumnDrift(String method, Double value, Status status) {}
}
