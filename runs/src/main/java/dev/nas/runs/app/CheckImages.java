package dev.nas.runs.app;

import dev.nas.core.study.StudySpec;
import dev.nas.eval.data.Dataset;
import dev.nas.eval.data.ImageSet;
import dev.nas.eval.data.Split;
import dev.nas.eval.onnx.Int8Quantization;
import dev.nas.runs.storage.StudyAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The images an exported ONNX model is checked on against DL4J, and an int8 model scored on: the study's own
 * validation images, split from its data as the search split them, where this machine has the data; else the
 * embedded Fashion-MNIST test subset. An int8 model's activations are calibrated on training images of the same
 * data (the embedded training subset in the second case).
 *
 * @param description            which images, for the manifest
 * @param calibrationDescription which calibration images, for the manifest
 */
record CheckImages(ImageSet images, String description, ImageSet calibration, String calibrationDescription) {

    /** Enough images to show a disagreement of one in a thousand. */
    static final int COUNT = 1000;

    static CheckImages of(StudySpec spec, Map<String, String> runOptions, StudyAddress db) {
        Optional<Path> data = Optional.ofNullable(runOptions.get("data")).map(Path::of);
        if (data.isEmpty() || Files.exists(data.get())) {
            Dataset dataset = data.map(path -> Dataset.load(path, spec.space().input(),
                    SearchSettings.reading(runOptions, db))).orElseGet(Dataset::embedded);
            double validation = Optional.ofNullable(runOptions.get("validation")).map(Double::parseDouble)
                    .orElse(SearchSettings.VALIDATION);
            Split split = dataset.split(validation, spec.seed());
            ImageSet images = split.validation().head(COUNT);
            ImageSet calibration = split.train().head(Int8Quantization.CALIBRATION_IMAGES);
            return new CheckImages(images, images.size() + " of the study's validation images (" + dataset
                    .description() + ")", calibration, calibration.size() + " of the study's training images ("
                    + dataset.description() + ")");
        }
        ImageSet test = Dataset.embeddedTest().train().head(COUNT);
        ImageSet calibration = Dataset.embedded().train().head(Int8Quantization.CALIBRATION_IMAGES);
        return new CheckImages(test, test.size() + " embedded Fashion-MNIST test images (the study's data, "
                + data.get() + ", is not on this machine)", calibration, calibration.size()
                + " embedded Fashion-MNIST training images");
    }
}
