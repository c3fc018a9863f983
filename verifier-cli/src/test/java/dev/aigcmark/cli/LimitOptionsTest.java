package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.report.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time options: CPU time and wall clock are separate limits, each set for verifying or for marking. */
class LimitOptionsTest {
    @TempDir
    Path dir;

    private static ReadLimits parse(boolean marking, String... args) {
        LimitOptions options = new LimitOptions();
        CommandSpec command = CommandSpec.create();
        options.addTo(command);
        new CommandLine(command).parseArgs(args);
        return options.apply(ReadLimits.defaults(), marking);
    }

    @Test
    void cpuAndWallTimeoutsAreSetSeparately() {
        ReadLimits verify = parse(false, "--cpu-timeout", "2.5", "--wall-timeout", "30");
        assertThat(verify.verifyCpuTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(verify.verifyWallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(verify.markCpuTimeout()).isEqualTo(ReadLimits.defaults().markCpuTimeout());

        ReadLimits mark = parse(true, "--wall-timeout", "7200");
        assertThat(mark.markWallTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(mark.markCpuTimeout()).as("unset: the default").isEqualTo(Duration.ofMinutes(10));
        assertThat(mark.verifyWallTimeout()).isEqualTo(ReadLimits.defaults().verifyWallTimeout());
    }

    @Test
    void timeoutIsTheCpuTimeoutUnderItsOldName() {
        assertThat(parse(false, "--timeout", "3").verifyCpuTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(parse(false, "--timeout", "3").verifyWallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(parse(false, "--max-json-nodes", "5").maxJsonNodes()).isEqualTo(5);
    }

    @Test
    void aTimeoutOutOfRangeIsAUsageError() {
        assertThatThrownBy(() -> parse(false, "--wall-timeout", "0")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--wall-timeout").hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse(true, "--cpu-timeout", "100000")).isInstanceOf(CliException.class)
                .hasMessageContaining("--cpu-timeout").hasMessageContaining("24h");
        assertThatThrownBy(() -> parse(true, "--cpu-timeout", "25h")).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> parse(false, "--cpu-timeout", "ten")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not a duration");
    }

    /** The budget options take the same duration syntax as {@code serve}'s; plain numbers stay seconds. */
    @Test
    void timeoutsTakeDurationsWithUnits() {
        assertThat(parse(false, "--cpu-timeout", "500ms").verifyCpuTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(parse(false, "--wall-timeout", "2m").verifyWallTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse(true, "--wall-timeout", "1.5h").markWallTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(parse(false, "--cpu-timeout", "250us").verifyCpuTimeout()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(parse(false, "--cpu-timeout", "1e-9").verifyCpuTimeout()).as("exactly, not rounded to zero")
                .isEqualTo(Duration.ofNanos(1));
        assertThat(parse(false, "--cpu-timeout", "2.5").verifyCpuTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    /** One size syntax for every size option (the budget's and {@code serve --max-request-size}). */
    @Test
    void sizesTakeUnits() {
        assertThat(parse(false, "--max-in-memory", "64M").maxInMemoryBytes()).isEqualTo(64L << 20);
        assertThat(parse(false, "--max-decompressed", "1GB").maxDecompressedBytes()).isEqualTo(1L << 30);
        assertThat(parse(false, "--max-metadata", "4096").maxMetadataBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> parse(false, "--max-in-memory", "0K")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not a size");
        assertThatThrownBy(() -> parse(false, "--max-in-memory", "M")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void eachLimitEndsAVerifyWithTheTimeoutCodeAndSaysWhichClock() throws Exception {
        Path png = dir.resolve("picture.png");
        ImageIO.write(SamplePicture.of(512, 384, 0), "png", png.toFile());
        assertThat(Files.size(png)).as("several 64 KB reads: checkpoints").isGreaterThan(1 << 17);
        String home = dir.resolve("home").toString();

        CliRun cpu = CliRun.run("verify", "--json", "--home", home, "--cpu-timeout", "1e-9", png.toString());
        assertThat(cpu.exitCode()).as(cpu.toString()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(cpu.out()).as(cpu.toString()).contains("\"asset.timeout\"").contains("CPU time");

        CliRun wall = CliRun.run("verify", "--json", "--home", home, "--wall-timeout", "1e-9", png.toString());
        assertThat(wall.exitCode()).as(wall.toString()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(wall.out()).as(wall.toString()).contains("\"asset.timeout\"").contains("wall clock");

        CliRun within = CliRun.run("verify", "--json", "--home", home, png.toString());
        assertThat(within.exitCode()).as("the same file within the default budget: " + within).isEqualTo(ExitCodes.NO_MARKS);
    }

    /** {@code propagate} may re-encode (its watermark needs the pixels): it takes the budget too. */
    @Test
    void propagateTakesTheBudget() throws Exception {
        Path png = dir.resolve("upload.png");
        ImageIO.write(SamplePicture.of(256, 192, 1), "png", png.toFile());
        String home = dir.resolve("platform").toString();
        assertThat(CliRun.run("keys", "init", "--home", home).exitCode()).isZero();

        CliRun over = CliRun.run("propagate", "--home", home, "--declared-ai", "--watermark", "--max-pixels", "1000",
                png.toString(), "-o", dir.resolve("over.png").toString());
        assertThat(over.exitCode()).as(over.toString()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(dir.resolve("over.png")).doesNotExist();

        CliRun within = CliRun.run("propagate", "--home", home, "--declared-ai", "--watermark", png.toString(), "-o",
                dir.resolve("within.png").toString());
        assertThat(within.exitCode()).as(within.toString()).isEqualTo(ExitCodes.VALID);
        assertThat(dir.resolve("within.png")).exists();
    }
}
