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
 * One JVM of scripts/determinism.sh: runs the named test classes REPEATS times in this fresh JVM (the classpath is
 * the module's test classpath) and writes, per repetition, one line per test, "OUTCOME unique-id", sorted, to
 * PREFIX.REPETITION.txt, so runs compare with diff; "determinism repetition N" on stdout separates what each
 * repetition printed. Every repetition draws its inputs again (new test instances, @BeforeAll again), so randomness
 * that is not derived from the seed shows up between repetitions as well as between JVMs; the first repetition of
 * each JVM also starts cold. Usage: java -cp CP scripts/DeterminismRun.java PREFIX REPEATS Class...
 */
public class DeterminismRun {
    public static void main(String[] args) throws IOException {
        int repeats = Integer.parseInt(args[1]);
        long failed = 0;
        for (int rep = 1; rep <= repeats; rep++) {
            System.out.println("determinism repetition " + rep);
            failed += runOnce(Path.of(args[0] + "." + rep + ".txt"), java.util.Arrays.copyOfRange(args, 2, args.length));
        }
        System.out.println("determinism run: " + repeats + " repetitions, " + failed + " not successful");
        System.exit(failed == 0 ? 0 : 1);
    }

    private static long runOnce(Path out, String[] classes) throws IOException {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String c : classes) {
            request.selectors(DiscoverySelectors.selectClass(c));
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
        return lines.stream().filter(l -> !l.startsWith("SUCCESSFUL") && !l.startsWith("SKIPPED")).count();
    }
}
