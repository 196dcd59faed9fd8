package org.breachnotify.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a {@code check (column in (...))} constraint of our schema admits, as PostgreSQL itself states it. */
public final class CheckConstraints {
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'::text");

    private CheckConstraints() {
    }

    /** The text values the named constraint lists, in its order; fails when there is no such constraint. */
    public static List<String> valuesAllowed(JdbcTemplate jdbc, String constraint) {
        String definition = jdbc.queryForObject("""
                select pg_get_constraintdef(c.oid) from pg_constraint c join pg_namespace n on n.oid = c.connamespace
                where c.conname = ? and n.nspname = 'notify'""", String.class, constraint);
        List<String> values = new ArrayList<>();
        Matcher m = LITERAL.matcher(definition);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
