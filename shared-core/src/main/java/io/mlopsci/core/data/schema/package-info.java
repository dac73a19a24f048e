/** Data schema files: inferring one from data (infer-schema) and writing it as YAML. */
package io.mlopsci.core.data.schema;
