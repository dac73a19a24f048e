package io.mlopsci.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.mlopsci.contract.Layout;
import io.mlopsci.contract.result.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Checks result.json files the engine wrote against the contract's JSON Schema. */
public final class ResultSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultSchema() {}

    /** Every result.json under {@code out} is valid; returns how many there were. */
    public static int assertAllValid(Path out) {
        JsonSchema schema;
        try (InputStream in = ResultJson.class.getResourceAsStream(ResultJson.SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> results;
        try (Stream<Path> s = Files.walk(out)) {
            results = s.filter(p -> p.getFileName().toString().equals(Layout.RESULT))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : results) {
            JsonNode doc;
            try {
                doc = MAPPER.readTree(p.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(schema.validate(doc)).as(p.toString()).isEmpty();
        }
        return results.size();
    }
}
