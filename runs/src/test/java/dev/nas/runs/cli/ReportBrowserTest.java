package dev.nas.runs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's headless Chromium opens it from a file:// URL, runs its script and hands
 * back the page as it then stands, with every console message on standard error. Runs where /usr/bin/chromium
 * exists ({@code apt-get install chromium}); skipped elsewhere.
 */
@Tag("browser")
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    /** What Chromium made of a page: the DOM after its scripts ran, and the console lines it logged. */
    record Page(String dom, List<String> console) {
    }

    @BeforeAll
    static void chromiumIsThere() {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
    }

    @Test
    void theReportOpensFromAFileWithoutErrorsAndShowsEveryTrialAndTheFront() throws Exception {
        // A real study on the tabular benchmark (no training); ASHA, so that early-rung trials are plotted too.
        Path space = Path.of("..", "spaces", "bench.yaml").toAbsolutePath().normalize();
        Path table = Path.of("..", "benchmarks", "bench.csv").toAbsolutePath().normalize();
        Cli.Result search = Cli.run(directory, "--space", space.toString(), "--objective", "table:" + table,
                "--controller", "asha", "--budget", "6", "--db", "study");
        assertEquals(0, search.exitCode(), search.toString());
        Cli.Result report = Cli.run(directory, "report", "--db", "study", "--out", "out/night.html");
        assertEquals(0, report.exitCode(), report.toString());
        Path html = directory.resolve("out/night.html");
        String source = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"?(https?:)?//|url\\(|@import").matcher(source).find(),
                "self-contained: nothing to fetch");

        Page page = open(html);
        assertEquals(List.of(), page.console(), "no console messages, errors least of all");
        assertTrue(page.dom().contains("data-ready=\"yes\""), "the page's script ran to its end");

        JsonNode trials = JSON.readTree(Cli.run(directory, "trials", "--db", "study", "--format", "json").out());
        int finished = 0;
        for (JsonNode trial : trials) {
            assertEquals("complete", trial.get("state").asText(), "a table study has only completed trials");
            finished++;
        }
        assertTrue(finished > 6, "ASHA tries more candidates than its budget of full trainings: " + finished);
        assertEquals(finished, count(page.dom(), "<circle class=\"trial[ \"]"), "one point per finished trial");

        List<Integer> front = new ArrayList<>();
        JSON.readTree(Cli.run(directory, "pareto", "--db", "study", "--format", "json").out())
                .forEach(member -> front.add(member.get("trial").asInt()));
        assertFalse(front.isEmpty());
        String frontTable = page.dom().substring(page.dom().indexOf("<table class=\"sortable front\""));
        frontTable = frontTable.substring(0, frontTable.indexOf("</table>"));
        List<Integer> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr data-trial=\"(\\d+)\"").matcher(frontTable);
        while (row.find()) {
            rows.add(Integer.parseInt(row.group(1)));
        }
        assertEquals(front, rows, "the front table lists the front, fastest first");
        assertEquals(front.size(), count(page.dom(), "<circle class=\"trial front"), "front points highlighted");
    }

    @Test
    void theHarnessSeesAScriptError() throws Exception {
        Path broken = directory.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><body><script>notDefined();</script></body></html>");
        Page page = open(broken);
        assertEquals(1, page.console().size(), page.console().toString());
        assertTrue(page.console().get(0).contains("Uncaught ReferenceError: notDefined is not defined"),
                page.console().get(0));
    }

    private static Page open(Path html) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(directory, "chromium-profile");
        Path dom = Files.createTempFile(directory, "dom", ".html");
        Path log = Files.createTempFile(directory, "console", ".txt");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                html.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("chromium did not finish with " + html + " in 2 minutes");
        }
        assertEquals(0, chromium.exitValue(), Files.readString(log));
        List<String> console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
        return new Page(Files.readString(dom, StandardCharsets.UTF_8), console);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
