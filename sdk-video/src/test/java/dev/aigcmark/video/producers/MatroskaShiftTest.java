package dev.aigcmark.video.producers;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.ebml.Ebml;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlNode;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Clusters must move (no Void anywhere, Cues before the Clusters as some muxers write them): every SeekHead and
 * Cues position afterwards points at the element it pointed at before, and the Cluster bytes are unchanged.
 */
class MatroskaShiftTest {
    static final long SIMPLE_BLOCK = 0xA3L;
    static final long TIMESTAMP = 0xE7L;

    @Test
    void positionsFollowTheMovedElements() throws Exception {
        byte[] cluster = Ebml.element(EbmlIds.CLUSTER, concat(Ebml.element(TIMESTAMP, new byte[] {0}),
                Ebml.element(SIMPLE_BLOCK, new byte[] {(byte) 0x81, 0, 0, (byte) 0x80, 1, 2, 3, 4, 5})));
        byte[] info = Ebml.element(EbmlIds.INFO, Ebml.element(0x2AD7B1L, new byte[] {0x0F, 0x42, 0x40}));
        // Layout (segment-relative): SeekHead, Info, Cues, Cluster; positions one byte wide where they fit.
        byte[] seekHead = seekHead(0);
        byte[] cues = cues(0);
        long cuesAt = seekHead.length + info.length;
        seekHead = seekHead(cuesAt);
        long clusterAt = cuesAt + cues.length;
        cues = cues(clusterAt);
        byte[] segmentData = concat(seekHead, info, cues, cluster);
        byte[] file = concat(Ebml.element(EbmlIds.EBML, Ebml.element(EbmlIds.DOC_TYPE, "matroska".getBytes())),
                Ebml.element(EbmlIds.SEGMENT, segmentData));

        SdkContext ctx = TestContexts.defaults();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) ctx.handler("mkv").orElseThrow()).writeLabel(MediaInput.of(file, "in.mkv"), out,
                new LabelEdit(MatroskaLabelTest.LABEL, null), ctx);
        byte[] written = out.toByteArray();

        MediaInput in = MediaInput.of(written, "out.mkv");
        MatroskaFile mkv = MatroskaFile.read(in, ReadLimits.defaults());
        long data = mkv.segment().dataOffset();
        EbmlReader reader = new EbmlReader(in, ReadLimits.defaults());
        EbmlElement newCues = mkv.all(EbmlIds.CUES).get(0);
        EbmlElement newCluster = mkv.all(EbmlIds.CLUSTER).get(0);
        assertThat(newCluster.offset()).as("the Clusters moved").isGreaterThan(data + clusterAt);
        assertThat(mkv.all(EbmlIds.TAGS)).hasSize(1);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains(LabelJson.toBareJson(MatroskaLabelTest.LABEL));

        EbmlNode seek = reader.load(mkv.all(EbmlIds.SEEK_HEAD).get(0)).child(EbmlIds.SEEK);
        assertThat(seek.child(EbmlIds.SEEK_POSITION).uint()).isEqualTo(newCues.offset() - data);
        EbmlNode cuePosition = reader.load(newCues).child(EbmlIds.CUE_POINT).child(EbmlIds.CUE_TRACK_POSITIONS)
                .child(EbmlIds.CUE_CLUSTER_POSITION);
        assertThat(cuePosition.uint()).isEqualTo(newCluster.offset() - data);
        assertThat(Arrays.copyOfRange(written, (int) newCluster.offset(), (int) newCluster.end())).isEqualTo(cluster);
        assertThat(mkv.segment().end()).isEqualTo(written.length);
    }

    static byte[] seekHead(long cuesAt) {
        byte[] seek = Ebml.element(EbmlIds.SEEK, concat(Ebml.element(EbmlIds.SEEK_ID, new byte[] {0x1C, 0x53, (byte) 0xBB, 0x6B}),
                Ebml.element(EbmlIds.SEEK_POSITION, Ebml.uint(cuesAt, 1))));
        return Ebml.element(EbmlIds.SEEK_HEAD, seek);
    }

    static byte[] cues(long clusterAt) {
        byte[] positions = Ebml.element(EbmlIds.CUE_TRACK_POSITIONS, concat(Ebml.element(0xF7L, new byte[] {1}),
                Ebml.element(EbmlIds.CUE_CLUSTER_POSITION, Ebml.uint(clusterAt, 1))));
        return Ebml.element(EbmlIds.CUES, Ebml.element(EbmlIds.CUE_POINT, concat(Ebml.element(0xB3L, new byte[] {0}), positions)));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
