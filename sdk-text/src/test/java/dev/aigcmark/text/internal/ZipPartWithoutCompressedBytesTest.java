package dev.aigcmark.text.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.text.OoxmlSamples;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deflated part whose central directory declares no compressed bytes and a size skipped the ratio check (nothing
 * to divide by): its declared size was allocated before the inflater found no input. It is refused by the ratio
 * limit, as a zip bomb, before anything is allocated for it.
 */
class ZipPartWithoutCompressedBytesTest {
    @Test
    void aDeflatedPartDeclaringNoCompressedBytesIsRefusedByTheRatioLimit() throws Exception {
        byte[] b = OoxmlSamples.docx();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String part = null;
        for (int p = 0; p + 46 <= b.length && part == null; p++) {
            if (bb.getInt(p) == 0x02014B50 && (bb.getShort(p + 10) & 0xFFFF) == 8) {
                bb.putInt(p + 20, 0).putInt(p + 24, 1 << 20);
                part = new String(b, p + 46, bb.getShort(p + 28) & 0xFFFF, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        assertThat(part).as("a deflated part").isNotNull();
        ZipPackage zip = ZipPackage.read(b, "patched.docx", ReadLimits.defaults());
        String name = part;
        assertThatThrownBy(() -> zip.read(name, 16 << 20)).isInstanceOfSatisfying(BudgetExceededException.class,
                e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.COMPRESSION_RATIO));
    }
}
