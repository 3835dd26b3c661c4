package dev.nas.runs.latency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.trial.Latency;
import dev.nas.eval.dl4j.Dl4jInferenceProbe;
import dev.nas.latency.Machine;
import dev.nas.latency.MeasuredLatency;
import dev.nas.latency.TimingProtocol;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import dev.nas.space.yaml.SpaceLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The child process that measures latency. Reads from standard input one JSON line with the space
 * ({@code {"origin": ..., "yaml": ...}}), then one candidate key per line; answers each key with one JSON line on
 * standard output: the latency, or {@code {"error": ...}}. Ends when its input ends, that is when the search does.
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
        Dl4jInferenceProbe probe = new Dl4jInferenceProbe(searchSpace);
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "0"));
        MeasuredLatency measured = new MeasuredLatency(probe, TimingProtocol.DEFAULT,
                Machine.conditions(threads, probe.backend()));
        protocol.println("{\"ready\": true}");
        for (String key = in.readLine(); key != null; key = in.readLine()) {
            ObjectNode answer = JSON.createObjectNode();
            try {
                Latency latency = measured.latency(searchSpace.check(Candidate.parse(key)));
                answer.put("median_ms", latency.medianMs());
                answer.put("spread_ms", latency.spreadMs());
                answer.put("runs", latency.runs());
                answer.put("device", latency.conditions().device());
                answer.put("threads", latency.conditions().threads());
                answer.put("cpu", latency.conditions().cpu());
                answer.put("jvm", latency.conditions().jvm());
                answer.put("backend", latency.conditions().backend());
            } catch (RuntimeException | OutOfMemoryError e) {
                answer.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            protocol.println(JSON.writeValueAsString(answer));
        }
    }
}
