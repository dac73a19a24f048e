/** validate-data's report sections and outputs. */
package io.mlopsci.core.data.report;
