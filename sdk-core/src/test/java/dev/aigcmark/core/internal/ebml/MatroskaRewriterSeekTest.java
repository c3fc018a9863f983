package dev.aigcmark.core.internal.ebml;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link MatroskaRewriter} inserts before the Clusters is indexed by the SeekHead, and an element it replaces by a
 * Void is not: in place (into the Void after the SeekHead, as FFmpeg reserves it, or a Void of its own) and with the
 * Clusters moved; every Seek entry afterwards points at an element of the ID it names, and every Cluster is unchanged.
 */
class MatroskaRewriterSeekTest {
    static final long TIMESTAMP = 0xE7L;
    static final long SIMPLE_BLOCK = 0xA3L;
    /** A new Seek entry: Seek (2-byte ID, 1-byte size) of SeekID (3 + a 4-byte ID) and an 8-byte SeekPosition (3 + 8). */
    static final int SEEK_ENTRY = 3 + 7 + 11;
    /** A wider SeekHead size field and a leftover Void's own header, at most. */
    static final int SLACK = 8 + 2;

    @Test
    void insertedElementsAreIndexedAtEveryVoidSize() throws Exception {
        Random random = TestSeed.random("matroska-seek");
        System.out.println("seed " + TestSeed.seed());
        int inPlace = 0;
        int shifted = 0;
        for (int voidSize = 0; voidSize < 400; voidSize += voidSize < 80 ? 1 : 13) {
            for (int where = 0; where < 2; where++) { // the Void after the SeekHead, or after the Info
                int count = 1 + random.nextInt(3);
                List<EbmlNode> inserted = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    byte[] payload = new byte[random.nextInt(60)];
                    random.nextBytes(payload);
                    long id = List.of(EbmlIds.TAGS, EbmlIds.CHAPTERS, EbmlIds.ATTACHMENTS).get(i);
                    inserted.add(EbmlNode.master(id, List.of(EbmlNode.leaf(EbmlIds.VOID, payload))));
                }
                byte[] file = file(voidSize, where == 0, false);
                MediaInput in = MediaInput.of(file, "in.mkv");
                MatroskaFile mkv = MatroskaFile.read(in, ReadLimits.defaults());
                MatroskaRewriter rewriter = new MatroskaRewriter(mkv, new EbmlReader(in, ReadLimits.defaults()));
                inserted.forEach(rewriter::insertBeforeFirstCluster);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                rewriter.writeTo(out);
                MatroskaFile written = check(out.toByteArray());
                boolean moved = written.firstClusterOffset() != mkv.firstClusterOffset();
                inPlace += moved ? 0 : 1;
                shifted += moved ? 1 : 0;
                for (EbmlNode n : inserted) {
                    assertThat(written.all(n.id())).as("void %d, inserted %s", voidSize, Long.toHexString(n.id()))
                            .hasSize(1);
                }
                assertThat(indexed(out.toByteArray(), written)).as("void %d", voidSize)
                        .containsAll(inserted.stream().map(EbmlNode::id).toList());
                // The SeekHead grows into the Void after it when that Void holds the new Seek entries and the
                // insertions (with none there, the Clusters move); between the two, either may happen.
                long room = inserted.stream().mapToLong(n -> n.toBytes().length).sum() + (long) count * SEEK_ENTRY
                        + SLACK;
                if (where == 1 && voidSize >= 200 || where == 0 && voidSize >= room) {
                    assertThat(moved).as("void %d after the %s, %d bytes inserted", voidSize,
                            where == 0 ? "SeekHead" : "Info", room).isEqualTo(where == 1);
                }
            }
        }
        assertThat(inPlace).isPositive();
        assertThat(shifted).isPositive();
    }

    @Test
    void anElementReplacedByAVoidLosesItsEntry() throws Exception {
        for (int voidSize : new int[] {0, 40}) {
            byte[] file = file(voidSize, true, true);
            MediaInput in = MediaInput.of(file, "in.mkv");
            MatroskaFile mkv = MatroskaFile.read(in, ReadLimits.defaults());
            assertThat(indexed(file, mkv)).contains(EbmlIds.CHAPTERS);
            MatroskaRewriter rewriter = new MatroskaRewriter(mkv, new EbmlReader(in, ReadLimits.defaults()));
            rewriter.replace(mkv.all(EbmlIds.CHAPTERS).get(0), EbmlNode.leaf(EbmlIds.VOID, new byte[0]));
            rewriter.insertBeforeFirstCluster(EbmlNode.master(EbmlIds.TAGS, List.of()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            rewriter.writeTo(out);
            MatroskaFile written = check(out.toByteArray());
            assertThat(written.all(EbmlIds.CHAPTERS)).isEmpty();
            assertThat(indexed(out.toByteArray(), written)).doesNotContain(EbmlIds.CHAPTERS).contains(EbmlIds.TAGS,
                    EbmlIds.INFO, EbmlIds.CUES);
        }
    }

    /**
     * EBML header, Segment: SeekHead (Info, Cues, maybe Chapters), a Void of {@code voidSize} after the SeekHead or
     * after the Info, Info, maybe Chapters, Cues, two Clusters.
     */
    static byte[] file(int voidSize, boolean voidAfterSeekHead, boolean chapters) {
        byte[] info = Ebml.element(EbmlIds.INFO, Ebml.element(0x2AD7B1L, new byte[] {0x0F, 0x42, 0x40}));
        byte[] chaptersElement = chapters ? Ebml.element(EbmlIds.CHAPTERS, Ebml.element(0x45B9L, new byte[0]))
                : new byte[0];
        byte[] pad = voidSize >= 2 ? Ebml.voidOf(voidSize) : new byte[0];
        byte[] cluster1 = cluster(0);
        byte[] cluster2 = cluster(1);
        // positions are 4 bytes wide, so the layout does not depend on them
        int seekHeadSize = seekHead(new long[chapters ? 3 : 2], chapters).length;
        long infoAt = seekHeadSize + (voidAfterSeekHead ? pad.length : 0);
        long chaptersAt = infoAt + info.length + (voidAfterSeekHead ? 0 : pad.length);
        long cuesAt = chaptersAt + chaptersElement.length;
        byte[] cuesProbe = cues(0, 0);
        long cluster1At = cuesAt + cuesProbe.length;
        long cluster2At = cluster1At + cluster1.length;
        byte[] head = seekHead(chapters ? new long[] {infoAt, cuesAt, chaptersAt} : new long[] {infoAt, cuesAt},
                chapters);
        byte[] segment = concat(head, voidAfterSeekHead ? pad : new byte[0], info, voidAfterSeekHead ? new byte[0] : pad,
                chaptersElement, cues(cluster1At, cluster2At), cluster1, cluster2);
        return concat(Ebml.element(EbmlIds.EBML, Ebml.element(EbmlIds.DOC_TYPE, "matroska".getBytes())),
                Ebml.element(EbmlIds.SEGMENT, segment));
    }

    static byte[] seekHead(long[] positions, boolean chapters) {
        long[] ids = chapters ? new long[] {EbmlIds.INFO, EbmlIds.CUES, EbmlIds.CHAPTERS}
                : new long[] {EbmlIds.INFO, EbmlIds.CUES};
        ByteArrayOutputStream seeks = new ByteArrayOutputStream();
        for (int i = 0; i < ids.length; i++) {
            ByteArrayOutputStream id = new ByteArrayOutputStream();
            Ebml.writeId(id, ids[i]);
            seeks.writeBytes(Ebml.element(EbmlIds.SEEK, concat(Ebml.element(EbmlIds.SEEK_ID, id.toByteArray()),
                    Ebml.element(EbmlIds.SEEK_POSITION, Ebml.uint(positions[i], 4)))));
        }
        return Ebml.element(EbmlIds.SEEK_HEAD, seeks.toByteArray());
    }

    static byte[] cues(long cluster1, long cluster2) {
        ByteArrayOutputStream points = new ByteArrayOutputStream();
        long[] at = {cluster1, cluster2};
        for (int i = 0; i < 2; i++) {
            byte[] positions = Ebml.element(EbmlIds.CUE_TRACK_POSITIONS, concat(Ebml.element(0xF7L, new byte[] {1}),
                    Ebml.element(EbmlIds.CUE_CLUSTER_POSITION, Ebml.uint(at[i], 4))));
            points.writeBytes(Ebml.element(EbmlIds.CUE_POINT, concat(Ebml.element(0xB3L, new byte[] {(byte) i}),
                    positions)));
        }
        return Ebml.element(EbmlIds.CUES, points.toByteArray());
    }

    static byte[] cluster(int n) {
        return Ebml.element(EbmlIds.CLUSTER, concat(Ebml.element(TIMESTAMP, new byte[] {(byte) n}),
                Ebml.element(SIMPLE_BLOCK, new byte[] {(byte) 0x81, 0, 0, (byte) 0x80, 1, 2, 3, (byte) n})));
    }

    /**
     * The written file: the Segment's size is its data; every Seek and CueClusterPosition points at an element of the
     * right ID; the Clusters are the originals' bytes.
     */
    static MatroskaFile check(byte[] written) throws Exception {
        MediaInput in = MediaInput.of(written, "out.mkv");
        MatroskaFile mkv = MatroskaFile.read(in, ReadLimits.defaults());
        assertThat(mkv.segment().end()).isEqualTo(written.length);
        indexed(written, mkv);
        EbmlReader reader = new EbmlReader(in, ReadLimits.defaults());
        long data = mkv.segment().dataOffset();
        List<EbmlElement> clusters = mkv.all(EbmlIds.CLUSTER);
        assertThat(clusters).hasSize(2);
        EbmlNode cues = reader.load(mkv.all(EbmlIds.CUES).get(0));
        for (int i = 0; i < 2; i++) {
            EbmlElement c = clusters.get(i);
            assertThat(Arrays.copyOfRange(written, (int) c.offset(), (int) c.end())).isEqualTo(cluster(i));
            long pos = cues.children(EbmlIds.CUE_POINT).get(i).child(EbmlIds.CUE_TRACK_POSITIONS)
                    .child(EbmlIds.CUE_CLUSTER_POSITION).uint();
            assertThat(data + pos).isEqualTo(c.offset());
        }
        return mkv;
    }

    /** The IDs the first SeekHead indexes, each checked against the element found at its position. */
    static List<Long> indexed(byte[] written, MatroskaFile mkv) throws Exception {
        MediaInput in = MediaInput.of(written, "out.mkv");
        EbmlReader reader = new EbmlReader(in, ReadLimits.defaults());
        long data = mkv.segment().dataOffset();
        List<Long> ids = new ArrayList<>();
        for (EbmlNode seek : reader.load(mkv.all(EbmlIds.SEEK_HEAD).get(0)).children(EbmlIds.SEEK)) {
            byte[] id = seek.child(EbmlIds.SEEK_ID).data();
            long seekId = Ebml.readUint(id, 0, id.length);
            long at = data + seek.child(EbmlIds.SEEK_POSITION).uint();
            EbmlElement target = mkv.children().stream().filter(e -> e.offset() == at).findFirst().orElse(null);
            assertThat(target).as("a level-1 element at Seek position %d", at).isNotNull();
            assertThat(target.id()).as("the element at %d", at).isEqualTo(seekId);
            ids.add(seekId);
        }
        return ids;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
