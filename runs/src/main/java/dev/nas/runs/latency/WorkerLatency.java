package dev.nas.runs.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nas.core.evaluation.LatencyModel;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.core.trial.LatencySource;
import dev.nas.latency.LayerProfiler;
import dev.nas.latency.Timing;
import dev.nas.latency.lut.LayerKey;
import dev.nas.space.Candidate;
import dev.nas.space.LatencySpec;
import dev.nas.space.plan.LayerSpec;
import dev.nas.space.yaml.SpaceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Latency measured by a {@link LatencyWorker} child JVM with one inference thread: of candidates' networks (and in
 * the second engine, where the space compares two), and of single layers for lookup tables. The worker starts on
 * first use and again after it dies; a candidate whose measurement fails makes its trial fail, not the search.
 */
public final class WorkerLatency implements LatencyModel, LayerProfiler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Thread-count settings for every native library ND4J may use. */
    private static final Map<String, String> ONE_THREAD =
            Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");

    private final String spaceYaml;
    private final String spaceOrigin;
    private final LatencySpec.Engine engine;
    private final Optional<LatencySpec.Engine> compared;
    /** The kinds of request timed since the worker started, each first one timed twice (see {@link #ask}). */
    private final Set<String> warm = new HashSet<>();
    private Process process;
    private Writer requests;
    private BufferedReader answers;
    private Conditions readyConditions;

    /**
     * Times networks of {@code space} in the engine its latency names, and in the second one it compares with; DL4J
     * where its latency is predicted (layers and networks timed for a lookup table or predictor).
     */
    public WorkerLatency(SpaceSource space) {
        this(space, space.space().objective().latency().engine().orElse(LatencySpec.Engine.DL4J),
                space.space().objective().latency().comparedEngine());
    }

    /** Times networks of {@code space} in {@code engine}, as a device profile measured in it needs. */
    public WorkerLatency(SpaceSource space, LatencySpec.Engine engine) {
        this(space, engine, Optional.empty());
    }

    private WorkerLatency(SpaceSource space, LatencySpec.Engine engine, Optional<LatencySpec.Engine> compared) {
        this.spaceYaml = space.yaml();
        this.spaceOrigin = space.origin();
        this.engine = engine;
        this.compared = compared;
    }

    @Override
    public synchronized Latency latency(Candidate candidate) {
        return latency(ask("candidate", candidate.key()));
    }

    @Override
    public synchronized Optional<Latency> compared(Candidate candidate) {
        return compared.isPresent() ? Optional.of(latency(ask("compare", candidate.key()))) : Optional.empty();
    }

    private static Latency latency(JsonNode answer) {
        return new Latency(answer.get("median_ms").asDouble(), answer.get("spread_ms").asDouble(),
                answer.get("runs").asInt(), LatencySource.MEASURED, conditions(answer));
    }

    @Override
    public synchronized Timing profile(LayerSpec layer) {
        JsonNode answer = ask("layer", LayerKey.of(layer).token());
        return new Timing(answer.get("median_ms").asDouble(), answer.get("spread_ms").asDouble(),
                answer.get("runs").asInt());
    }

    /** What the worker measures under: this machine, its inference threads, CPU, JVM and backend. */
    public synchronized Conditions conditions() {
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
            return readyConditions;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("the latency worker failed: " + e.getMessage(), e);
        }
    }

    private JsonNode ask(String kind, String what) {
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
            if (warm.add(kind)) {
                // A fresh worker's first timing runs up to twice slow while the JIT settles, warm-up runs or not
                // (seen making benchmarks/bench.csv): time the first request once more and keep the second.
                request(kind, what);
            }
            return request(kind, what);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("the latency worker failed: " + e.getMessage(), e);
        }
    }

    private JsonNode request(String kind, String what) throws IOException {
        requests.write(JSON.writeValueAsString(Map.of(kind, what)) + "\n");
        requests.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IllegalStateException("the latency worker ended while measuring (exit code "
                    + exitCode() + ")");
        }
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) {
            throw new IllegalStateException("latency measurement failed: " + answer.get("error").asText());
        }
        return answer;
    }

    private static Conditions conditions(JsonNode answer) {
        return new Conditions(answer.get("device").asText(), answer.get("threads").asInt(),
                answer.get("cpu").asText(), answer.get("jvm").asText(), answer.get("backend").asText());
    }

    private void start() throws IOException {
        stop();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("org.nd4j.") || name.startsWith("org.bytedeco.")
                        || name.startsWith("org.eclipse.deeplearning4j."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LatencyWorker.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(ONE_THREAD);
        process = builder.start();
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> header = new LinkedHashMap<>(Map.of("origin", spaceOrigin, "yaml", spaceYaml,
                "engine", engine.token()));
        compared.ifPresent(other -> header.put("compare", other.token()));
        requests.write(JSON.writeValueAsString(header) + "\n");
        requests.flush();
        String line = answers.readLine();
        JsonNode ready = line == null ? null : JSON.readTree(line);
        if (ready == null || !ready.path("ready").asBoolean()) {
            throw new IOException("the latency worker did not start (exit code " + exitCode() + ")");
        }
        readyConditions = conditions(ready);
        warm.clear();
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private void stop() {
        if (process == null) {
            return;
        }
        try {
            requests.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
