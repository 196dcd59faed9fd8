package org.breachnotify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;
import static org.breachnotify.support.CampaignFixture.participant;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.demo.DemoCampaign;
import org.breachnotify.engine.EngineAccessSetup;
import org.breachnotify.engine.EngineAdministration;
import org.breachnotify.engine.ProcessModels;
import org.breachnotify.intake.FileType;
import org.breachnotify.printhouse.PrintBatchService;
import org.breachnotify.support.Api;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.breachnotify.support.WebClient;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who may call what, on the real application over real HTTP, with the engine's real identity service and
 * authorizations: every endpoint family (webapps, our API read and write, letter PDFs, the engine REST API read and
 * write) for every role, for a user in no group, for a wrong password and for no credentials at all. Each cell is the
 * exact status the README's role table promises.
 */
@ProcessTestContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    static final String PASSWORD = "Str0ng-Secret-1!";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Who calls: a user per role, a user in no group, a wrong password, nobody. */
    enum Who {
        ANONYMOUS(null, null), WRONG_PASSWORD("nosuchuser", null), NO_GROUP("tnogroup", null),
        ADMIN("admin", null), MANAGER("tmanager", Role.PROCESS_MANAGER), HELPDESK("thelpdesk", Role.HELPDESK),
        PRIVACY("tprivacy", Role.PRIVACY_OFFICER), PRINT_HOUSE("tprinthouse", Role.PRINT_HOUSE);

        final String user;
        final Role role;

        Who(String user, Role role) {
            this.user = user;
            this.role = role;
        }

        String password() {
            return this == ADMIN ? Api.ADMIN_PASSWORD : PASSWORD;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    PrintBatchService batches;
    @Autowired
    EngineAdministration administration;
    @Autowired
    IdentityService identity;
    @Autowired
    FilterService filters;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;
    private Campaign control;
    /** A's letter came back and waits in a helpdesk task; B's letter is out; C and D wait for a match review. */
    private String letterA;
    private String letterB;
    private String taskA;
    private String journeyB;
    /** E's letter came back too; the helpdesk decides E's task in one of the tests. */
    private String taskE;
    private long reviewId;

    @BeforeAll
    void peopleAndWork() {
        // The webapps and the engine REST API find "the" engine in Camunda's static registry. Other test contexts in
        // this JVM (the demo's, a refused start) register and unregister theirs under the same name, so make this
        // context's engine the one they serve before calling them over HTTP.
        ProcessEngines.registerProcessEngine(engine);
        for (Who who : Who.values()) {
            if (who.user != null && who != Who.ADMIN && who != Who.WRONG_PASSWORD) {
                administration.ensureUser(who.user, "Test", who.name().toLowerCase(), who.password(),
                        who.role == null ? new String[0] : new String[] {who.role.groupId()});
            }
        }
        campaign = fixture.newCampaign();
        control = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                participant("P-A", TestBsn.valid(501), "Bakker", "1971-03-03", "2511 CV", "false", null),
                participant("P-B", TestBsn.valid(502), "Smit", "1972-04-04", "2511 CV", "false", null),
                participant("P-C", TestBsn.valid(503), "de Vries", "1975-11-02", "3511 AX", "false", null),
                participant("P-D", TestBsn.valid(504), "De Vries", "1975-11-02", "9711 AA", "false", null),
                participant("P-E", TestBsn.valid(505), "Mulder", "1973-05-05", "2511 CV", "false", null));
        fixture.importCsv(campaign, FileType.LEAKED_RECORDS, "leaked-records.csv",
                "dataset,lab_record_id,bsn,surname,birth_date,postcode", "1,CD1-77,,DEVRIES,1975-11-02,");
        fixture.matchAndStartJourneys(campaign);
        long personA = fixture.personId(campaign, "P-A");
        long personB = fixture.personId(campaign, "P-B");
        letterA = fixture.currentLetterOf(personA);
        letterB = fixture.currentLetterOf(personB);
        List<String> delivered = batches.cutAndDeliver(fixture.campaign(campaign.id()));
        List<String> posted = jdbc.queryForList("select id from letter where batch_id = any(?)", String.class,
                (Object) delivered.toArray(String[]::new));
        List<String> lines = new ArrayList<>(List.of("letter_id,status,date,reason"));
        posted.forEach(id -> lines.add(id + ",POSTED,2025-09-12,"));
        fixture.importCsv(campaign, FileType.DISPATCH_CONFIRMATION, "dispatch-confirmation-" + delivered.get(0)
                + ".csv", lines.toArray(String[]::new));
        String letterE = fixture.currentLetterOf(fixture.personId(campaign, "P-E"));
        fixture.importCsv(campaign, FileType.RETURN_MAIL, "return-mail.csv", "letter_id,reason,date",
                letterA + ",ADDRESS_UNKNOWN,2025-09-20", letterE + ",ADDRESS_UNKNOWN,2025-09-20");
        fixture.relayAndRun(campaign);
        taskA = tasks.createTaskQuery().processInstanceId(fixture.journeyOf(personA).getId()).singleResult().getId();
        journeyB = fixture.journeyOf(personB).getId();
        taskE = tasks.createTaskQuery().processInstanceId(fixture.journeyOf(fixture.personId(campaign, "P-E")).getId())
                .singleResult().getId();
        reviewId = jdbc.queryForObject("select id from match_review where campaign_id = ?", Long.class,
                campaign.id());
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointFamilyAnswersEachCallerAsTheRoleTableSays() {
        long c = campaign.id();
        long k = control.id();
        List<Cell> cells = new ArrayList<>();
        // our API, read
        row(cells, "GET", "/api/campaigns", null, "anon=401 wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=200");
        row(cells, "GET", "/api/campaigns/" + c + "/report", null, "anon=401 wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "GET", "/api/campaigns/" + c + "/rejected-rows.csv", null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "GET", "/api/campaigns/" + c + "/reviews/summary", null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "GET", "/api/campaigns/" + c + "/unlinked-records", null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "GET", "/api/campaigns/" + c + "/reviews", null, "anon=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=200 printhouse=403");
        row(cells, "GET", "/api/reviews/" + reviewId, null, "anon=401 wrong=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=200 printhouse=403");
        // letters: the PDF holds name and address; helpdesk only for people in its open tasks
        row(cells, "GET", "/api/letters/" + letterA + "/pdf", null, "anon=401 wrong=401 nogroup=403 admin=200 manager=403 helpdesk=200 privacy=200 printhouse=403");
        row(cells, "GET", "/api/letters/" + letterB + "/pdf", null, "anon=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=200 printhouse=403");
        row(cells, "GET", "/api/letters/" + letterA, null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=200 privacy=200 printhouse=403");
        row(cells, "GET", "/api/letters/" + letterB, null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=200 printhouse=403");
        row(cells, "GET", "/api/campaigns/" + c + "/participants/P-A/letters", null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=200 privacy=200 printhouse=403");
        row(cells, "GET", "/api/campaigns/" + c + "/participants/P-B/letters", null, "anon=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=200 printhouse=403");
        // our API, write
        row(cells, "POST", "/api/campaigns", () -> json("{\"code\":\"m-" + SEQUENCE.incrementAndGet() + "\",\"name\":\"Matrix\"}"),
                "anon=401 wrong=401 nogroup=403 admin=201 manager=201 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "POST", "/api/campaigns/" + k + "/start", null, "anon=401 wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "POST", "/api/campaigns/" + k + "/files", () -> upload("participants.csv", PARTICIPANTS_HEADER + "\n"),
                "anon=401 wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "POST", "/api/campaigns/" + k + "/files", () -> upload("dispatch-confirmation-matrix.csv", "letter_id,status,date,reason\n"),
                "anon=401 wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=200");
        row(cells, "POST", "/api/campaigns/" + k + "/files", () -> upload("return-mail-matrix.csv", "letter_id,reason,date\n"),
                "anon=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=200");
        // the engine REST API: administrators and process managers, and then the engine's authorizations
        for (String read : List.of("/engine-rest/user", "/engine-rest/task", "/engine-rest/process-instance",
                "/engine-rest/variable-instance", "/engine-rest/history/process-instance",
                "/engine-rest/history/task", "/engine-rest/authorization")) {
            row(cells, "GET", read, null, "anon=401 wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403");
        }
        row(cells, "POST", "/engine-rest/user/create", () -> json("{\"profile\":{\"id\":\"created" + SEQUENCE.incrementAndGet()
                        + "\",\"firstName\":\"New\",\"lastName\":\"User\",\"email\":\"new@example.org\"},"
                        + "\"credentials\":{\"password\":\"" + PASSWORD + "\"}}"),
                "anon=401 wrong=401 nogroup=403 admin=204 manager=403 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "PUT", "/engine-rest/group/camunda-admin/members/tmanager", null, "anon=401 nogroup=403 manager=403 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "PUT", "/engine-rest/user/admin/credentials", () -> json("{\"password\":\"" + PASSWORD + "x\",\"authenticatedUserPassword\":\"" + PASSWORD + "\"}"),
                "anon=401 wrong=401 nogroup=403 manager=403 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "POST", "/engine-rest/task/" + taskA + "/complete", () -> json("{\"variables\":{}}"),
                "anon=401 wrong=401 nogroup=403 manager=403 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "DELETE", "/engine-rest/process-instance/" + journeyB, null, "anon=401 wrong=401 nogroup=403 manager=403 helpdesk=403 privacy=403 printhouse=403");
        // the engine would let anyone who may read a task comment on it or attach a link to it
        row(cells, "POST", "/engine-rest/task/" + taskA + "/comment/create", () -> json("{\"message\":\"x\"}"),
                "anon=401 wrong=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "POST", "/engine-rest/task/" + taskA + "/attachment/create", () -> multipartField("url", "https://example.org/x"),
                "anon=401 manager=403 helpdesk=403");
        row(cells, "POST", "/engine-rest/process-instance", () -> json("{}"), "anon=401 manager=403 admin=200");
        row(cells, "POST", "/engine-rest/deployment/create", () -> deployment("matrixProbe" + SEQUENCE.incrementAndGet()),
                "anon=401 wrong=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=403 printhouse=403");
        // the webapps' first-administrator setup answers only while no administrator exists; one always does
        row(cells, "POST", "/camunda/api/admin/setup/default/user/create", () -> json("{\"profile\":{\"id\":\"intruder\","
                + "\"firstName\":\"I\",\"lastName\":\"N\"},\"credentials\":{\"password\":\"" + PASSWORD + "\"}}"), "anon=403");
        // open: health and the static pages, which hold no data
        row(cells, "GET", "/actuator/health", null, "anon=200");
        row(cells, "GET", "/campaign-report.html", null, "anon=200");
        row(cells, "GET", "/actuator/info", null, "anon=401 manager=403 admin=200");
        row(cells, "GET", "/actuator/metrics/breachnotify.engine.commands.done", null,
                "anon=401 wrong=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=403 printhouse=403");
        row(cells, "GET", "/actuator/metrics/breachnotify.engine.jobs.done", null, "anon=401 manager=403 admin=200");
        return cells.stream().map(cell -> DynamicTest.dynamicTest(cell.toString(), () -> {
            WebClient client = new WebClient(port);
            if (cell.who != Who.ANONYMOUS) {
                client.basic(cell.who.user, cell.who.password());
            }
            Body body = cell.body == null ? null : cell.body.get();
            HttpResponse<String> response = client.send(cell.method, cell.path, body == null ? null : body.content,
                    body == null ? null : body.contentType, Map.of());
            assertThat(response.statusCode()).as("%s answered %s", cell, response.body()).isEqualTo(cell.status);
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachWebappAdmitsOnlyItsRoles() {
        Map<String, String> expected = Map.of(
                "cockpit", "wrong=401 nogroup=403 admin=200 manager=200 helpdesk=403 privacy=403 printhouse=403",
                "tasklist", "wrong=401 nogroup=403 admin=200 manager=403 helpdesk=200 privacy=200 printhouse=403",
                "admin", "wrong=401 nogroup=403 admin=200 manager=403 helpdesk=403 privacy=403 printhouse=403");
        List<DynamicTest> tests = new ArrayList<>();
        expected.forEach((app, statuses) -> parse(statuses).forEach((who, status) -> tests.add(DynamicTest.dynamicTest(
                "log in to " + app + " as " + who + " -> " + status,
                () -> assertThat(new WebClient(port).loginToWebapp(app, who.user, who.password())).isEqualTo(status)))));
        return tests.stream();
    }

    @Test
    void withoutALoginTheWebappsApiAnswersNothing() {
        WebClient anonymous = new WebClient(port);
        for (String path : List.of("/camunda/api/engine/engine/default/task", "/camunda/api/engine/engine/default/user",
                "/camunda/api/engine/engine/default/process-instance", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count")) {
            assertThat(anonymous.get(path).statusCode()).as(path).isIn(401, 403);
        }
    }

    /**
     * A browser loads Cockpit with many requests at once on its session cookie. Found on 2026-11-30 with headless
     * Chromium: every request changed the session id (session-fixation protection taking each request's webapp user
     * for a new login), so a request sent with the previous id got a new empty session and logged the user out.
     */
    @Test
    void aWebappSessionKeepsItsIdAcrossRequestsSoABrowsersParallelRequestsStayLoggedIn() throws Exception {
        WebClient manager = new WebClient(port);
        assertThat(manager.loginToWebapp("cockpit", "tmanager", PASSWORD)).isEqualTo(200);
        String session = manager.cookie("JSESSIONID").orElseThrow();
        for (String path : List.of("/camunda/app/cockpit/default/", "/camunda/api/admin/auth/user/default",
                "/camunda/api/engine/engine/default/process-definition/count", "/api/campaigns")) {
            assertThat(manager.get(path).statusCode()).as(path).isEqualTo(200);
            assertThat(manager.cookie("JSESSIONID")).as("session id after " + path).contains(session);
        }
    }

    @Test
    void staffSeeOnlyTheTasksOfTheirGroupInTasklist() {
        WebClient helpdesk = new WebClient(port);
        assertThat(helpdesk.loginToWebapp("tasklist", "thelpdesk", PASSWORD)).isEqualTo(200);
        assertThat(taskKeys(helpdesk)).isNotEmpty().allMatch(ProcessModels.TASK_RESOLVE_RETURNED_LETTER::equals);

        WebClient privacy = new WebClient(port);
        assertThat(privacy.loginToWebapp("tasklist", "tprivacy", PASSWORD)).isEqualTo(200);
        assertThat(taskKeys(privacy)).isNotEmpty().allMatch(ProcessModels.TASK_REVIEW_MATCH::equals);

        String filters = privacy.get("/camunda/api/engine/engine/default/filter").body();
        assertThat(filters).contains(EngineAccessSetup.FILTER_DOUBTFUL_MATCHES)
                .doesNotContain(EngineAccessSetup.FILTER_RETURNED_LETTERS);
        assertThat(helpdesk.get("/camunda/api/engine/engine/default/filter").body())
                .contains(EngineAccessSetup.FILTER_RETURNED_LETTERS)
                .doesNotContain(EngineAccessSetup.FILTER_DOUBTFUL_MATCHES);
    }

    @Test
    void processManagersReadCockpitButCannotCancelJourneysOrEditVariables() {
        WebClient manager = new WebClient(port);
        assertThat(manager.loginToWebapp("cockpit", "tmanager", PASSWORD)).isEqualTo(200);
        assertThat(manager.get("/camunda/api/engine/engine/default/process-instance/count").body())
                .doesNotContain("\"count\":0");
        assertThat(manager.get("/camunda/api/engine/engine/default/process-instance/" + journeyB + "/variables")
                .statusCode()).isEqualTo(200);
        assertThat(manager.send("DELETE", "/camunda/api/engine/engine/default/process-instance/" + journeyB, null,
                null, manager.csrfHeader()).statusCode()).isEqualTo(403);
        assertThat(manager.send("PUT", "/camunda/api/engine/engine/default/process-instance/" + journeyB
                        + "/variables/group", "{\"value\":\"GROUP_1\",\"type\":\"String\"}", "application/json",
                manager.csrfHeader()).statusCode()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(journeyB).count()).isOne();
        // the engine REST API lists only the user themselves
        String users = new WebClient(port).basic("tmanager", PASSWORD).get("/engine-rest/user").body();
        assertThat(users).contains("tmanager").doesNotContain("thelpdesk").doesNotContain("\"admin\"");
    }

    @Test
    void aDecisionMadeInTasklistNamesWhoMadeItInTheEnginesHistory() {
        Task review = tasks.createTaskQuery().taskCandidateGroup(ProcessModels.PRIVACY_OFFICER_GROUP)
                .processInstanceBusinessKey("review-" + reviewId).singleResult();
        WebClient helpdesk = new WebClient(port);
        helpdesk.loginToWebapp("tasklist", "thelpdesk", PASSWORD);
        String decision = "{\"variables\":{\"decision\":{\"value\":\"DISMISS\",\"type\":\"String\"}}}";
        assertThat(helpdesk.send("POST", "/camunda/api/engine/engine/default/task/" + review.getId() + "/complete",
                decision, "application/json", helpdesk.csrfHeader()).statusCode()).isIn(403, 404);

        WebClient privacy = new WebClient(port);
        privacy.loginToWebapp("tasklist", "tprivacy", PASSWORD);
        // completed without claiming it first
        HttpResponse<String> completed = privacy.send("POST", "/camunda/api/engine/engine/default/task/"
                + review.getId() + "/complete", decision, "application/json", privacy.csrfHeader());
        assertThat(completed.statusCode()).as(completed.body() + " " + privacy.cookieDump()).isEqualTo(204);
        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(review.getId()).singleResult();
        assertThat(done.getEndTime()).isNotNull();
        assertThat(done.getAssignee()).isEqualTo("tprivacy");
    }

    @Test
    void helpdeskClaimsAndClosesAReturnedLetterInTasklistButCannotReassignIt() {
        WebClient helpdesk = new WebClient(port);
        assertThat(helpdesk.loginToWebapp("tasklist", "thelpdesk", PASSWORD)).isEqualTo(200);
        String task = "/camunda/api/engine/engine/default/task/" + taskE;
        assertThat(helpdesk.send("POST", task + "/claim", "{\"userId\":\"thelpdesk\"}", "application/json",
                helpdesk.csrfHeader()).statusCode()).isEqualTo(204);
        assertThat(helpdesk.send("POST", task + "/assignee", "{\"userId\":\"tprivacy\"}", "application/json",
                helpdesk.csrfHeader()).statusCode()).as("TASK_WORK, not UPDATE").isEqualTo(403);
        assertThat(helpdesk.send("POST", task + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"CLOSE\",\"type\":\"String\"}}}", "application/json",
                helpdesk.csrfHeader()).statusCode()).isEqualTo(204);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(taskE).singleResult().getAssignee())
                .isEqualTo("thelpdesk");
    }

    @Test
    void processManagersReadTaskCommentsInCockpitButWriteNone() {
        WebClient manager = new WebClient(port);
        assertThat(manager.loginToWebapp("cockpit", "tmanager", PASSWORD)).isEqualTo(200);
        String comment = "/camunda/api/engine/engine/default/task/" + taskA + "/comment/create";
        assertThat(manager.send("POST", comment, "{\"message\":\"x\"}", "application/json", manager.csrfHeader())
                .statusCode()).isEqualTo(403);
        assertThat(manager.get("/camunda/api/engine/engine/default/task/" + taskA + "/comment").statusCode())
                .isEqualTo(200);
        WebClient admin = new WebClient(port);
        assertThat(admin.loginToWebapp("cockpit", "admin", Api.ADMIN_PASSWORD)).isEqualTo(200);
        HttpResponse<String> commented = admin.send("POST", comment, "{\"message\":\"called, no answer\"}",
                "application/json", admin.csrfHeader());
        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
    }

    @Test
    void aSessionCountsTheUsersGroupsAsTheyAreNowNotAsTheyWereAtLogin() {
        administration.ensureUser("tformer", "Test", "Former", PASSWORD, Role.PROCESS_MANAGER.groupId());
        WebClient former = new WebClient(port);
        assertThat(former.loginToWebapp("cockpit", "tformer", PASSWORD)).isEqualTo(200);
        assertThat(former.get("/api/campaigns").statusCode()).isEqualTo(200);
        identity.deleteMembership("tformer", Role.PROCESS_MANAGER.groupId());
        assertThat(former.get("/api/campaigns").statusCode()).as("removed from the group").isEqualTo(403);
        identity.deleteUser("tformer");
        assertThat(former.get("/api/campaigns").statusCode()).as("deleted").isEqualTo(401);
        assertThat(former.send("POST", "/api/campaigns", "{\"code\":\"gone-1\",\"name\":\"x\"}",
                "application/json", former.csrfHeader()).statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserSessionChangesNothingWithoutItsTokenNorFromAnotherSite() {
        WebClient manager = new WebClient(port);
        assertThat(manager.loginToWebapp("cockpit", "tmanager", PASSWORD)).isEqualTo(200);
        assertThat(manager.get("/api/campaigns").statusCode()).as("the session reads").isEqualTo(200);
        String create = "{\"code\":\"csrf-" + SEQUENCE.incrementAndGet() + "\",\"name\":\"CSRF\"}";
        assertThat(manager.send("POST", "/api/campaigns", create, "application/json", Map.of()).statusCode())
                .as("no token").isEqualTo(403);
        assertThat(manager.send("POST", "/api/campaigns/" + control.id() + "/start", null, null,
                Map.of("X-XSRF-TOKEN", "forged")).statusCode()).as("wrong token").isEqualTo(403);
        Map<String, String> fromElsewhere = new java.util.HashMap<>(manager.csrfHeader());
        fromElsewhere.put("Origin", "http://localhost:" + (port + 1));
        assertThat(manager.send("POST", "/api/campaigns", create, "application/json", fromElsewhere).statusCode())
                .as("token but another origin (same site)").isEqualTo(403);
        HttpResponse<String> created = manager.send("POST", "/api/campaigns", create, "application/json",
                manager.csrfHeader());
        assertThat(created.statusCode()).as("the webapps' own token: " + created.body() + manager.cookieDump())
                .isEqualTo(201);

        WebClient script = new WebClient(port).basic("tmanager", PASSWORD);
        String other = "{\"code\":\"csrf-" + SEQUENCE.incrementAndGet() + "\",\"name\":\"CSRF\"}";
        assertThat(script.send("POST", "/api/campaigns", other, "application/json",
                Map.of("Origin", "http://attacker.example")).statusCode()).as("remembered Basic, other origin")
                .isEqualTo(403);
        assertThat(script.send("POST", "/api/campaigns", other, "application/json",
                Map.of("Sec-Fetch-Site", "same-site")).statusCode()).as("same site, other origin").isEqualTo(403);
        assertThat(script.send("POST", "/api/campaigns", other, "application/json",
                Map.of("Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin")).statusCode())
                .as("own origin").isEqualTo(201);
        assertThat(script.send("POST", "/api/campaigns/" + control.id() + "/start", null, null,
                Map.of("Origin", "null")).statusCode()).as("opaque origin").isEqualTo(403);
    }

    @Test
    void pagesAndTheApiSendSecurityHeadersAndErrorsNameNoClasses() {
        WebClient admin = new WebClient(port).basic("admin", Api.ADMIN_PASSWORD);
        Body bogusType = upload("x.csv", "a\n");
        for (HttpResponse<String> response : List.of(admin.get("/api/campaigns"), admin.get("/api/campaigns;x=1"),
                new WebClient(port).get("/campaign-report.html"), new WebClient(port).get("/api/campaigns"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'self'").contains("frame-ancestors 'none'");
        }
        assertThat(new WebClient(port).get("/camunda/app/cockpit/default/").headers()
                .firstValue("Content-Security-Policy")).isPresent();
        for (HttpResponse<String> error : List.of(admin.get("/api/campaigns/not-a-number"),
                admin.send("POST", "/api/campaigns", "{\"code\": [", "application/json", Map.of()),
                admin.send("POST", "/api/campaigns/" + control.id() + "/files?type=NOT_A_TYPE", bogusType.content,
                        bogusType.contentType, Map.of()),
                new WebClient(port).basic("tprinthouse", PASSWORD).send("POST", "/api/campaigns/" + control.id()
                        + "/files?type=BOGUS", bogusType.content, bogusType.contentType, Map.of()),
                admin.get("/api/campaigns;x=1"), admin.get("/api/campaigns/%2e%2e/x"),
                new WebClient(port).get("//engine-rest/engine"), new WebClient(port).get("/%65ngine-rest/engine"),
                new WebClient(port).get("/engine-rest;x=1/engine"), new WebClient(port).get("//camunda/api/engine/engine"),
                new WebClient(port).get("/api/letters/x/pdf"),
                new WebClient(port).basic("tprinthouse", PASSWORD).get("/api/campaigns/1/report"))) {
            assertThat(error.statusCode()).isBetween(400, 499);
            assertThat(error.body()).doesNotContainPattern("(java|jakarta|org|com)\\.[a-z]+\\.")
                    .doesNotContain("Exception").doesNotContain("trace");
        }
    }

    @Test
    void theGroupsTheirRightsAndFiltersExistWithoutTheDemoButTheDemoUsersDoNot() {
        for (Role role : Role.values()) {
            assertThat(identity.createGroupQuery().groupId(role.groupId()).count()).as(role.name()).isOne();
        }
        assertThat(filters.createFilterQuery().filterName(EngineAccessSetup.FILTER_RETURNED_LETTERS).count()).isOne();
        assertThat(filters.createFilterQuery().filterName(EngineAccessSetup.FILTER_DOUBTFUL_MATCHES).count()).isOne();
        for (DemoCampaign.DemoUser user : DemoCampaign.DEMO_USERS) {
            assertThat(identity.createUserQuery().userId(user.id()).count()).as(user.id()).isZero();
        }
        assertThat(identity.createUserQuery().memberOfGroup(Role.ADMINISTRATOR.groupId()).list())
                .extracting(u -> u.getId()).containsExactly("admin");
        assertThat(identity.checkPassword("admin", "admin")).as("no default password outside the demo").isFalse();
    }

    private static List<String> taskKeys(WebClient client) {
        String body = client.get("/camunda/api/engine/engine/default/task").body();
        List<String> keys = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"taskDefinitionKey\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(body);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static void row(List<Cell> cells, String method, String path, Supplier<Body> body, String statuses) {
        parse(statuses).forEach((who, status) -> cells.add(new Cell(method, path, body, who, status)));
    }

    private static Map<Who, Integer> parse(String statuses) {
        Map<Who, Integer> parsed = new EnumMap<>(Who.class);
        for (String pair : statuses.split(" ")) {
            String[] kv = pair.split("=");
            Who who = switch (kv[0]) {
                case "anon" -> Who.ANONYMOUS;
                case "wrong" -> Who.WRONG_PASSWORD;
                case "nogroup" -> Who.NO_GROUP;
                case "printhouse" -> Who.PRINT_HOUSE;
                default -> Who.valueOf(kv[0].toUpperCase());
            };
            parsed.put(who, Integer.parseInt(kv[1]));
        }
        return parsed;
    }

    private static Body json(String json) {
        return new Body("application/json", json);
    }

    private static Body upload(String name, String content) {
        WebClient.Multipart multipart = WebClient.multipartFile(name, content);
        return new Body(multipart.contentType(), multipart.body());
    }

    private static Body multipartField(String name, String value) {
        String boundary = "----field" + SEQUENCE.incrementAndGet();
        return new Body("multipart/form-data; boundary=" + boundary, "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n--" + boundary + "--\r\n");
    }

    private static Body deployment(String processId) {
        String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"probe\"><process id=\"" + processId
                + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\"><startEvent id=\"s\"/></process></definitions>";
        String boundary = "----probe" + processId;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + processId
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + processId
                + ".bpmn\"\r\nContent-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return new Body("multipart/form-data; boundary=" + boundary, body);
    }

    record Body(String contentType, String content) {
    }

    record Cell(String method, String path, Supplier<Body> body, Who who, int status) {
        @Override
        public String toString() {
            return method + " " + path + " as " + who + " -> " + status;
        }
    }
}
