package dev.nas.runs.cli;

import dev.nas.runs.app.Enqueue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nas enqueue}: candidates a study's next trials train first. */
@Command(name = "enqueue", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Queues candidates for a study's next trials to train first, in order, before its controller is",
            "asked (as Optuna's enqueue_trial does): the baseline a team ships, a design someone wants measured. Each",
            "is checked against the study's space; if one is not in it, nothing is queued. A queued candidate is",
            "trained once, at full fidelity, and counts in the budget; a search killed while training it continues",
            "it on resume. A study file is changed between searches; a server study also while workers search it."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar nas.jar enqueue --db runs/night --key 'mbconv_k3_e3-identity-16x1/...|lr=0.001,...'",
            "  java -jar nas.jar enqueue --db runs/night --architecture models/shipped/architecture.yaml",
            "  java -jar nas.jar resume --db runs/night --budget 30"})
final class EnqueueCommand implements Callable<Integer> {

    @Mixin
    StudyOption study;

    @Option(names = "--key", paramLabel = "KEY",
            description = "A candidate key, as nas trials prints them (quote it: it holds | ). Repeatable; queued in "
                    + "the order given, before any --architecture.")
    List<String> keys;

    @Option(names = "--architecture", paramLabel = "FILE.yaml",
            description = "A space with every choice fixed, as nas export writes architecture.yaml: its one candidate. "
                    + "Repeatable; queued in the order given.")
    List<Path> architectures;

    @Option(names = "--skip-if-exists",
            description = "Leave out a candidate the study has tried, is trying, knows from its warm start or has "
                    + "queued already (by default it is queued, and trained, again).")
    boolean skipIfExists;

    @Override
    public Integer call() {
        Enqueue.Result result = new Enqueue(study.address(), Optional.ofNullable(keys).orElse(List.of()),
                Optional.ofNullable(architectures).orElse(List.of()), skipIfExists).run(Instant.now());
        result.lines().forEach(System.out::println);
        System.out.println(result.queued().isEmpty() ? "nas: nothing was queued"
                : "nas: the study's next trials train the queued candidates first; continue it with: java -jar "
                + "nas.jar resume --db " + study.db + " (or the same search command again)");
        return Main.DONE;
    }
}
