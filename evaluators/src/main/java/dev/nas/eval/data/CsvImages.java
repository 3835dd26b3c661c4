package dev.nas.eval.data;

import dev.nas.space.FeatureMap;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads images from CSV, one per row: the label, then the pixel values 0-255, channels first (the layout of the
 * Kaggle Fashion-MNIST files). A first row whose label is not a number is a header and skipped.
 */
public final class CsvImages {

    private CsvImages() {
    }

    public static ImageSet read(Reader reader, String name, FeatureMap shape) {
        int size = shape.pixels() * shape.channels();
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.getRecordNumber() == 1 && !record.get(0).matches("\\d+")) {
                    continue;
                }
                if (record.size() != size + 1) {
                    throw new DataException(name + ":" + line + ": expected a label and " + size
                            + " pixel values for " + shape + " images, got " + record.size() + " fields");
                }
                labels.add(value(record, 0, name, line, Integer.MAX_VALUE));
                byte[] pixels = new byte[size];
                for (int i = 0; i < size; i++) {
                    pixels[i] = (byte) value(record, i + 1, name, line, 255);
                }
                images.add(pixels);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("cannot read " + name + ": " + e.getMessage(), e);
        }
        byte[] all = new byte[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * size, size);
        }
        return new ImageSet(shape, all, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int value(CSVRecord record, int field, String name, long line, int max) {
        String text = record.get(field);
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(name + ":" + line + ": field " + (field + 1) + " is '" + text + "', expected "
                + (field == 0 ? "a class label (0, 1, 2, ...)" : "a pixel value 0-255"));
    }
}
