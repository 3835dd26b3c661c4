package dev.nas.eval.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training images divided into what candidates train on and what they are scored on. Stratified: each class
 * gives the same fraction to validation. The same seed gives the same split, so every trial of a study is scored on
 * the same images.
 */
public record Split(ImageSet train, ImageSet validation) {

    public static Split stratified(ImageSet images, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < images.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.size(); i++) {
            byClass.get(images.label(i)).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> members : byClass) {
            shuffle(members, random);
            int held = (int) Math.round(members.size() * validationFraction);
            validation.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        shuffle(train, random);
        if (train.isEmpty() || validation.isEmpty()) {
            throw new DataException(images.size() + " images are too few to split " + validationFraction
                    + " of them off for validation");
        }
        return new Split(images.subset(toArray(train)), images.subset(toArray(validation)));
    }

    private static void shuffle(List<Integer> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    private static int[] toArray(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
