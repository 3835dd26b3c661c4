package dev.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateTest {

    @Test
    void keyIsReadableAndCanonical() {
        Candidate c = new Candidate(List.of(
                new BlockChoice(LayerOp.of(OpType.MBCONV, 3, 6, 0.25), Residual.IDENTITY, 24, 2),
                new BlockChoice(LayerOp.of(OpType.CONV, 5, 6, 0), Residual.POOL, 40, 1),
                new BlockChoice(LayerOp.SKIP, Residual.POOL, 40, 3)),
                new Hyperparameters(0.00316, 64, Optimizer.ADAM, 1e-5));
        assertEquals("mbconv_k3_e6_se0.25-identity-24x2/conv_k5-pool-40x1/skip-none-40x3"
                + "|lr=0.00316,bs=64,opt=adam,wd=1e-5", c.key());
        assertEquals(c, Candidate.parse(c.key()));
    }

    /** Augmentation appears in a key only where there is some, so keys without it read as they always have. */
    @Test
    void augmentationIsWrittenInTheKeyOnlyWhereThereIsSome() {
        Hyperparameters plain = new Hyperparameters(0.01, 64, Optimizer.ADAM, 0);
        assertEquals("lr=0.01,bs=64,opt=adam,wd=0", plain.token());
        Hyperparameters augmented = new Hyperparameters(0.01, 64, Optimizer.ADAM, 0, new Augmentation(4, true, 8));
        assertEquals("lr=0.01,bs=64,opt=adam,wd=0,crop=4,flip=1,cutout=8", augmented.token());
        assertEquals(augmented, Hyperparameters.parse(augmented.token()));
        assertEquals(plain, Hyperparameters.parse("lr=0.01,bs=64,opt=adam,wd=0,crop=0,flip=0,cutout=0"));
        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.parse("lr=0.01,bs=64,opt=adam,wd=0,crop=4"));
        assertTrue(partial.getMessage().contains("crop, flip and cutout if it is augmented"), partial.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.parse("lr=0.01,bs=64,opt=adam,wd=0,crop=4,flip=yes,cutout=0"));
    }

    @Test
    void everySampledCandidateOfEveryShippedSpaceRoundTripsThroughItsKey() {
        for (String name : List.of("mobile", "mnasnet-b0", "tiny", "cifar")) {
            SearchSpace space = Spaces.shipped(name);
            SplittableRandom rng = new SplittableRandom(7);
            for (int i = 0; i < 200; i++) {
                Candidate c = space.codec().sample(rng);
                assertEquals(c, space.check(Candidate.parse(c.key())));
            }
        }
    }

    @Test
    void badKeysSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.parse("mbconv_k3-identity-24x2|lr=0.01,bs=64,opt=adam,wd=0"));
        assertTrue(e.getMessage().contains("needs an expansion"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.parse("conv_k3-sometimes-24x2|lr=0.01,bs=64,opt=adam,wd=0"));
        assertTrue(e.getMessage().contains("unknown skip 'sometimes'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse("conv_k3-none-24x2"));
        assertTrue(e.getMessage().contains("BLOCKS|HYPERPARAMETERS"), e.getMessage());
    }

    @Test
    void spaceRejectsCandidatesFromElsewhere() {
        SearchSpace tiny = Spaces.shipped("tiny");
        Candidate c = tiny.codec().sample(new SplittableRandom(1));
        Candidate wide = new Candidate(List.of(new BlockChoice(c.blocks().get(0).op(),
                c.blocks().get(0).residual(), 999, 1), c.blocks().get(1)), c.training());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny.check(wide));
        assertTrue(e.getMessage().contains("block 0"), e.getMessage());
    }

    @Test
    void describesInWords() {
        BlockChoice block = new BlockChoice(LayerOp.of(OpType.MBCONV, 5, 6, 0.25), Residual.IDENTITY, 24, 2);
        assertEquals("2x MBConv6 5x5 SE0.25, identity skip, 24 ch", block.describe());
    }
}
