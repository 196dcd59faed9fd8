package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.breachnotify.register.SurnameKey;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Surname keys made before every Latin letter was folded to ASCII ({@code ł}, {@code ß}, {@code ı} ... were kept)
 * are made again, so people and leaked records imported before and after compare alike. Only names with a
 * character outside ASCII can change.
 */
public class V4__fold_every_latin_letter_in_surname_keys extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        refold(context, "person", "surname_prefix");
        refold(context, "leaked_record", null);
    }

    private static void refold(Context context, String table, String prefixColumn) throws Exception {
        String prefix = prefixColumn == null ? "null" : prefixColumn;
        try (Statement select = context.getConnection().createStatement();
             PreparedStatement update = context.getConnection().prepareStatement(
                     "update " + table + " set surname_key = ? where id = ?")) {
            select.setFetchSize(10_000);
            try (ResultSet rs = select.executeQuery("select id, " + prefix + ", surname from " + table
                    + " where surname ~ '[^\\x01-\\x7F]' or " + prefix + " ~ '[^\\x01-\\x7F]'")) {
                int pending = 0;
                while (rs.next()) {
                    update.setString(1, SurnameKey.of(rs.getString(2), rs.getString(3)));
                    update.setLong(2, rs.getLong(1));
                    update.addBatch();
                    if (++pending == 1_000) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
    }
}
