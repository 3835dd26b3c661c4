package dev.nas.core.controller.evolution;

import dev.nas.space.Actions;
import dev.nas.space.Candidate;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.engine.Codec;
import io.jenetics.util.ISeq;
import java.util.random.RandomGenerator;

/**
 * Candidates as Jenetics genotypes: one single-gene integer chromosome per searched decision (its option index),
 * with a Jenetics codec back to candidates.
 */
final class Genomes {

    private final Actions actions;
    private final Codec<Candidate, IntegerGene> codec;

    Genomes(Actions actions) {
        this.actions = actions;
        ISeq<IntegerChromosome> chromosomes = java.util.stream.IntStream.of(actions.sizes())
                .mapToObj(size -> IntegerChromosome.of(0, size - 1, 1))
                .collect(ISeq.toISeq());
        this.codec = Codec.of(Genotype.of(chromosomes), this::decode);
    }

    Codec<Candidate, IntegerGene> codec() {
        return codec;
    }

    Genotype<IntegerGene> encode(Candidate candidate) {
        int[] decisions = actions.actions(candidate);
        Genotype<IntegerGene> template = codec.encoding().newInstance();
        return Genotype.of(java.util.stream.IntStream.range(0, decisions.length)
                .mapToObj(d -> template.get(d).newInstance(ISeq.of(template.get(d).gene().newInstance(decisions[d]))))
                .collect(ISeq.toISeq()));
    }

    private Candidate decode(Genotype<IntegerGene> genotype) {
        int[] decisions = new int[genotype.length()];
        for (int d = 0; d < decisions.length; d++) {
            decisions[d] = genotype.get(d).gene().allele();
        }
        return actions.candidate(decisions);
    }

    /**
     * The parent with exactly one decision changed to another of its values (Real et al. 2019's mutation). Jenetics'
     * mutators change each gene with a probability, so zero or several genes; the paper's operator changes one.
     */
    Genotype<IntegerGene> mutateOne(Genotype<IntegerGene> parent, RandomGenerator random) {
        int[] sizes = actions.sizes();
        int[] mutable = java.util.stream.IntStream.range(0, sizes.length).filter(d -> sizes[d] > 1).toArray();
        int d = mutable[random.nextInt(mutable.length)];
        int current = parent.get(d).gene().allele();
        int other = random.nextInt(sizes[d] - 1);
        int value = other >= current ? other + 1 : other;
        IntegerChromosome chromosome = (IntegerChromosome) parent.get(d);
        return Genotype.of(java.util.stream.IntStream.range(0, parent.length())
                .mapToObj(i -> i == d ? chromosome.newInstance(ISeq.of(chromosome.gene().newInstance(value)))
                        : parent.get(i))
                .collect(ISeq.toISeq()));
    }
}
