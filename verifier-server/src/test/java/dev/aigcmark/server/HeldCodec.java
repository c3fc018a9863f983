package dev.aigcmark.server;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.testing.DevelopmentContexts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A marking scheme whose verification waits until the test opens it (at most 60 s): work that takes exactly as
 * long as a test needs, whatever the machine's speed.
 */
final class HeldCodec implements MarkCodec {
    private final CountDownLatch gate = new CountDownLatch(1);

    /** A verification context whose only codec is this one. */
    SdkContext context(Path home) throws IOException {
        return DevelopmentContexts.marking(home).toBuilder().codecs(List.of(this)).build();
    }

    void open() {
        gate.countDown();
    }

    @Override
    public String id() {
        return "test-held";
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
