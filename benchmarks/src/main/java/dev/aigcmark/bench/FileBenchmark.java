package dev.aigcmark.bench;

import dev.aigcmark.core.SdkContext;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The frame every file-to-file benchmark shares: JMH's settings (one fork, average time in milliseconds; JMH applies a
 * superclass's annotations to a subclass, which may override them, and the suite sets the iterations of its profile
 * anyway) and the trial's temporary folder, made by the subclass's {@code @Setup} through {@link #workspace} (or {@link #folder}) and
 * deleted after the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class FileBenchmark {
    /** The trial's temporary folder (null until {@link #folder}). */
    protected Path dir;

    /** Makes the trial's temporary folder, {@code aigc-bench-NAME…}. */
    protected Path folder(String name) throws IOException {
        dir = Files.createTempDirectory("aigc-bench-" + name);
        return dir;
    }

    /** Makes the trial's temporary folder and returns a context with a development identity created in its {@code home}. */
    protected SdkContext workspace(String name) throws IOException {
        return BenchFiles.context(folder(name).resolve("home"));
    }

    /**
     * The verification benchmarks' input {@code input} ({@link BenchFiles#named}) made in the folder and marked with
     * everything its format takes ({@link BenchFiles#marked}).
     */
    protected Path markedIn(SdkContext context, String input) throws IOException {
        return BenchFiles.marked(context, BenchFiles.named(dir, input));
    }

    @TearDown(Level.Trial)
    public void deleteWorkspace() throws IOException {
        BenchFiles.delete(dir);
    }
}
