package org.breachnotify.demo;

/**
 * What the synthetic campaign looks like. Shares are fractions of {@code people} (0..1).
 *
 * @param people             valid register people to generate (dirty rows come on top)
 * @param seed               same seed, same bytes
 * @param dirtyRowShare      extra participant rows that the importer must reject
 * @param doubtfulMatchShare people whose leaked record needs a review (conflict or ambiguous)
 * @param moverShare         people who moved after the register extract (letter comes back MOVED)
 * @param deceasedShare      people already deceased in the register extract; half as many again die
 *                           after the extract (letter comes back DECEASED)
 * @param foreignShare       people living in Belgium or Germany
 * @param englishShare       people who prefer English letters
 */
public record GeneratorSettings(int people, long seed, double dirtyRowShare, double doubtfulMatchShare,
                                double moverShare, double deceasedShare, double foreignShare,
                                double englishShare) {

    public GeneratorSettings {
        if (people < 0) {
            throw new IllegalArgumentException("people must be >= 0");
        }
        requireShare("dirtyRowShare", dirtyRowShare);
        requireShare("doubtfulMatchShare", doubtfulMatchShare);
        requireShare("moverShare", moverShare);
        requireShare("deceasedShare", deceasedShare);
        requireShare("foreignShare", foreignShare);
        requireShare("englishShare", englishShare);
    }

    /** Shares close to the real 2025 campaign. */
    public static GeneratorSettings defaults(int people) {
        return new GeneratorSettings(people, 42L, 0.005, 0.003, 0.015, 0.003, 0.01, 0.05);
    }

    public GeneratorSettings withSeed(long newSeed) {
        return new GeneratorSettings(people, newSeed, dirtyRowShare, doubtfulMatchShare, moverShare,
                deceasedShare, foreignShare, englishShare);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }
}
