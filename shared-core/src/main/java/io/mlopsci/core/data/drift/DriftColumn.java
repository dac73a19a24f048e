package io.mlopsci.core.data.drift;

import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.config.DataConfig.Thresholds;
import io.mlopsci.core.data.scan.DataFile;

/**
 * One column to compare, as planned: its columns in both files, the method asked for, the
 * thresholds and where they are written. {@code problem} is set when the column cannot be compared
 * at all (types that disagree). {@code fallback} says why the method is not the one configured
 * (a global ks or wasserstein on a text column is compared as categories, as auto does), or is null.
 */
record DriftColumn(
        String name,
        DataFile.Column ref,
        DataFile.Column cur,
        Method configured,
        Thresholds thresholds,
        SourceLocation location,
        boolean numeric,
        String problem,
        String fallback) {}
