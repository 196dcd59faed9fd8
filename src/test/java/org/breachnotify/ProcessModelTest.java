package org.breachnotify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelInstance;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a model under {@code bpmn/} breaks our conventions: modeller-default ids, service tasks
 * not wired by {@code ${bean}}, no history time to live, or elements missing from the diagram.
 */
class ProcessModelTest {

    private static final Set<String> EXPECTED_PROCESSES = Set.of("campaign", "participant", "matchReview");

    @Test
    void everyProcessHasItsOwnModelFileNamedByItsId() throws IOException {
        Map<String, String> processIdByFile = new HashMap<>();
        for (Path file : bpmnFiles().toList()) {
            BpmnModelInstance model = readBpmn(file);
            List<String> ids = model.getModelElementsByType(Process.class).stream().map(Process::getId).toList();
            assertThat(ids).as("processes in %s", file.getFileName()).hasSize(1);
            processIdByFile.put(file.getFileName().toString(), ids.get(0));
        }

        processIdByFile.forEach((file, processId) -> assertThat(file).isEqualTo(processId + ".bpmn"));
        assertThat(processIdByFile.values()).containsExactlyInAnyOrderElementsOf(EXPECTED_PROCESSES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bpmnFiles")
    void bpmnModelFollowsTheConventions(Path file) throws IOException {
        assertThat(Conventions.check(file.getFileName().toString(), readBpmn(file))).isEmpty();
    }

    @Test
    void decisionModelFollowsTheConventions() throws IOException {
        Path file = modelDirectory().resolve("classifyPerson.dmn");
        DmnModelInstance model;
        try (InputStream in = Files.newInputStream(file)) {
            model = Dmn.readModelFromStream(in);
        }

        assertThat(Conventions.check("classifyPerson.dmn", model)).isEmpty();
        assertThat(model.getModelElementsByType(Decision.class)).extracting(Decision::getId)
                .containsExactly("classifyPerson");
    }

    @Test
    void everyUserTaskFormIsThere() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> formIds = new HashSet<>();
        try (Stream<Path> files = Files.walk(modelDirectory())) {
            for (Path form : files.filter(p -> p.toString().endsWith(".form")).toList()) {
                JsonNode schema = json.readTree(form.toFile());
                assertThat(form.getFileName().toString()).isEqualTo(schema.path("id").asText() + ".form");
                assertThat(schema.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
                formIds.add(schema.path("id").asText());
            }
        }

        List<UserTask> userTasks = new ArrayList<>();
        for (Path file : bpmnFiles().toList()) {
            userTasks.addAll(readBpmn(file).getModelElementsByType(UserTask.class));
        }
        assertThat(userTasks).isNotEmpty().allSatisfy(task -> {
            assertThat(task.getCamundaCandidateGroups()).as("candidate groups of %s", task.getId()).isNotBlank();
            if (task.getCamundaFormRef() != null) {
                assertThat(formIds).as("form of %s", task.getId()).contains(task.getCamundaFormRef());
            } else {
                assertThat(task.getCamundaFormKey()).as("form of %s", task.getId()).startsWith("embedded:");
            }
        });
    }

    @Test
    void resolveReturnedLetterFormAsksOnlyForTheResolution() throws IOException {
        JsonNode form = new ObjectMapper().readTree(modelDirectory().resolve("forms/resolveReturnedLetter.form").toFile());

        Map<String, JsonNode> fieldsByKey = new HashMap<>();
        form.path("components").forEach(c -> {
            if (c.has("key")) {
                fieldsByKey.put(c.get("key").asText(), c);
            }
        });
        assertThat(fieldsByKey).containsOnlyKeys("letterId", "returnReason", "resolution");
        assertThat(fieldsByKey.get("letterId").path("readonly").asBoolean()).isTrue();
        assertThat(fieldsByKey.get("returnReason").path("readonly").asBoolean()).isTrue();
        JsonNode resolution = fieldsByKey.get("resolution");
        assertThat(resolution.path("type").asText()).isEqualTo("radio");
        assertThat(resolution.path("validate").path("required").asBoolean()).isTrue();
        assertThat(resolution.path("values").findValuesAsText("value")).containsExactly("SEND_AGAIN", "CLOSE");
    }

    @Test
    void everyIdTheCodeNamesExistsInTheModels() throws Exception {
        Set<String> processIds = new HashSet<>();
        Set<String> messageNames = new HashSet<>();
        Set<String> elementIds = new HashSet<>();
        for (Path file : bpmnFiles().toList()) {
            BpmnModelInstance model = readBpmn(file);
            model.getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId()));
            model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Message.class)
                    .forEach(m -> messageNames.add(m.getName()));
            model.getModelElementsByType(FlowNode.class).forEach(n -> elementIds.add(n.getId()));
        }
        for (java.lang.reflect.Field field : org.breachnotify.engine.ProcessModels.class.getFields()) {
            String name = field.getName();
            String value = (String) field.get(null);
            if (name.startsWith("MSG_")) {
                assertThat(messageNames).as("message of ProcessModels.%s", name).contains(value);
            } else if (name.startsWith("TASK_")) {
                assertThat(elementIds).as("element of ProcessModels.%s", name).contains(value);
            } else if (!name.endsWith("_GROUP")) {
                assertThat(processIds).as("process of ProcessModels.%s", name).contains(value);
            }
        }
    }

    // --- the checker catches what it should ---

    @Test
    void checkerAcceptsAConventionalModel() {
        BpmnModelInstance model = conventionalModel("Task_DoWork", "doWorkDelegate");

        assertThat(Conventions.check("clean.bpmn", model)).isEmpty();
    }

    @Test
    void checkerReportsModellerDefaultIds() {
        BpmnModelInstance model = conventionalModel("Activity_0xyz123", "doWorkDelegate");

        assertThat(Conventions.check("defaults.bpmn", model))
                .anySatisfy(v -> assertThat(v).contains("defaults.bpmn", "Activity_0xyz123", "modeller default"))
                .anySatisfy(v -> assertThat(v).contains("Activity_0xyz123_di", "modeller default"));
    }

    @Test
    void checkerReportsServiceTasksNotWiredByDelegateExpression() {
        BpmnModelInstance model = conventionalModel("Task_DoWork", "doWorkDelegate");
        ServiceTask task = model.getModelElementById("Task_DoWork");
        task.setCamundaDelegateExpression(null);
        task.setCamundaClass("org.breachnotify.DoWorkDelegate");

        assertThat(Conventions.check("class.bpmn", model))
                .singleElement().asString().contains("class.bpmn", "Task_DoWork", "delegateExpression");
    }

    @Test
    void checkerReportsAMissingHistoryTimeToLive() {
        BpmnModelInstance model = conventionalModel("Task_DoWork", "doWorkDelegate");
        model.<Process>getModelElementById("demo").setCamundaHistoryTimeToLiveString(null);

        assertThat(Conventions.check("ttl.bpmn", model))
                .singleElement().asString().contains("ttl.bpmn", "demo", "historyTimeToLive");
    }

    @Test
    void checkerReportsAFlowNodeMissingFromTheDiagram() {
        BpmnModelInstance model = conventionalModel("Task_DoWork", "doWorkDelegate");
        BpmnShape shape = model.getModelElementById("Task_DoWork_di");
        shape.getParentElement().removeChildElement(shape);

        assertThat(Conventions.check("nodi.bpmn", model))
                .singleElement().asString().contains("nodi.bpmn", "Task_DoWork", "no shape");
    }

    /** A small model built the fluent way, with the ids the fluent API would otherwise generate set by hand. */
    private static BpmnModelInstance conventionalModel(String serviceTaskId, String beanName) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("demo")
                .camundaHistoryTimeToLive(180)
                .startEvent("StartEvent_Started")
                .sequenceFlowId("Flow_ToWork")
                .serviceTask(serviceTaskId).camundaDelegateExpression("${" + beanName + "}")
                .sequenceFlowId("Flow_ToDone")
                .endEvent("EndEvent_Done")
                .done();
        model.getDefinitions().setId("Definitions_Demo");
        model.getModelElementsByType(BpmnShape.class).forEach(s -> s.setId(s.getBpmnElement().getId() + "_di"));
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> e.setId(e.getBpmnElement().getId() + "_di"));
        model.getModelElementsByType(BpmnPlane.class).forEach(p -> {
            p.setId(p.getBpmnElement().getId() + "_di");
            ((BpmnDiagram) p.getParentElement()).setId("BPMNDiagram_Demo");
        });
        return model;
    }

    // --- loading ---

    static Stream<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.walk(modelDirectory())) {
            List<Path> bpmn = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(bpmn).as("BPMN models on the classpath under bpmn/").isNotEmpty();
            return bpmn.stream();
        }
    }

    private static Path modelDirectory() {
        URL url = ProcessModelTest.class.getClassLoader().getResource("bpmn");
        assertThat(url).as("classpath folder bpmn/").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BpmnModelInstance readBpmn(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Bpmn.readModelFromStream(in);
        }
    }

    /** The conventions of STYLE.md, as a list of human-readable violations (empty = fine). */
    static final class Conventions {

        private static final String TYPES = "Activity|Gateway|Event|Flow|StartEvent|EndEvent|Task|Process|DataObject"
                + "|DataStoreReference|Definitions|Decision|DecisionTable|InputClause|OutputClause|Rule|DecisionRule"
                + "|UnaryTests|LiteralExpression|Association|TextAnnotation|Message|Error|Signal|Escalation"
                + "|Collaboration|Participant|Lane|LaneSet|Group|Category|CategoryValue|BPMNDiagram|BPMNPlane"
                + "|DMNDiagram|DMNShape|DMNEdge|SequenceFlow|ServiceTask|UserTask|SendTask|ReceiveTask|ScriptTask"
                + "|BusinessRuleTask|ManualTask|CallActivity|SubProcess|ExclusiveGateway|ParallelGateway"
                + "|InclusiveGateway|EventBasedGateway|IntermediateCatchEvent|IntermediateThrowEvent|BoundaryEvent"
                + "|TimerEventDefinition|MessageEventDefinition|ErrorEventDefinition|SignalEventDefinition"
                + "|EscalationEventDefinition|ConditionalEventDefinition|Property|Input|Output|InputExpression";

        /** bpmn-js / dmn-js ids ({@code Activity_0xyz123}, {@code StartEvent_1}), Signavio and fluent-API ids. */
        private static final List<Pattern> DEFAULT_IDS = List.of(
                Pattern.compile("(" + TYPES + ")_([0-9a-z]{7}|\\d+)(_di)?"),
                Pattern.compile("_?(BPMNShape|BPMNEdge)_.*"),
                Pattern.compile("sid-.*"),
                Pattern.compile("\\w+_\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}(_di)?"));

        private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

        private Conventions() {
        }

        static List<String> check(String source, BpmnModelInstance model) {
            List<String> violations = new ArrayList<>(idViolations(source, model));

            List<Task> wiredTasks = new ArrayList<>(model.getModelElementsByType(ServiceTask.class));
            wiredTasks.addAll(model.getModelElementsByType(SendTask.class));
            for (Task task : wiredTasks) {
                String delegate = camundaAttribute(task, "delegateExpression");
                boolean otherWiring = Stream.of("class", "expression", "type")
                        .anyMatch(wiring -> camundaAttribute(task, wiring) != null);
                if (delegate == null || !BEAN_EXPRESSION.matcher(delegate).matches() || otherWiring) {
                    violations.add(source + ": " + task.getId()
                            + " must be wired by camunda:delegateExpression=\"${beanName}\" only");
                }
            }

            for (Process process : model.getModelElementsByType(Process.class)) {
                if (process.getCamundaHistoryTimeToLiveString() == null) {
                    violations.add(source + ": process " + process.getId() + " has no camunda:historyTimeToLive");
                }
            }

            Set<String> drawn = new HashSet<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
            model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                if (!drawn.contains(node.getId())) {
                    violations.add(source + ": " + node.getId() + " has no shape in the diagram");
                }
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                if (!drawn.contains(flow.getId())) {
                    violations.add(source + ": " + flow.getId() + " has no edge in the diagram");
                }
            }
            return violations;
        }

        static List<String> check(String source, DmnModelInstance model) {
            List<String> violations = new ArrayList<>(idViolations(source, model));
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                if (decision.getCamundaHistoryTimeToLiveString() == null) {
                    violations.add(source + ": decision " + decision.getId() + " has no camunda:historyTimeToLive");
                }
            }
            Set<String> drawnDecisions = new HashSet<>();
            collectDmnShapes(model.getDocument().getRootElement(), drawnDecisions);
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                if (!drawnDecisions.contains(decision.getId())) {
                    violations.add(source + ": decision " + decision.getId() + " has no shape in the diagram");
                }
            }
            return violations;
        }

        private static String camundaAttribute(ModelElementInstance element, String name) {
            return element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, name);
        }

        // The DMN model API does not type DMNDI, so the shapes are found in the document itself.
        private static void collectDmnShapes(DomElement element, Set<String> drawn) {
            if ("DMNShape".equals(element.getLocalName())) {
                drawn.add(element.getAttribute("dmnElementRef"));
            }
            element.getChildElements().forEach(child -> collectDmnShapes(child, drawn));
        }

        /** Walks the whole document, DI included, so nothing escapes by not being a flow element. */
        private static List<String> idViolations(String source, ModelInstance model) {
            List<String> violations = new ArrayList<>();
            collectIdViolations(source, model.getDocument().getRootElement(), violations);
            return violations;
        }

        private static void collectIdViolations(String source, DomElement element, List<String> violations) {
            String id = element.getAttribute("id");
            if (id != null && !id.isEmpty()) {
                if (DEFAULT_IDS.stream().anyMatch(p -> p.matcher(id).matches())) {
                    violations.add(source + ": id '" + id + "' (" + element.getLocalName()
                            + ") looks like a modeller default; give it a meaningful id");
                }
                String diagramRef = diagramElementRef(element);
                if (diagramRef != null && !id.equals(diagramRef + "_di")) {
                    violations.add(source + ": diagram element '" + id + "' should be called '" + diagramRef + "_di'");
                }
            }
            element.getChildElements().forEach(child -> collectIdViolations(source, child, violations));
        }

        private static String diagramElementRef(DomElement element) {
            return switch (element.getLocalName()) {
                case "BPMNShape", "BPMNEdge", "BPMNPlane" -> element.getAttribute("bpmnElement");
                case "DMNShape", "DMNEdge" -> element.getAttribute("dmnElementRef");
                default -> null;
            };
        }
    }
}
