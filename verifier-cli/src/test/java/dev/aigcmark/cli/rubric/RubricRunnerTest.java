package dev.aigcmark.cli.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner on a rubric written in the official C2PA rubric shape (metadata, variables, named expressions
 * with parameters, failIfMatched and warnIfMatched statements, report texts per outcome) over a small crJSON
 * report; each statement is built to pass or fail, so a runner that coerced or matched wrongly is caught.
 */
class RubricRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String RUBRIC = """
            rubric_metadata:
              name: Test rubric in the official shape
              version: 0.1.0
              language: en
            variables:
              $inception_actions:
              - c2pa.created
              - c2pa.opened
              $valid_error_codes:
              - assertion.dataHash.mismatch
              - claimSignature.mismatch
            expressions:
              _manifest_validationResults: |-
                ($args[0].validationResults || { failure: [{code: "MISSING_VALIDATION_RESULTS"}] })
              _manifest_actionsV2: values($arg0.assertions || `{}`)[?actions != null][].actions[] || `[]`
              _activeManifest: manifests[0]
              _validationResults: _manifest_validationResults(_activeManifest())
              _actionsV2: _manifest_actionsV2(_activeManifest())

            ---

            - id: validation:data_hash_mismatch
              expression: length(_validationResults().failure[?code == "assertion.dataHash.mismatch"]) > 0
              reportText:
                'true': {en: mismatch found}
                'false': {en: no mismatch}
            - id: validation:valid_success
              failIfMatched: true
              expression: _validationResults().failure[?contains($valid_error_codes, code)].code
              reportText:
                'true': {en: no mismatches}
                'false': {en: 'Found: {{matches}}'}
            - id: validation:inception_first
              expression: contains($inception_actions, _actionsV2()[0].action)
            - id: validation:spec_version
              expression: if(startsWith(notNull($expected_spec_version, "0"), "2."), `true`, `false`)
            - id: validation:second_manifest_results
              expression: _manifest_validationResults(manifests[1]).failure[0].code == "MISSING_VALIDATION_RESULTS"
            - id: validation:split_label
              expression: split(manifests[0].label, ":")[1] == "c2pa"
            - id: validation:quoted_field
              expression: manifests[0].assertions.'c2pa.actions.v2'.actions[0].action == "c2pa.created"
            - id: warning:extra_actions
              warnIfMatched: true
              expression: _actionsV2()[?action == "c2pa.resized"].action
              reportText:
                'false': {en: 'Extra: {{matches}}'}
            - id: validation:arithmetic
              expression: manifests[0].x * 2
            - id: validation:number
              expression: length(manifests)
            """;

    static final String CRJSON = """
            {"manifests": [
              {"label": "urn:c2pa:1234",
               "assertions": {"c2pa.actions.v2": {"actions": [{"action": "c2pa.created"}, {"action": "c2pa.resized"}]}},
               "validationResults": {"success": [], "informational": [],
                 "failure": [{"code": "assertion.dataHash.mismatch", "url": "self#jumbf=/c2pa/urn:c2pa:1234/c2pa.assertions/c2pa.hash.data"}]}},
              {"label": "urn:c2pa:5678", "assertions": {}}
            ]}
            """;

    @Test
    void statementsPassFailWarnAndErrAsTheOfficialEvaluatorDoes() throws Exception {
        Rubric rubric = Rubric.parse(RUBRIC);
        assertThat(rubric.variables()).containsKeys("inception_actions", "valid_error_codes");
        RubricRunner.Result r = new RubricRunner(rubric, Map.of("expected_spec_version", new TextNode("2.2")))
                .evaluate(JSON.readTree(CRJSON));
        Map<String, RubricRunner.StatementResult> by = new HashMap<>();
        r.statements().forEach(s -> by.put(s.id(), s));

        assertThat(by.get("validation:data_hash_mismatch").passed()).isTrue();
        assertThat(by.get("validation:data_hash_mismatch").message()).isEqualTo("mismatch found");
        assertThat(by.get("validation:valid_success").passed()).isFalse();
        assertThat(by.get("validation:valid_success").message()).isEqualTo("Found: assertion.dataHash.mismatch");
        assertThat(by.get("validation:inception_first").passed()).isTrue();
        assertThat(by.get("validation:spec_version").passed()).isTrue();
        assertThat(by.get("validation:second_manifest_results").passed()).isTrue();
        assertThat(by.get("validation:split_label").passed()).isTrue();
        assertThat(by.get("validation:quoted_field").passed()).isTrue();
        assertThat(by.get("warning:extra_actions").passed()).isFalse();
        assertThat(by.get("warning:extra_actions").warned()).isTrue();
        assertThat(by.get("warning:extra_actions").message()).isEqualTo("Extra: c2pa.resized");
        assertThat(by.get("validation:arithmetic").passed()).as("json-formula arithmetic is not JMESPath: an error").isNull();
        assertThat(by.get("validation:arithmetic").error()).isNotBlank();
        assertThat(by.get("validation:number").passed()).as("a positive number passes").isTrue();
        assertThat(r.passed()).isFalse();
    }

    @Test
    void theSameRubricPassesWhereNothingFails() throws Exception {
        JsonNode clean = JSON.readTree(CRJSON.replace("\"failure\": [{\"code\": \"assertion.dataHash.mismatch\", "
                + "\"url\": \"self#jumbf=/c2pa/urn:c2pa:1234/c2pa.assertions/c2pa.hash.data\"}]", "\"failure\": []"));
        RubricRunner.Result r = new RubricRunner(Rubric.parse(RUBRIC), Map.of()).evaluate(clean);
        assertThat(r.statements()).filteredOn(s -> s.id().equals("validation:valid_success")).singleElement()
                .satisfies(s -> assertThat(s.passed()).isTrue());
        assertThat(r.statements()).filteredOn(s -> s.id().equals("validation:spec_version")).singleElement()
                .satisfies(s -> assertThat(s.passed()).as("no $expected_spec_version given").isFalse());
    }

    @Test
    void aRubricWithoutMetadataOrStatementsIsRefused() {
        assertThatThrownBy(() -> Rubric.parse("- id: x\n  expression: a\n")).hasMessageContaining("rubric_metadata");
        assertThatThrownBy(() -> Rubric.parse("rubric_metadata:\n  name: empty\n---\n[]\n")).hasMessageContaining("no statements");
    }
}
