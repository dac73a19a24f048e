/** The mlops command line: a picocli command per catalog step, run, and the tools (validate-config, infer-schema, publish). */
package io.mlopsci.core.cli;
