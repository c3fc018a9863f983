package dev.aigcmark.text;

import dev.aigcmark.testing.ApiReport;
import dev.aigcmark.testing.ModuleInfoCheck;
import dev.aigcmark.testing.SdkModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * The compiled API of sdk-text is the committed api/sdk-text.api (regenerate: scripts/update-api.sh), and its
 * module-info exports exactly those packages and provides what its service files list.
 */
class ApiReportTest {
    @Test
    void apiIsTheCommittedReport() throws IOException {
        ApiReport.check(SdkModule.TEXT);
    }

    @Test
    void moduleInfoExportsTheApiAndProvidesTheServiceFiles() throws IOException {
        ModuleInfoCheck.check(SdkModule.TEXT);
    }
}
