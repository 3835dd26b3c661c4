package dev.nas.runs.app;

import dev.nas.core.controller.prescreen.Prescreened;
import dev.nas.core.study.Controller;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.dl4j.ProxyScore;
import dev.nas.runs.compare.Comparison;
import dev.nas.space.BadInput;
import dev.nas.space.SearchSpace;
import java.util.Optional;

/**
 * {@code --prescreen K}: the controller proposes {@code proposals} candidates for each trial and only the one
 * {@code proxy} scores highest is trained.
 */
public record Prescreen(int proposals, ProxyScore.Kind proxy) {

    /** Images a proxy sees: one batch. */
    static final int IMAGES = 64;

    public Prescreen {
        if (proposals < 2) {
            throw new BadInput("--prescreen needs at least 2 proposals to choose from, got " + proposals);
        }
    }

    /** As the command line gives it: {@code K} proposals, scored by {@code proxy} (a name). */
    public static Prescreen of(int proposals, String proxy) {
        try {
            return new Prescreen(proposals, ProxyScore.Kind.of(proxy));
        } catch (IllegalArgumentException e) {
            throw new BadInput("--proxy: " + e.getMessage());
        }
    }

    /** The embedded training images, where {@code space} takes images of their shape: what a table's proxy sees. */
    public static Optional<ImageSet> embeddedFor(SearchSpace space) {
        ImageSet embedded = Dataset.embedded().train();
        return embedded.shape().equals(space.input()) ? Optional.of(embedded) : Optional.empty();
    }

    /** As a study's run options keep it: {@code "8 naswot"}. */
    static Prescreen parse(String stored) {
        String[] parts = stored.split(" ");
        return of(Integer.parseInt(parts[0]), parts[1]);
    }

    String stored() {
        return proposals + " " + proxy.token();
    }

    /** {@code controller} prescreening by this proxy on {@code images} of {@code space}'s input. */
    Controller around(Controller controller, SearchSpace space, ImageSet images, long seed) {
        return around(controller, new ProxyScore(space, proxy, ProxyScore.sample(images, IMAGES, seed), seed));
    }

    private Controller around(Controller controller, ProxyScore score) {
        return new Prescreened(controller, proposals, proxy.token(), score);
    }

    /**
     * This prescreening for a comparison's rows, on {@code images}: one proxy shared by every run, so each
     * architecture is scored once.
     */
    public Comparison.Screening screening(SearchSpace space, ImageSet images) {
        ProxyScore score = new ProxyScore(space, proxy, ProxyScore.sample(images, IMAGES, 1), 1);
        return new Comparison.Screening(proxy.token() + " x" + proposals, controller -> around(controller, score));
    }
}
