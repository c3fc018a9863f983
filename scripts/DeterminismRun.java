import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of scripts/determinism.sh: runs the named test classes in this fresh JVM (the classpath is the
 * module's test classpath) and writes one line per test, "OUTCOME unique-id", sorted, to the output file, so runs
 * compare with diff. Usage: java -cp CP scripts/DeterminismRun.java OUT Class...
 */
public class DeterminismRun {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (int i = 1; i < args.length; i++) {
            request.selectors(DiscoverySelectors.selectClass(args[i]));
        }
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request.build(), new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                outcomes.put(test.getUniqueId(), "SKIPPED");
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    outcomes.put(test.getUniqueId(), result.getStatus().name());
                    result.getThrowable().ifPresent(t -> System.out.println("FAILED " + test.getUniqueId() + ": " + t));
                }
            }
        });
        List<String> lines = new ArrayList<>();
        outcomes.forEach((id, outcome) -> lines.add(outcome + " " + id));
        Collections.sort(lines);
        Files.write(out, lines);
        long failed = lines.stream().filter(l -> !l.startsWith("SUCCESSFUL") && !l.startsWith("SKIPPED")).count();
        System.out.println("determinism run: " + lines.size() + " outcomes, " + failed + " not successful");
        System.exit(failed == 0 ? 0 : 1);
    }
}
