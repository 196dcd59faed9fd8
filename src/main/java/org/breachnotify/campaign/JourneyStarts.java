package org.breachnotify.campaign;

import java.util.List;
import java.util.Map;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.journey.Journeys;
import org.breachnotify.letter.LetterService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the journeys of newly classified people: composes their first letters in bulk and queues one start per
 * person carrying the letter, a chunk of people per transaction. The engine-command relay then starts the journeys
 * many per engine command while later chunks are still being composed (ADR 10).
 */
@Service
public class JourneyStarts {
    private final JdbcTemplate jdbc;
    private final LetterService letters;
    private final EngineCommands commands;
    private final Journeys journeys;
    private final TransactionTemplate tx;
    private final int chunkSize;

    public JourneyStarts(JdbcTemplate jdbc, LetterService letters, EngineCommands commands, Journeys journeys,
                         PlatformTransactionManager transactions,
                         @Value("${breachnotify.journeys.compose-chunk-size:5000}") int chunkSize) {
        this.jdbc = jdbc;
        this.letters = letters;
        this.commands = commands;
        this.journeys = journeys;
        // Own transactions: each chunk's letters and starts are kept once made, so the relay can begin at once and a
        // crash repeats one chunk at most.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.chunkSize = chunkSize;
    }

    /**
     * Composes and queues for every classified person of the campaign without a journey; answers how many people
     * were taken (a person whose start was queued meanwhile by another node is skipped).
     */
    public int composeAndQueue(long campaignId) {
        int total = 0;
        long after = Long.MIN_VALUE; // keyset: each chunk reads on from the last, never past the people just started
        while (true) {
            long from = after;
            List<Long> people = tx.execute(status -> {
                List<Long> chunk = jdbc.queryForList("""
                        select id from person where campaign_id = ? and journey_started_at is null and id > ?
                          and grp is not null and grp <> 'HELD_FOR_REVIEW'
                        order by id limit ? for update skip locked""", Long.class, campaignId, from, chunkSize);
                if (!chunk.isEmpty()) {
                    Map<Long, String> composed = letters.composeFirstLetters(chunk);
                    commands.enqueueJourneyStarts(journeys.start(chunk, composed.keySet()), composed);
                }
                return chunk;
            });
            if (people.isEmpty()) {
                return total;
            }
            total += people.size();
            after = people.get(people.size() - 1);
        }
    }
}
