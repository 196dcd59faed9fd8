package org.breachnotify.review;

import java.time.LocalDate;
import java.util.List;

/**
 * What staff see when deciding a doubtful match: the leaked record and its candidates side by side. BSNs are
 * masked to the last three digits.
 */
public record MatchReviewView(long reviewId, long campaignId, String kind, String status, LeakedRecord leakedRecord,
                              List<Candidate> candidates, String decision, Long decidedPersonId) {

    public record LeakedRecord(int dataset, String labRecordId, String bsnMasked, String surname, LocalDate birthDate,
                               String postcode) {
    }

    public record Candidate(long personId, String participantId, String name, String bsnMasked, LocalDate birthDate,
                            String address) {
    }
}
