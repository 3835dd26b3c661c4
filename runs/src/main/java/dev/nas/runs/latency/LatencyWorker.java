package dev.nas.runs.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.evaluation.InferenceProbe;
import dev.nas.core.trial.Conditions;
import dev.nas.core.trial.Latency;
import dev.nas.eval.dl4j.Dl4jInferenceProbe;
import dev.nas.eval.onnx.OrtInferenceProbe;
import dev.nas.latency.MeasuredLatency;
import dev.nas.latency.Timing;
import dev.nas.latency.TimingProtocol;
import dev.nas.latency.lut.LayerKey;
import dev.nas.space.Candidate;
import dev.nas.space.LatencySpec;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The child process that measures latency. Reads from standard input one JSON line with the space and the engines
 * it times networks in ({@code {"origin": ..., "yaml": ..., "engine": ..., "compare": ...}}, engines as
 * {@link LatencySpec.Engine#token()} writes them, {@code compare} optional) and answers {@code {"ready": true}} with
 * the conditions it measures under; then reads one JSON request a line, {@code {"candidate": KEY}} to time a
 * candidate's network, {@code {"compare": KEY}} to time it in the second engine, or {@code {"layer": TOKEN}} to time
 * one layer alone (see {@link LayerKey}), and answers each with one JSON line on standard output: the timing, or
 * {@code {"error": ...}}. Ends when its input ends, that is when the search does.
 */
public final class LatencyWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyWorker() {
    }

    public static void main(String[] args) throws Exception {
        // Ctrl-C reaches the whole process group; the search decides when to stop, and this worker ends with its input.
        Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        // Standard output carries the protocol; anything a library prints goes to standard error instead.
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String header = in.readLine();
        if (header == null) {
            return;
        }
        var space = JSON.readTree(header);
        SearchSpace searchSpace = SpaceLoader.parse(space.get("yaml").asText(), space.get("origin").asText());
        // The reference that paces every timing: the same network for a space in every worker, so that latencies
        // measured by different workers share a scale up to each one's calibration.
        Candidate reference = searchSpace.codec().sample(new SplittableRandom(0));
        LatencySpec.Engine engine = engine(space.get("engine").asText());
        Optional<LatencySpec.Engine> comparedEngine = Optional.ofNullable(space.get("compare"))
                .map(token -> engine(token.asText()));
        MeasuredLatency measured = new MeasuredLatency(probe(searchSpace, engine), TimingProtocol.DEFAULT,
                TimingProtocol.THOROUGH, reference);
        Optional<MeasuredLatency> compared = comparedEngine.map(other -> new MeasuredLatency(
                probe(searchSpace, other), TimingProtocol.DEFAULT, TimingProtocol.THOROUGH, reference));
        try {
            serve(in, protocol, searchSpace, measured, compared);
        } finally {
            measured.close();
            compared.ifPresent(MeasuredLatency::close);
        }
    }

    private static LatencySpec.Engine engine(String token) {
        return LatencySpec.Engine.fromToken(token).orElseThrow(() -> new IllegalArgumentException(
                "unknown engine " + token));
    }

    private static InferenceProbe probe(SearchSpace space, LatencySpec.Engine engine) {
        return engine.source() == LatencySpec.Source.ONNXRUNTIME ? new OrtInferenceProbe(space, engine.precision())
                : new Dl4jInferenceProbe(space);
    }

    private static void serve(BufferedReader in, PrintStream protocol, SearchSpace searchSpace,
                              MeasuredLatency measured, Optional<MeasuredLatency> compared) throws IOException {
        ObjectNode ready = JSON.createObjectNode().put("ready", true);
        put(ready, measured.conditions());
        protocol.println(JSON.writeValueAsString(ready));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            ObjectNode answer = JSON.createObjectNode();
            try {
                JsonNode request = JSON.readTree(line);
                if (request.has("layer")) {
                    Timing timing = measured.profile(LayerKey.parse(request.get("layer").asText()).spec());
                    answer.put("median_ms", timing.medianMs());
                    answer.put("spread_ms", timing.iqrMs());
                    answer.put("runs", timing.runs());
                    put(answer, measured.conditions());
                } else {
                    boolean compare = request.has("compare");
                    MeasuredLatency engine = compare ? compared.orElseThrow(() -> new IllegalStateException(
                            "the space compares with no second engine")) : measured;
                    Latency latency = engine.latency(searchSpace.check(Candidate.parse(
                            request.get(compare ? "compare" : "candidate").asText())));
                    answer.put("median_ms", latency.medianMs());
                    answer.put("spread_ms", latency.spreadMs());
                    answer.put("runs", latency.runs());
                    put(answer, engine.conditions());
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                answer.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            protocol.println(JSON.writeValueAsString(answer));
        }
    }

    private static void put(ObjectNode answer, Conditions conditions) {
        answer.put("device", conditions.device());
        answer.put("threads", conditions.threads());
        answer.put("cpu", conditions.cpu());
        answer.put("jvm", conditions.jvm());
        answer.put("backend", conditions.backend());
    }
}
