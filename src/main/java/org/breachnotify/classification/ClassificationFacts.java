package org.breachnotify.classification;

/** The inputs of the classifyPerson decision for one person, read from our tables. */
public record ClassificationFacts(boolean deceased, boolean heldForReview, int linkedDataset, boolean gpSmearBefore2017) {
}
