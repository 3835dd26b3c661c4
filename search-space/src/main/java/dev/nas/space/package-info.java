/**
 * What a search explores: a {@link dev.nas.space.SearchSpace} read from YAML, the {@link dev.nas.space.Candidate}s
 * it contains (architecture plus training hyperparameters) and the {@link dev.nas.space.CandidateCodec} that samples
 * them, enumerates them for grid search and maps them to and from numeric vectors.
 *
 * <pre>{@code
 * SearchSpace space = SpaceLoader.load(Path.of("spaces/mobile.yaml"));
 * CandidateCodec codec = space.codec();
 * Candidate c = codec.sample(new SplittableRandom(42));
 * Candidate same = Candidate.parse(c.key());
 * }</pre>
 *
 * Nothing in this module trains or measures anything; it is plain Java values.
 */
package dev.nas.space;
