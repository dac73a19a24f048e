/** The validate-data step: files opened, checks scanned together, criteria and report. */
package io.mlopsci.core.data;
