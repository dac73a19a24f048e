package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema editors use (shipped in the jar) agrees with the engine's own loader: every
 * sample configuration passes both, and typical mistakes fail both.
 */
class SchemaTest {

    static JsonSchema schema() throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/mlops.schema.json")) {
            assertThat(in).as("mlops.schema.json is in the jar").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Requirements.repoRoot().resolve("test-repos"))) {
            return s.map(d -> d.resolve("mlops.yaml")).filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleIsValidForTheSchemaAndTheLoader(Path file) throws IOException {
        Set<ValidationMessage> errors = schema().validate(toJson(YamlParser.parse(file, file.toString())));
        assertThat(errors).as(file.toString()).isEmpty();
        ConfigLoader.load(file, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    @Test
    void thereAreSamples() throws IOException {
        assertThat(samples().count()).isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gate:\n  metrics:\n    accuracy: {min: 0.9}\n",
                "model: m\ngate:\n  metrics:\n    accuracy: {min: 0.9, severty: warn}\n",
                "model: m\ngate:\n  metrics:\n    accuracy: {min: \"0.9\"}\n",
                "model: m\ntrain:\n  runner: kubernetes\n  command: [a]\n",
                "model: m\ngate:\n  metrics:\n    accuracy: {change: {max_drop: -1}}\n",
                "model: m\ntracking: {uri: ftp://x}\ntrain:\n  command: [a]\n",
                "model: m\ntrain:\n  command: [a]\n  timeout: soon\n"
            })
    void typicalMistakesFailBoth(String yaml) throws IOException {
        Set<ValidationMessage> errors = schema().validate(toJson(YamlParser.parse(yaml, "test.yaml")));
        assertThat(errors).as("schema errors for:\n" + yaml).isNotEmpty();
        Path f = Files.createTempFile("mlops", ".yaml");
        Files.writeString(f, yaml);
        assertThat(ConfigLoader.validate(f, new ConfigLoader.Options(null, null, Map.of(), List.of())))
                .as("loader problems for:\n" + yaml)
                .isNotEmpty();
    }

    /** YAML values as JSON with the types YAML's core schema gave them. */
    static JsonNode toJson(YNode n) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (n.kind()) {
            case MAP -> {
                ObjectNode o = f.objectNode();
                n.entries().forEach((k, v) -> o.set(k, toJson(v)));
                yield o;
            }
            case LIST -> {
                ArrayNode a = f.arrayNode();
                n.items().forEach(i -> a.add(toJson(i)));
                yield a;
            }
            case SCALAR ->
                switch (n.scalarType()) {
                    case NULL -> f.nullNode();
                    case BOOL ->
                        f.booleanNode(n.text().equalsIgnoreCase("true")
                                || n.text().equalsIgnoreCase("yes")
                                || n.text().equalsIgnoreCase("on"));
                    case INT -> f.numberNode(Long.parseLong(n.text().replace("_", "")));
                    case FLOAT -> f.numberNode(Double.parseDouble(n.text().replace("_", "")));
                    case STRING -> f.textNode(n.text());
                };
        };
    }
}
