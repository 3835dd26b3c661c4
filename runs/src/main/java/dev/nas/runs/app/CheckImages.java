package dev.nas.runs.app;

import dev.nas.core.study.StudySpec;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The images an exported ONNX model is checked on against DL4J: the study's own validation images, split from its
 * data as the search split them, where this machine has the data; else the embedded Fashion-MNIST test subset.
 *
 * @param description which images, for the manifest
 */
record CheckImages(ImageSet images, String description) {

    /** Enough images to show a disagreement of one in a thousand. */
    static final int COUNT = 1000;

    static CheckImages of(StudySpec spec, Map<String, String> runOptions) {
        Optional<Path> data = Optional.ofNullable(runOptions.get("data")).map(Path::of);
        if (data.isEmpty() || Files.exists(data.get())) {
            Dataset dataset = data.map(path -> Dataset.load(path, spec.space().input())).orElseGet(Dataset::embedded);
            double validation = Optional.ofNullable(runOptions.get("validation")).map(Double::parseDouble)
                    .orElse(SearchSettings.VALIDATION);
            ImageSet images = Split.stratified(dataset.train(), validation, spec.seed()).validation();
            images = images.head(Math.min(COUNT, images.size()));
            return new CheckImages(images, images.size() + " of the study's validation images (" + dataset
                    .description() + ")");
        }
        ImageSet test = Dataset.embeddedTest().train();
        test = test.head(Math.min(COUNT, test.size()));
        return new CheckImages(test, test.size() + " embedded Fashion-MNIST test images (the study's data, "
                + data.get() + ", is not on this machine)");
    }
}
