package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.testing.SilentOutput;
import org.jcodec.containers.mp4.boxes.Header;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * jcodec's messages go to the JDK's logging facade ({@link JcodecLogging}), no longer to standard output, so the
 * fuzz harnesses' check must count them there: issue 11's flood was jcodec's own box reader saying "Broken atom" once
 * per box it read past, millions of times for one file (review of session 16, T1).
 */
class JcodecLoggingTest {
    @Test
    void jcodecsBrokenAtomFloodFailsTheFuzzHarnessCheck() {
        JcodecLogging.install();
        byte[] box = {0, 0, 0, 5, 'f', 'r', 'e', 'e'}; // a box of 5 bytes: shorter than its own header
        int reads = SilentOutput.LOGGED_RECORDS + 1;
        Header[] read = new Header[1];
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            for (int i = 0; i < reads; i++) {
                read[0] = Header.read(ByteBuffer.wrap(box));
            }
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.util.logging:\nSEVERE org.jcodec: Broken atom of size 5\n")
                .hasMessageContaining("(" + reads + " records in all, " + reads + " of them SEVERE");
        assertThat(read[0]).as("jcodec refused the box, and said so only in its log").isNull();
    }
}
