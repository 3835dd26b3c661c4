package dev.nas.runs.app;

import dev.nas.eval.data.Dataset;
import dev.nas.eval.dl4j.ProxyScore;
import dev.nas.eval.table.TableRow;
import dev.nas.eval.table.TabularBenchmark;
import dev.nas.space.Candidate;
import dev.nas.space.SearchSpace;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Zero-cost proxies against trained accuracy: every candidate of a tabular benchmark built for real, freshly
 * initialised from {@code seed}, scored by every proxy on one stratified batch of {@code batch} embedded images,
 * beside the accuracy the table says it reaches after its last epoch.
 */
public record ProxyBench(int batch, long seed) {

    /** One candidate's proxies, the time they took together, and its trained accuracy from the table. */
    public record Scores(Candidate candidate, double accuracy, Map<ProxyScore.Kind, Double> proxies,
                         double seconds) {
    }

    /** Scores every row of {@code table}, reporting each as it is done. */
    public List<Scores> run(SearchSpace space, TabularBenchmark table, Consumer<Scores> done) {
        Map<ProxyScore.Kind, ProxyScore> proxies = new EnumMap<>(ProxyScore.Kind.class);
        for (ProxyScore.Kind kind : ProxyScore.Kind.values()) {
            proxies.put(kind, new ProxyScore(space, kind, ProxyScore.sample(Dataset.embedded().train(), batch, seed),
                    seed));
        }
        List<Scores> scores = new ArrayList<>();
        for (TableRow row : table.rows()) {
            long start = System.nanoTime();
            Map<ProxyScore.Kind, Double> values = new EnumMap<>(ProxyScore.Kind.class);
            proxies.forEach((kind, proxy) -> values.put(kind, proxy.applyAsDouble(row.candidate())));
            Scores s = new Scores(row.candidate(), row.accuracy(), values, (System.nanoTime() - start) / 1e9);
            scores.add(s);
            done.accept(s);
        }
        return scores;
    }

    /** Spearman's rank correlation of {@code kind}'s scores with the trained accuracy over {@code scores}. */
    public static double spearman(List<Scores> scores, ProxyScore.Kind kind) {
        return new SpearmansCorrelation().correlation(scores.stream().mapToDouble(s -> s.proxies().get(kind))
                .toArray(), scores.stream().mapToDouble(Scores::accuracy).toArray());
    }
}
