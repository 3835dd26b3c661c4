package dev.nas.space.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.plan.Cost;
import dev.nas.space.plan.NetworkPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or mistyped space files are refused with their line, before they cost minutes, memory or a stack. */
class SpaceLimitsTest {

    private static final String SPACE = """
            input: {height: 28, width: 28, channels: 1}
            classes: 10
            stem: {filters: 8, stride: 2}
            blocks:
              - stride: 2
                op: conv
                filters: 16
                layers: 1
            head: {filters: 64}
            """;

    private static Problem refused(String yaml) {
        SpaceException e = assertThrows(SpaceException.class, () -> SpaceLoader.parse(yaml, "bomb.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void deepNestingIsRefusedWithItsLineInsteadOfOverflowingTheStack() {
        String deep = SPACE + "training:\n" + "  [\n".repeat(3000) + "  ]\n".repeat(3000);
        Problem problem = refused(deep);
        assertEquals(11 + SpaceLimits.NESTING - 1, problem.line(), "the first list too deep");
        assertTrue(problem.message().contains("nested more than " + SpaceLimits.NESTING), problem.toString());
    }

    @Test
    void aVeryLongLineIsRefusedWithItsNumberBeforeItIsParsed() {
        Problem problem = refused(SPACE + "# " + "x".repeat(SpaceLimits.LINE_CHARACTERS) + "\n");
        assertEquals(10, problem.line());
        assertTrue(problem.message().contains("at most " + SpaceLimits.LINE_CHARACTERS), problem.toString());
    }

    @Test
    void aFileLargerThanASpaceCanBeIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, SPACE + ("# padding\n").repeat(SpaceLimits.FILE_BYTES / 10 + 1));
        SpaceException e = assertThrows(SpaceException.class, () -> SpaceSource.read(big));
        assertTrue(e.getMessage().startsWith(big + ": the file has "), e.getMessage());
        assertTrue(e.getMessage().contains("at most " + SpaceLimits.FILE_BYTES), e.getMessage());
    }

    @Test
    void aMissingFileAFolderAndBinaryAreNamedAsSuch(@TempDir Path dir) throws IOException {
        assertEquals(dir.resolve("none.yaml") + ": no such space file",
                assertThrows(SpaceException.class, () -> SpaceSource.read(dir.resolve("none.yaml"))).getMessage());
        assertEquals(dir + ": is a folder, not a space file",
                assertThrows(SpaceException.class, () -> SpaceSource.read(dir)).getMessage());
        Path binary = Files.write(dir.resolve("model.zip"), new byte[] {'P', 'K', 3, 4, (byte) 0xC3, (byte) 0x28});
        assertEquals(binary + ": not a text file in UTF-8",
                assertThrows(SpaceException.class, () -> SpaceSource.read(binary)).getMessage());
    }

    @Test
    void sizesThatWouldExhaustMemoryAreRefusedWithTheirKey() {
        assertLimit(SPACE.replace("layers: 1", "layers: 100000"), 8, "blocks[0].layers",
                SpaceLimits.LAYERS_PER_BLOCK);
        assertLimit(SPACE.replace("filters: 16", "filters: 1000000000"), 7, "blocks[0].filters",
                SpaceLimits.FILTERS);
        assertLimit(SPACE.replace("classes: 10", "classes: 1000000000"), 2, "classes", SpaceLimits.CLASSES);
        assertLimit(SPACE.replace("height: 28", "height: 100000"), 1, "input.height", SpaceLimits.INPUT_SIDE);
        assertLimit(SPACE + "training: {epochs: 1000000}\n", 10, "training.epochs", SpaceLimits.EPOCHS);
        assertLimit(SPACE + "training: {batch_size: [100000000]}\n", 10, "training.batch_size[0]",
                SpaceLimits.BATCH_SIZE);
    }

    private static void assertLimit(String yaml, int line, String key, int limit) {
        Problem problem = refused(yaml);
        assertEquals(new Problem("bomb.yaml", line, key, problem.message()), problem);
        assertTrue(problem.message().startsWith("must be at most " + limit + ", got "), problem.toString());
    }

    @Test
    void tooManyBlocksOrChoicesAreRefused() {
        String block = "  - {stride: 1, op: conv, filters: 16, layers: 1}\n";
        Problem blocks = refused(SPACE.replace("head:", block.repeat(SpaceLimits.BLOCKS) + "head:"));
        assertEquals("blocks", blocks.key());
        assertTrue(blocks.message().contains("at most " + SpaceLimits.BLOCKS + " blocks"), blocks.toString());

        StringBuilder many = new StringBuilder("[1");
        for (int i = 1; i <= SpaceLimits.CHOICES; i++) {
            many.append(", ").append(1 + 2 * i % 15);
        }
        Problem choices = refused(SPACE.replace("layers: 1", "layers: 1\n    kernel: " + many + "]"));
        assertEquals("blocks[0].kernel", choices.key());
        assertTrue(choices.message().contains("at most " + SpaceLimits.CHOICES + " choices"), choices.toString());
    }

    @Test
    void theLargestSpaceTheLimitsAllowStillCountsItsCostExactly() {
        String largest = """
                input: {height: 4096, width: 4096, channels: 64}
                classes: 100000
                stem: {filters: 8192, kernel: 15, stride: 1}
                blocks:
                  - {stride: 1, op: conv, kernel: 15, filters: 8192, layers: 32}
                  - {stride: 1, op: conv, kernel: 15, filters: 8192, layers: 32}
                head: {filters: 8192}
                """;
        SearchSpace space = SpaceLoader.parse(largest, "largest.yaml");
        Candidate candidate = space.codec().decode(new double[space.codec().dimensions().size()]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cost.of(NetworkPlan.of(space, candidate)));
        assertTrue(e.getMessage().contains("too large to count"), e.getMessage());
    }

    @Test
    void theShippedSpacesAreFarInsideTheLimits() throws IOException {
        for (String name : new String[] {"tiny", "mobile", "mnasnet-b0", "bench", "cifar"}) {
            Path file = Path.of("..", "spaces", name + ".yaml");
            SpaceSource source = SpaceSource.read(file);
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), source.yaml());
        }
    }
}
