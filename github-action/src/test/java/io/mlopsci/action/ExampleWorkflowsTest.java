package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflows the READMEs tell users to copy are the files in github-action/examples/ (which
 * ActWorkflowsIT runs with act), byte for byte: the files are the source, the READMEs show them.
 */
class ExampleWorkflowsTest {

    static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    static final String DESTINATION = "# .github/workflows/";

    final Path repo = Requirements.repoRoot();
    final Path examples = repo.resolve("github-action/examples");

    @Test
    void everyExampleIsShownInTheActionsReadmeAndEveryWorkflowThereIsAnExample() throws IOException {
        List<String> blocks = yamlBlocks(repo.resolve("github-action/README.md"));
        List<Path> files = examples();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String content = Files.readString(f);
            assertThat(content)
                    .as(f + " says on its first line where it goes")
                    .startsWith(DESTINATION + f.getFileName() + "\n");
            assertThat(blocks).as("github-action/README.md shows " + f).contains(content);
        }
        for (String block : blocks) {
            if (block.startsWith(DESTINATION)) {
                String name = block.substring(DESTINATION.length(), block.indexOf('\n'));
                Path file = examples.resolve(name);
                assertThat(file)
                        .as("a README workflow without its file in github-action/examples")
                        .exists();
                assertThat(block).isEqualTo(Files.readString(file));
            }
        }
    }

    @Test
    void theRootReadmeShowsTheGateExample() throws IOException {
        assertThat(yamlBlocks(repo.resolve("README.md")))
                .contains(Files.readString(examples.resolve("model-gate.yml")));
    }

    @Test
    void theExamplesPassOnlyInputsThatActionYmlDeclares() throws IOException {
        ActionMetadata action = ActionMetadata.load(repo.resolve("action.yml"));
        for (Path f : examples()) {
            for (ActionMetadata.ActionStep s : ActionMetadata.stepsUsing(f, Set.of(ActWorkflowsIT.ACTION))) {
                assertThat(action.inputs()).as(f.getFileName() + ": " + s).containsAll(s.with());
            }
        }
    }

    private List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(examples)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<String> yamlBlocks(Path markdown) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(markdown));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
