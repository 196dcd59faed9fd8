package org.breachnotify.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on a fresh embedded PostgreSQL, with the job executor, the engine-command relay and the demo
 * switched off, so that tests drive every job and every message themselves, and the web server on a random port.
 * All classes using it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "breachnotify.demo.enabled=false",
        "breachnotify.engine-commands.relay-enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "breachnotify.embedded-postgres.directory=",
        "breachnotify.embedded-postgres.port=0",
        "breachnotify.embedded-postgres.clean=true",
        "breachnotify.data-dir=target/process-test-data",
        "breachnotify.node-name=" + ProcessTestContext.NODE_NAME,
        "spring.mail.port=3025",
        "breachnotify.admin.password=" + Api.ADMIN_PASSWORD
})
public @interface ProcessTestContext {
    /** The name this node gives itself in the claims it holds (inbox files). */
    String NODE_NAME = "test-node";
}
