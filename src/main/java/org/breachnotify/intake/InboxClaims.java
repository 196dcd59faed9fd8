package org.breachnotify.intake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Who imports which inbox file, kept in the database ({@code inbox_claim}) so that a file whose importer died is
 * taken over instead of lying in {@code .processing} for good. A claim names the node and the run (this start of the
 * application) and holds a lease that is renewed while the import lasts. It is stale, and another claim may replace it,
 * when its lease has run out (its node stopped renewing: crashed, or cut off) or when it was made by an earlier run of
 * this same node (which therefore crashed: a restarted node takes back its files at once). A live claim is never
 * taken, so a slow import on another node is left alone.
 */
@Component
class InboxClaims {
    private static final Logger log = LoggerFactory.getLogger(InboxClaims.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String node;
    private final String runId = UUID.randomUUID().toString();
    private final Duration lease;
    private final Set<Claim> held = ConcurrentHashMap.newKeySet();

    InboxClaims(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                @Value("${breachnotify.node-name:}") String nodeName,
                @Value("${breachnotify.inbox.claim-lease:PT2M}") Duration lease) {
        this.jdbc = jdbc;
        // Committed at once, whatever the caller's transaction: other nodes must see the claim before the file moves.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.node = StringUtils.hasText(nodeName) ? nodeName.trim() : hostName();
        this.lease = lease;
    }

    private record Claim(long campaignId, String fileName) {
    }

    private record Holder(String fileName, String node, String runId, boolean expired) {
    }

    /** Claims the file for this run unless a live claim holds it; answers whether this run holds it now. */
    boolean claim(long campaignId, String fileName) {
        Claim claim = new Claim(campaignId, fileName);
        Boolean taken = tx.execute(status -> {
            List<Holder> holders = jdbc.query("""
                    select file_name, node, run_id, lease_until < now() from inbox_claim
                    where campaign_id = ? and file_name = ? for update""",
                    (rs, i) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                    campaignId, fileName);
            if (holders.isEmpty()) {
                int inserted = jdbc.update("""
                        insert into inbox_claim (campaign_id, file_name, node, run_id, lease_until)
                        values (?, ?, ?, ?, now() + make_interval(secs => ?)) on conflict do nothing""",
                        campaignId, fileName, node, runId, lease.toSeconds());
                return inserted == 1 && held.add(claim);
            }
            Holder holder = holders.get(0);
            if (!isStale(holder, claim)) {
                return false;
            }
            log.warn("Inbox file {} of campaign {} was claimed by node {} {}; this node takes it over", fileName,
                    campaignId, holder.node(), holder.expired() ? "whose lease has run out" : "in an earlier run");
            jdbc.update("""
                    update inbox_claim set node = ?, run_id = ?, claimed_at = now(),
                                           lease_until = now() + make_interval(secs => ?)
                    where campaign_id = ? and file_name = ?""", node, runId, lease.toSeconds(), campaignId, fileName);
            return held.add(claim);
        });
        return Boolean.TRUE.equals(taken);
    }

    private boolean isStale(Holder holder, Claim claim) {
        if (holder.expired()) {
            return true;
        }
        if (!holder.node().equals(node)) {
            return false; // a live claim of another node
        }
        // This node's own: an earlier run's claim is a crashed run's; this run's counts only while it works on it.
        return !holder.runId().equals(runId) || !held.contains(claim);
    }

    /**
     * Removes the stale claims of files that are gone from the inbox and from {@code .processing}: their import got
     * through and moved the file out, and its process died before it gave the claim up. Nothing would ever take such a
     * claim over, since no file names it any more. A live claim stays, whatever its file: its importer is still at
     * work. Answers how many were removed.
     *
     * @param stillThere whether a file of that name is in the inbox or in {@code .processing}
     */
    int forgetFinished(long campaignId, Predicate<String> stillThere) {
        int removed = 0;
        for (Holder holder : jdbc.query("""
                select file_name, node, run_id, lease_until < now() from inbox_claim
                where campaign_id = ? and (lease_until < now() or (node = ? and run_id <> ?))""",
                (rs, i) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                campaignId, node, runId)) {
            if (!stillThere.test(holder.fileName())) {
                // only the stale holder read above: a node that took the claim over since keeps it
                removed += tx.execute(status -> jdbc.update("""
                        delete from inbox_claim where campaign_id = ? and file_name = ? and node = ? and run_id = ?""",
                        campaignId, holder.fileName(), holder.node(), holder.runId()));
            }
        }
        if (removed > 0) {
            log.info("Removed {} claim(s) of campaign {} whose files were imported by a process that stopped before"
                    + " giving them up", removed, campaignId);
        }
        return removed;
    }

    /** Gives the claim up (the file has left {@code .processing}, or is left there for the next round). */
    void release(long campaignId, String fileName) {
        held.remove(new Claim(campaignId, fileName));
        tx.executeWithoutResult(status -> jdbc.update(
                "delete from inbox_claim where campaign_id = ? and file_name = ? and node = ? and run_id = ?",
                campaignId, fileName, node, runId));
    }

    /** Keeps the claims of imports still running alive, however long a file takes. */
    @Scheduled(fixedDelayString = "${breachnotify.inbox.claim-renewal:PT30S}")
    void renew() {
        for (Claim claim : held) {
            tx.executeWithoutResult(status -> jdbc.update("""
                    update inbox_claim set lease_until = now() + make_interval(secs => ?)
                    where campaign_id = ? and file_name = ? and node = ? and run_id = ?""",
                    lease.toSeconds(), claim.campaignId(), claim.fileName(), node, runId));
        }
    }

    String node() {
        return node;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
