package org.breachnotify.campaign;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class CampaignRepository {
    private static final String COLUMNS =
            "id, code, name, status, round_interval, return_window, batch_size, batch_max_wait, letter_templates";
    private static final RowMapper<Campaign> MAPPER = (rs, i) -> new Campaign(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), CampaignStatus.valueOf(rs.getString("status")),
            new CampaignSettings(rs.getString("round_interval"), rs.getString("return_window"),
                    rs.getInt("batch_size"), rs.getString("batch_max_wait"), rs.getString("letter_templates")));

    private final JdbcTemplate jdbc;

    public CampaignRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Campaign insert(String code, String name, CampaignSettings s) {
        Long id = jdbc.queryForObject("""
                insert into campaign (code, name, status, round_interval, return_window, batch_size, batch_max_wait,
                                      letter_templates)
                values (?,?,?,?,?,?,?,?) returning id""", Long.class, code, name, CampaignStatus.OPEN.name(),
                s.roundInterval(), s.returnWindow(), s.batchSize(), s.batchMaxWait(), s.letterTemplates());
        return new Campaign(id, code, name, CampaignStatus.OPEN, s);
    }

    public Optional<Campaign> find(long id) {
        return jdbc.query("select " + COLUMNS + " from campaign where id = ?", MAPPER, id).stream().findFirst();
    }

    public Optional<Campaign> findByCode(String code) {
        return jdbc.query("select " + COLUMNS + " from campaign where code = ?", MAPPER, code).stream().findFirst();
    }

    public List<Campaign> findAll() {
        return jdbc.query("select " + COLUMNS + " from campaign order by id", MAPPER);
    }

    public void markRunning(long id, String processInstanceId) {
        jdbc.update("update campaign set status = 'RUNNING', process_instance_id = ? where id = ?", processInstanceId, id);
    }

    public void markCompleted(long id) {
        jdbc.update("update campaign set status = 'COMPLETED', completed_at = now() where id = ?", id);
    }
}
