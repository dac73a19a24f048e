/** The data engines validate-data runs on besides DuckDB: the add-on interface, its loading, and a run on one. */
package io.mlopsci.core.data.engine;
