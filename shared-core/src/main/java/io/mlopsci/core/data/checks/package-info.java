/** validate-data's column, table and leakage rules, compiled to SQL aggregates. */
package io.mlopsci.core.data.checks;
