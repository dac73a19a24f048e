package io.mlopsci.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Requirements;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate-data's HTML report as a browser shows it: a passing and a failing run on the same
 * layout, rendered by headless Chromium with name resolution switched off (the page must need
 * nothing from the network), its DOM checked (one row per column, the hostile column name and
 * value stayed text) and a screenshot of each kept in {@code target/report-screenshots/} for people
 * to look at. Chromium comes from Debian ({@code scripts/setup.sh}); {@code MLOPS_CHROMIUM} names
 * another binary.
 */
class DataReportScreenshotIT {

    static final String HOSTILE_COLUMN = "<i>note</i>";
    static final String HOSTILE_VALUE = "<img src=x onerror=alert(1)>";

    /** The FAIL badge's and cells' red, and the PASS badge's green (HtmlReport's CSS). */
    static final int RED = 0xcf222e;

    static final int GREEN = 0x1a7f37;

    @TempDir
    Path tmp;

    private static Path chromium() {
        String configured = System.getenv("MLOPS_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A file of {@code rows} rows: id, age, income (shifted and with nulls when drifting), city, a note. */
    private static String csv(int rows, int firstId, boolean bad, long seed) {
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder("id,age,income,city,\"" + HOSTILE_COLUMN + "\",label\n");
        String[] cities = {"Paris", "Lyon", "Nice"};
        for (int i = 0; i < rows; i++) {
            double income = 40_000 + rnd.nextGaussian() * 8_000 + (bad ? 9_000 : 0);
            boolean nullIncome = bad ? i % 8 == 0 : i % 100 == 0;
            String city = bad && i % 50 == 0 ? HOSTILE_VALUE : cities[rnd.nextInt(3)];
            b.append(firstId + i)
                    .append(',')
                    .append(18 + rnd.nextInt(60))
                    .append(',')
                    .append(nullIncome ? "" : String.format(Locale.ROOT, "%.2f", income))
                    .append(',')
                    .append('"')
                    .append(city.replace("\"", "\"\""))
                    .append("\",n")
                    .append(rnd.nextInt(5))
                    .append(',')
                    .append(rnd.nextDouble() < 0.3 ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    private DataRun run(String name, boolean bad) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/train.csv"), csv(2000, 0, false, 1));
        Files.writeString(dir.resolve("data/eval.csv"), csv(2000, bad ? 1990 : 10_000, bad, 2));
        return DataRun.of(dir, """
                model: report
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                  label: label
                  columns:
                    age: {type: integer, min: 0, max: 120}
                    income: {max_null_fraction: 0.05}
                    city: {allowed: [Paris, Lyon, Nice]}
                  table: {rows: {min: 100}}
                  leakage: {keys: [id]}
                  drift: {method: psi, exclude: [id]}
                """);
    }

    private record Page(String dom, BufferedImage screenshot) {}

    private static Page render(Path chromium, Path html, Path png, Path profile) throws IOException {
        List<String> common = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--force-color-profile=srgb",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of(
                "--window-size=1280,1600", "--screenshot=" + png, html.toUri().toString()));
        Processes.Result s =
                Processes.run(shot, html.getParent(), Map.of("HOME", profile.toString()), Duration.ofMinutes(2));
        assertThat(png).as("screenshot by " + shot + "\n" + s.stderr()).exists();
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Processes.Result d =
                Processes.run(dump, html.getParent(), Map.of("HOME", profile.toString()), Duration.ofMinutes(2));
        assertThat(d.exitCode()).as(d.stderr()).isZero();
        return new Page(d.stdout(), ImageIO.read(png.toFile()));
    }

    private static boolean hasColour(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aPassingAndAFailingReportAsChromiumShowsThem() throws IOException {
        Path chromium = chromium();
        Requirements.require(chromium != null, "Chromium (Debian package chromium) for the report screenshots");
        Path shots = Requirements.repoRoot().resolve("shared-core/target/report-screenshots");
        Files.createDirectories(shots);

        DataRun passing = run("passing", false);
        assertThat(passing.result().verdict()).as(passing.stderr()).isEqualTo(Verdict.PASS);
        DataRun failing = run("failing", true);
        assertThat(failing.result().verdict()).as(failing.stderr()).isEqualTo(Verdict.FAIL);

        for (DataRun r : List.of(passing, failing)) {
            String name = r == passing ? "passing" : "failing";
            Path html = r.dir().resolve(".mlops/out/validate-data/report.html");
            Files.copy(html, shots.resolve(name + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(shots.resolve(name + ".md"), r.report("report.md"));
            Page page = render(chromium, html, shots.resolve(name + ".png"), tmp.resolve("chromium-" + name));

            // One row per column of the profiled file (id, age, income, city, the note, label).
            assertThat(Pattern.compile("<tr class=\"col\"")
                            .matcher(page.dom())
                            .results()
                            .count())
                    .as(name)
                    .isEqualTo(6);
            // The column name and the value from the data are text in the DOM, not elements.
            assertThat(page.dom()).contains("&lt;i&gt;note&lt;/i&gt;").doesNotContain("<i>note</i>");
            assertThat(page.dom()).doesNotContain("<img");
            assertThat(page.screenshot().getWidth()).isEqualTo(1280);
            if (r == passing) {
                assertThat(hasColour(page.screenshot(), GREEN))
                        .as("green PASS badge")
                        .isTrue();
                assertThat(hasColour(page.screenshot(), RED)).as("nothing red").isFalse();
            } else {
                assertThat(page.dom()).contains("&lt;img src=x onerror=alert(1)&gt;");
                assertThat(hasColour(page.screenshot(), RED))
                        .as("red FAIL badge")
                        .isTrue();
                // Failing columns come first: the first column row is a failure.
                assertThat(page.dom()).containsPattern("<tr class=\"col\"[^>]*><td class=\"FAIL\">");
                int first = page.dom().indexOf("<tr class=\"col\"");
                assertThat(page.dom().substring(first, first + 120)).contains("FAIL");
            }
        }
    }
}
