package io.mlopsci.core.config;

import java.util.List;

/** Binds the {@code data} section: the files; the validate-data step binds its checks. */
final class DataSection {

    static final List<String> KEYS = List.of("train", "eval", "reference", "schema", "label");

    private DataSection() {
    }

    static DataConfig read(MapView root, SectionContext ctx) {
        if (!root.has("data")) {
            return null;
        }
        MapView d = root.map("data", KEYS);
        return new DataConfig(ctx.path(d.string("train")), ctx.path(d.string("eval")), ctx.path(d.string("reference")),
                ctx.path(d.string("schema")), d.string("label"), root.raw("data"), d.declaredAt());
    }
}
