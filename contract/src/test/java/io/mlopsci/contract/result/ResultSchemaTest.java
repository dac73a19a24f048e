package io.mlopsci.contract.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.StepId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** result.schema.json describes what ResultJson writes, and names what the contract's enums name. */
class ResultSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode schemaDocument() throws IOException {
        try (InputStream in = ResultJson.class.getResourceAsStream(ResultJson.SCHEMA)) {
            assertThat(in).as(ResultJson.SCHEMA).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaDocument());
    }

    private static void assertValid(StepResult r) throws IOException {
        JsonNode doc = MAPPER.readTree(new String(ResultJson.bytes(r), StandardCharsets.UTF_8));
        assertThat(schema().validate(doc)).as(r.step() + ": " + doc).isEmpty();
    }

    @Test
    void everyFieldTheEngineWritesIsInTheSchema() throws IOException {
        assertValid(SampleResults.everyField());
        for (StepResult r : SampleResults.perStep()) {
            assertValid(r);
        }
    }

    @Test
    void theSchemaRefusesWhatIsNotAResult() throws IOException {
        JsonSchema s = schema();
        assertThat(s.validate(MAPPER.readTree(
                        "{\"schemaVersion\":1,\"step\":\"train\",\"verdict\":\"MAYBE\",\"exitCode\":0}")))
                .isNotEmpty();
        assertThat(s.validate(MAPPER.readTree(
                        "{\"schemaVersion\":2,\"step\":\"train\",\"verdict\":\"PASS\",\"exitCode\":0}")))
                .isNotEmpty();
        assertThat(s.validate(MAPPER.readTree(
                        "{\"schemaVersion\":1,\"step\":\"deploy-canary\",\"verdict\":\"PASS\",\"exitCode\":0,"
                                + "\"outputs\":{\"decision\":\"maybe\"}}")))
                .as("a step's outputs follow its record")
                .isNotEmpty();
    }

    @Test
    void stepsAndErrorKindsAreTheContractsOwn() throws IOException {
        JsonNode doc = schemaDocument();
        List<String> steps = new ArrayList<>();
        doc.path("$defs").path("stepId").path("enum").forEach(n -> steps.add(n.asText()));
        assertThat(steps)
                .containsExactlyElementsOf(
                        Arrays.stream(StepId.values()).map(StepId::id).toList());
        List<String> kinds = new ArrayList<>();
        doc.path("properties")
                .path("error")
                .path("properties")
                .path("kind")
                .path("enum")
                .forEach(n -> kinds.add(n.asText()));
        assertThat(kinds)
                .containsExactlyElementsOf(
                        Arrays.stream(ErrorKind.values()).map(ErrorKind::word).toList());
        List<String> withOutputs = new ArrayList<>();
        doc.path("allOf")
                .forEach(n -> withOutputs.add(n.path("if")
                        .path("properties")
                        .path("step")
                        .path("const")
                        .asText()));
        assertThat(withOutputs)
                .containsExactlyElementsOf(
                        StepId.steps().stream().map(StepId::id).toList());
    }
}
