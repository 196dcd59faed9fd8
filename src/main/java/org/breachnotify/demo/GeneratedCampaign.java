package org.breachnotify.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.breachnotify.register.Group;

/**
 * What {@link SyntheticCampaignGenerator} wrote, with the outcomes a correct system must reach.
 *
 * @param people            valid participant rows (the importer must accept exactly these)
 * @param dirtyRows         participant rows the importer must reject (each has exactly one defect)
 * @param expectedGroups    classification once every review is decided "dismiss": every {@link Group}
 *                          is a key; HELD_FOR_REVIEW is 0. People involved in a doubtful record are
 *                          never leaked otherwise and never have a GP smear, so they count as GROUP_3.
 *                          People who die after the extract are in their letter group (the register
 *                          extract does not know yet); deceased ones in the extract are NOT_NOTIFIED_DECEASED.
 * @param leakedRecords     rows over all leaked-record files
 * @param doubtfulRecords   leaked records that must open a review: conflicts (BSN found, birth date
 *                          differs) plus ambiguous ones (no BSN, surname + birth date fit two people).
 *                          Before any decision, the people held are the conflict people plus two per
 *                          ambiguous record.
 * @param unlinkableRecords leaked records with no candidate at all (listed in the campaign report)
 */
public record GeneratedCampaign(Path participants, List<Path> leakedRecordFiles, Path addressUpdates,
                                Path postalWorld, int people, int dirtyRows, Map<Group, Integer> expectedGroups,
                                int leakedRecords, int doubtfulRecords, int unlinkableRecords) {
}
