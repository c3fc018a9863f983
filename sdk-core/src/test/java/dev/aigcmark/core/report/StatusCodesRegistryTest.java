package dev.aigcmark.core.report;

import dev.aigcmark.core.report.StatusCode.Carrier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry is the only place a status code is spelled, and each code has one kind and carrier. */
class StatusCodesRegistryTest {
    /** Our own code families; a literal in one of them outside the registry is an unregistered code. */
    private static final Pattern OUR_CODE = Pattern.compile("\"(gb45438|sig|wm|sdwm|xref|asset|require|explicit|iptc)\\.[A-Za-z]");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z0-9.\\-]+)\"");

    @Test
    void noStatusCodeIsSpelledOutsideTheRegistry() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Set<String> ids = StatusCodes.all().stream().map(StatusCode::id).collect(Collectors.toSet());
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.getFileName().toString().equals("StatusCodes.java")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    Matcher m = LITERAL.matcher(line);
                    while (m.find()) {
                        if (ids.contains(m.group(1))) {
                            offences.add(root.relativize(f) + ":" + (i + 1) + " spells " + m.group());
                        }
                    }
                    if (OUR_CODE.matcher(line).find()) {
                        offences.add(root.relativize(f) + ":" + (i + 1) + " spells a code outside the registry: " + line.trim());
                    }
                }
            }
        }
        assertThat(root.resolve("verifier-cli/src/main/java")).as("the scan sees every module").isDirectory();
        assertThat(offences).isEmpty();
    }

    @Test
    void c2paCodesKeepTheSpecificationsSpellingAndGroup() {
        assertThat(StatusCodes.CLAIM_SIGNATURE_VALIDATED.id()).isEqualTo("claimSignature.validated");
        assertThat(StatusCodes.CLAIM_SIGNATURE_VALIDATED.kind()).isEqualTo(Severity.SUCCESS);
        assertThat(StatusCodes.TIMESTAMP_UNTRUSTED.kind()).isEqualTo(Severity.INFORMATIONAL);
        assertThat(StatusCodes.DATA_HASH_MISMATCH.kind()).isEqualTo(Severity.FAILURE);
        assertThat(StatusCodes.DATA_HASH_MISMATCH.carrier()).isEqualTo(Carrier.C2PA);
        assertThat(StatusCodes.lookup("assertion.dataHash.mismatch")).containsSame(StatusCodes.DATA_HASH_MISMATCH);
    }

    @Test
    void everyCodeHasTheCarrierItsFamilyNames() {
        Map<String, Carrier> families = Map.of("gb45438.binding.", Carrier.LABEL_BINDING, "sig.", Carrier.LABEL_SIGNATURE,
                "wm.", Carrier.WATERMARK, "sdwm.", Carrier.SD_WATERMARK, "xref.", Carrier.CROSS_CHECK,
                "asset.", Carrier.ASSET, "require.", Carrier.REQUIREMENT, "c2pa.", Carrier.C2PA);
        for (StatusCode code : StatusCodes.all()) {
            families.forEach((prefix, carrier) -> {
                if (code.id().startsWith(prefix)) {
                    assertThat(code.carrier()).as(code.id()).isEqualTo(carrier);
                }
            });
            assertThat(code.registered()).isTrue();
        }
        assertThat(StatusCodes.LABEL_CONFORMS.carrier()).isEqualTo(Carrier.LABEL);
    }

    @Test
    void aForeignCodeIsParsedUnregisteredInTheFailureGroup() {
        StatusCode foreign = StatusCodes.parse("assertion.cloud-data.malformed");
        assertThat(foreign.registered()).isFalse();
        assertThat(foreign.kind()).isEqualTo(Severity.FAILURE);
        assertThat(StatusCodes.all()).doesNotContain(foreign);
        assertThat(StatusCodes.parse("claimSignature.validated")).isSameAs(StatusCodes.CLAIM_SIGNATURE_VALIDATED);
    }

    @Test
    void aStatusIsReportedInItsCodesGroupOrAFailureIsTolerated() {
        assertThat(Status.of(StatusCodes.LABEL_CONFORMS, "ok").severity()).isEqualTo(Severity.SUCCESS);
        assertThat(Status.tolerated(StatusCodes.ASSET_MALFORMED, "trailing bytes").isFailure()).isFalse();
        assertThatThrownBy(() -> Status.failure(StatusCodes.LABEL_CONFORMS, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SUCCESS");
        assertThatThrownBy(() -> Status.success(StatusCodes.ASSET_MALFORMED, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
