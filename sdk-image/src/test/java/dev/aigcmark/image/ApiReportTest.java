package dev.aigcmark.image;

import dev.aigcmark.testing.ApiReport;
import dev.aigcmark.testing.ModuleInfoCheck;
import dev.aigcmark.testing.SdkModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * The compiled API of sdk-image is the committed api/sdk-image.api (regenerate: scripts/update-api.sh), and its
 * module-info exports exactly those packages and provides what its service files list.
 */
class ApiReportTest {
    @Test
    void apiIsTheCommittedReport() throws IOException {
        ApiReport.check(SdkModule.IMAGE);
    }

    @Test
    void moduleInfoExportsTheApiAndProvidesTheServiceFiles() throws IOException {
        ModuleInfoCheck.check(SdkModule.IMAGE);
    }
}
