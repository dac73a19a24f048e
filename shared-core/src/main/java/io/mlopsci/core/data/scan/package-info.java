/** Reading data files with embedded DuckDB: opening, fused aggregate scans and their scheduling. */
package io.mlopsci.core.data.scan;
