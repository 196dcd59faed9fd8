package org.breachnotify.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The demo campaign's database, an application's embedded PostgreSQL, as a harness reads it from outside. */
public final class DemoDatabase {
    private final int port;
    private final String campaignCode;

    public DemoDatabase(int port, String campaignCode) {
        this.port = port;
        this.campaignCode = campaignCode;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=3",
                "postgres", "");
    }

    /** The JDBC URL another node uses to share this database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?reWriteBatchedInserts=true";
    }

    /** The campaign's status; "none" before it exists, "unknown" while the database is down. */
    public String campaignStatus() {
        try (Connection db = connect(); var statement = db.prepareStatement(
                "select status from notify.campaign where code = ?")) {
            statement.setString(1, campaignCode);
            var rs = statement.executeQuery();
            return rs.next() ? rs.getString(1) : "none";
        } catch (SQLException notUp) {
            return "unknown";
        }
    }

    /** One line: people, journeys, letters, batches, how many ended, the status. */
    public String progress() {
        try (Connection db = connect(); var statement = db.prepareStatement("""
                select (select count(*) from notify.person),
                       (select count(*) from notify.person where journey_started_at is not null),
                       (select count(*) from notify.letter),
                       (select count(*) from notify.letter where status in ('POSTED', 'RETURNED')),
                       (select count(*) from notify.print_batch),
                       (select count(*) from notify.person where journey_ended_at is not null),
                       (select count(*) from notify.engine_command where done_at is null),
                       (select status from notify.campaign where code = ?)""")) {
            statement.setString(1, campaignCode);
            var rs = statement.executeQuery();
            rs.next();
            return "people %d, journeys %d, letters %d (posted %d), batches %d, ended %d, commands open %d, %s"
                    .formatted(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getString(8));
        } catch (SQLException notUp) {
            return "database not up";
        }
    }
}
