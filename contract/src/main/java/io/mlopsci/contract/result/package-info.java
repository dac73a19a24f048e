/** result.json: its records, typed step outputs, JSON Schema, the one parser, and how its numbers are written. */
package io.mlopsci.contract.result;
