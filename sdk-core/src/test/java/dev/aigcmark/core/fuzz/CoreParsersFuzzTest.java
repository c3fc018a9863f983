package dev.aigcmark.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.bmff.BoxBudget;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxReader;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.internal.c2pa.C2paFormatException;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfReader;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlNode;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.internal.ebml.MatroskaRewriter;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.internal.riff.RiffChunks;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.testing.SilentOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer harnesses for the bounded parsers in sdk-core that see untrusted bytes (docs/fuzzing.md). Each one
 * holds the parser to its contract: it returns, or refuses with an {@link IOException} (the "cannot read" of
 * our SPI); any other exception or error is a finding. In {@code mvn verify} they replay the committed inputs in
 * {@code CoreParsersFuzzTestInputs/<method>/}; {@code scripts/fuzz.sh} fuzzes one of them for real.
 */
class CoreParsersFuzzTest {
    /** Boxes whose payload is a list of boxes: the walk descends into them as the MP4/HEIF handlers do. */
    private static final Set<String> BMFF_CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts",
            "udta", "mvex", "moof", "traf", "dinf", "iprp", "ipco", "meco", "jumb");

    @FuzzTest(maxDuration = "10m")
    void bmffBoxes(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> {
            MediaInput in = MediaInput.of(data, "fuzz.mp4");
            TopLevel top = TopLevel.read(in, ReadLimits.defaults());
            walk(in, top.boxes(), 1, new BoxBudget(ReadLimits.defaults()));
            for (BoxHeader h : top.boxes()) {
                if (h.typeName().equals("moov")) {
                    top.load(h, 1 << 20);
                }
            }
        }));
    }

    private static void walk(MediaInput in, List<BoxHeader> boxes, int depth, BoxBudget budget) throws IOException {
        for (BoxHeader h : boxes) {
            assertThat(h.end()).as("box %s ends after it starts", h).isGreaterThanOrEqualTo(h.payloadOffset());
            if (BMFF_CONTAINERS.contains(h.typeName())) {
                walk(in, BoxReader.children(in, h.payloadOffset(), h.end(), depth + 1, budget), depth + 1, budget);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void ebml(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> {
            MediaInput in = MediaInput.of(data, "fuzz.mkv");
            MatroskaFile file = MatroskaFile.read(in, ReadLimits.defaults());
            EbmlReader reader = new EbmlReader(in, ReadLimits.defaults());
            for (EbmlElement e : file.children()) {
                reader.load(e);
            }
            rewriteTags(file, reader, data.length);
        }));
    }

    /**
     * What the Matroska label write asks of {@link MatroskaRewriter}: the first Tags before the Clusters replaced (or
     * a new one inserted there), sized from the input so both the in-place and the shifted plan run. It may refuse
     * with an {@link IOException}; a copy it writes must read again, with the new Tags in it.
     */
    private static void rewriteTags(MatroskaFile file, EbmlReader reader, int size) throws IOException {
        EbmlNode tags = EbmlNode.master(EbmlIds.TAGS, List.of(EbmlNode.leaf(EbmlIds.VOID, new byte[size % 300])));
        MatroskaRewriter rewriter = new MatroskaRewriter(file, reader);
        EbmlElement target = file.all(EbmlIds.TAGS).stream().filter(t -> t.offset() < file.firstClusterOffset())
                .findFirst().orElse(null);
        if (target == null) {
            rewriter.insertBeforeFirstCluster(tags);
        } else {
            rewriter.replace(target, tags);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rewriter.writeTo(out);
        MediaInput copy = MediaInput.of(out.toByteArray(), "copy.mkv");
        MatroskaFile written = MatroskaFile.read(copy, ReadLimits.defaults());
        assertThat(written.all(EbmlIds.TAGS)).as("the copy holds the new Tags").isNotEmpty();
        EbmlReader again = new EbmlReader(copy, ReadLimits.defaults());
        for (EbmlElement e : written.children()) {
            again.load(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void riffChunks(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> {
            MediaInput in = MediaInput.of(data, "fuzz.wav");
            for (RiffChunks.Chunk c : RiffChunks.walk(in, ReadLimits.defaults())) {
                RiffChunks.text(in, c, 4096);
            }
        }));
    }

    @FuzzTest(maxDuration = "10m")
    void xmpPacket(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> XmpPacket.parse(data, ReadLimits.defaults())));
    }

    @FuzzTest(maxDuration = "10m")
    void cbor(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> {
            Cbor.parse(data);
            Cbor.leadingTag(data);
            Cbor.rawValueRange(data, "alg");
        }));
    }

    /** The JUMBF store and the manifests, claims and assertions in it, as the C2PA codec reads them. */
    @FuzzTest(maxDuration = "10m")
    void c2paManifestStore(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> {
            JumbfReader.parseStore(data, ReadLimits.defaults());
            ManifestStore.parse(data, ReadLimits.defaults()).active();
        }));
    }

    /** Label JSON (bare and wrapped) and the SecurityData in its reserved codes: never throws, by contract. */
    @FuzzTest(maxDuration = "10m")
    void labelJson(byte[] data) {
        SilentOutput.require(() -> {
            String text = new String(data, StandardCharsets.UTF_8);
            LabelJson.Parsed parsed = LabelJson.parse(text);
            if (parsed.label().isPresent()) {
                AigcLabel label = parsed.label().get();
                SecurityData.verifyProducer(label);
                SecurityData.verifyPropagator(label);
                SecurityData.readBinding(label.reservedCode1());
                assertThat(LabelJson.parse(LabelJson.toBareJson(label)).label()).as("a label read is a label written")
                        .contains(label);
            }
        });
    }

    interface Read {
        void run() throws Exception;
    }

    /**
     * Runs {@code read}. The parser refusing the input with its checked exception is its right (IOException and
     * kin for containers, C2paFormatException, XmpException); anything else escapes and is a finding.
     */
    static void readOrRefuse(Read read) {
        try {
            read.run();
        } catch (IOException | C2paFormatException | XmpException refused) {
            // refused: the contract for damaged input
        } catch (Exception e) {
            throw new AssertionError("unexpected checked exception", e);
        }
    }
}
