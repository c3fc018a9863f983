package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's label key signs once per file, also where the MP4 writer reserves moov's room before the samples
 * are digested (review of session 15, D2: a stand-in label signed over an all-zero digest sized the room: a second
 * HSM/KMS call per file, and an audit-log entry for digest 00…00). One label signature is two {@link Signer#sign}
 * calls: the label's fields (DS) and the content binding (BindingsSignature). The C2PA key signs its claim once too
 * (review of session 16, N4: the manifest's room was sized by signing the placeholder claim). The file is marked through the real
 * {@link Marker} with a counting signer, then read by our verifier (label VALID, binding match, C2PA valid), ffprobe
 * and exiftool.
 */
class Mp4SignsOnceTest {
    @TempDir
    static Path dir;

    /** A signer in front of {@link #key()}: the same algorithm, public key and chain; only signing differs. */
    private interface InFrontOf extends Signer {
        Signer key();

        default SignatureAlgorithm algorithm() {
            return key().algorithm();
        }

        default PublicKey publicKey() {
            return key().publicKey();
        }

        default List<X509Certificate> certificateChain() {
            return key().certificateChain();
        }
    }

    /** The development identity's label key, every message it signs recorded. */
    private record CountingSigner(Signer key, List<String> signed) implements InFrontOf {
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            signed.add(new String(message, StandardCharsets.UTF_8));
            return key.sign(message);
        }
    }

    /** A signer whose signatures are {@code extra} bytes longer than its key's (a non-minimal encoding, say). */
    private record PaddingSigner(Signer key, int extra) implements InFrontOf {
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            byte[] signature = key.sign(message); // once: an SM2 or ECDSA signature's length varies by a byte or two
            return java.util.Arrays.copyOf(signature, signature.length + extra);
        }
    }

    /**
     * A label signer whose signatures are longer than its algorithm's longest outgrows the room reserved for the label
     * (session 17's fallback: the file written again, whole, with the same label); the mark says so in a note on the
     * implicit label, with by how much, and the file holds the label the result names. Before, nothing told the user.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"fragmented, +frag_keyframe+empty_moov", "fast start, +faststart"})
    void aSignerLongerThanItsAlgorithmIsNotedAndTheLabelWrittenAllTheSame(String layout, String movflags)
            throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        ExternalTools.assumeTool("ffprobe");
        String name = "overrun-" + layout.replace(' ', '-');
        Path in = Clips.make(dir, name + ".mp4", "640x480", 2.0, List.of("-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-qp", "0"), "-g", "12", "-movflags", movflags);
        assertThat(TopLevel.read(MediaInput.of(in), TestContexts.LIMITS).boxes().stream()
                .filter(h -> h.type() == BoxTypes.MDAT).mapToLong(BoxHeader::payloadSize).sum())
                .as("samples worth a reserved moov").isGreaterThanOrEqualTo(Mp4Handler.RESERVE_FROM);
        TestIdentity dev = TestIdentity.create(dir.resolve("home-" + name));
        PlatformIdentity id = dev.identity();
        int extra = 40 + TestSeed.random("Mp4SignsOnceTest.overrun." + layout).nextInt(60);
        PlatformIdentity padding = new PlatformIdentity(id.id(), id.displayName(), id.providerCode(),
                new PaddingSigner(id.labelSigner(), extra), id.c2paSigner(), id.watermarkKey(), id.development());
        SdkContext context = TestContexts.builder().identity(padding).trustAnchors(dev.roots())
                .random(TestSeed.randomSource("Mp4SignsOnceTest.overrun." + layout)).build();
        Path out = dir.resolve(name + "-labelled.mp4");

        MarkResult r = new Marker(context).mark(in, out, MarkIntent.builder().watermark(false).explicitLabel(null).build());

        List<MarkStep> notes = r.steps().stream().filter(st -> st.kind() == MarkStep.Kind.NOTE
                && st.carrier() == MarkStep.Carrier.IMPLICIT_LABEL).toList();
        assertThat(notes).as("%s", r.steps()).hasSize(1);
        // two signatures (the fields, the binding), each padded by extra bytes, beyond the longest the algorithm makes
        // (a DER signature of a 256-bit curve is 70 to 72 bytes: each real one may be up to 4 bytes under the longest)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) bytes longer than "
                + id.labelSigner().algorithm()).matcher(notes.get(0).detail());
        assertThat(m.find()).as(notes.get(0).detail()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(2 * extra - 8, 2 * extra);
        assertThat(r.sentences()).contains(notes.get(0).sentence());
        assertThat(Clips.ffprobeAigcTag(out)).as("the label the result names, in the file")
                .isEqualTo(LabelJson.toBareJson(r.label()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fragmented, +frag_keyframe+empty_moov", "fast start, +faststart"})
    void theLabelAndC2paKeysSignOncePerFileWhereMoovsRoomIsReserved(String layout, String movflags) throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        ExternalTools.assumeTool("exiftool");
        Path in = Clips.make(dir, layout.replace(' ', '-') + ".mp4", "640x480", 2.0, List.of("-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-qp", "0", "-c:a", "aac", "-b:a", "64k"),
                "-g", "12", "-movflags", movflags);
        List<BoxHeader> before = TopLevel.read(MediaInput.of(in), TestContexts.LIMITS).boxes();
        assertThat(before.stream().filter(h -> h.type() == BoxTypes.MDAT).mapToLong(BoxHeader::payloadSize).sum())
                .as("samples worth a reserved moov").isGreaterThanOrEqualTo(Mp4Handler.RESERVE_FROM);

        TestIdentity dev = TestIdentity.create(dir.resolve("home-" + layout.replace(' ', '-')));
        PlatformIdentity id = dev.identity();
        List<String> signed = Collections.synchronizedList(new ArrayList<>());
        List<String> c2paSigned = Collections.synchronizedList(new ArrayList<>());
        PlatformIdentity counting = new PlatformIdentity(id.id(), id.displayName(), id.providerCode(),
                new CountingSigner(id.labelSigner(), signed), new CountingSigner(id.c2paSigner(), c2paSigned),
                id.watermarkKey(), id.development());
        SdkContext context = TestContexts.builder().identity(counting).trustAnchors(dev.roots())
                .random(TestSeed.randomSource("Mp4SignsOnceTest." + layout))
                .trust(TrustRegistry.empty().with(TrustedPlatform.of(id))).build();
        Path out = dir.resolve("labelled-" + layout.replace(' ', '-') + ".mp4");

        MarkResult r = new Marker(context).mark(in, out, MarkIntent.builder().watermark(false).explicitLabel(null).c2pa(true)
                .build());

        List<String> layoutOut = Boxes.topLevelTypes(MediaInput.of(out));
        assertThat(layoutOut.get(layoutOut.indexOf("moov") + 1)).as("moov's room reserved: a free box after it")
                .isEqualTo("free");
        assertThat(signed).as("the label's fields and its binding, signed once").hasSize(2);
        assertThat(r.steps()).as("no note on the signer: its signatures fit").noneMatch(st -> st.kind() == MarkStep.Kind.NOTE
                && st.carrier() == MarkStep.Carrier.IMPLICIT_LABEL);
        assertThat(signed).noneMatch(m -> m.contains("0".repeat(64))); // no digest 00…00 signed
        assertThat(c2paSigned).as("the C2PA claim, signed once (its size from a stand-in signature)").hasSize(1);

        VerificationReport report = new Verifier(context).verify(out);
        assertThat(report.failureCodes()).isEmpty();
        MarkFinding label = report.findings(ImplicitLabel.class).get(0);
        assertThat(((ImplicitLabel) label.mark()).label()).isEqualTo(r.label());
        assertThat(label.state()).isIn(TrustState.VALID, TrustState.TRUSTED);
        assertThat(label.hasStatus(StatusCodes.BINDING_MATCH)).as("%s", label.statuses()).isTrue();
        List<MarkFinding> manifests = report.findings(C2paManifest.class);
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).state()).as("%s", manifests.get(0).statuses())
                .isIn(TrustState.VALID, TrustState.TRUSTED);

        String json = LabelJson.toBareJson(r.label());
        assertThat(Clips.ffprobeAigcTag(out)).isEqualTo(json);
        String exif = ExternalTools.run("exiftool", "-s", "-s", "-s", "-AIGC", out.toString()).requireSuccess().stdout();
        assertThat(exif.strip()).isEqualTo(json);
    }
}
