package io.mlopsci.core.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One move of an alias: which version it pointed to before and after, when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AliasChange(String alias, String version, String previous, String at) {}
