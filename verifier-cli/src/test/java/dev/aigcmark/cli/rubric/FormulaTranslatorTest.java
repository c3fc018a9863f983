package dev.aigcmark.cli.rubric;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** json-formula as the rubrics write it, rewritten to plain JMESPath. */
class FormulaTranslatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
            // strings: json-formula's double quotes are JMESPath raw strings
            "failure[?code == \"assertion.dataHash.mismatch\"] => failure[?code == 'assertion.dataHash.mismatch']",
            // quoted field names: json-formula's single quotes are JMESPath's double quotes
            "assertions.'c2pa.actions.v2' => assertions.\"c2pa.actions.v2\"",
            // a quote of the other kind inside keeps its meaning
            "\"it's\" => 'it\\'s'",
            // variables and parameters
            "contains($inception_actions, action) => contains(__var('inception_actions'), action)",
            "$args[0].validationResults => __var('args')[0].validationResults",
            "$arg0.assertions => __var('arg0').assertions",
            // named expressions get the current node first
            "_validationResults().failure => _validationResults(@).failure",
            "_manifest_actionsV2(_activeManifest()) => _manifest_actionsV2(@, _activeManifest(@))",
            "_f( x ) => _f(@, x )",
            // JSON literals pass unchanged, quotes inside included
            "`[\"specVersion in claim\"]` || `[]` => `[\"specVersion in claim\"]` || `[]`",
            // bare numbers are values, except as indexes and slice bounds
            "length(x) > 0 => length(x) > `0`",
            "b == 2.0 && c != -1 => b == `2.0` && c != `-1`",
            "a[0].b[-1] | c[1:2] => a[0].b[-1] | c[1:2]",
            "c2pa.arg0 => c2pa.arg0",
            // a field named with an underscore is not a call
            "foo_bar._baz => foo_bar._baz",
    })
    void rewritesJsonFormulaToJmesPath(String formula, String jmesPath) {
        assertThat(FormulaTranslator.toJmesPath(formula.strip())).isEqualTo(jmesPath.strip());
    }
}
