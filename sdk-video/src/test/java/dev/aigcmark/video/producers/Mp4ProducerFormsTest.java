package dev.aigcmark.video.producers;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.MdtaMetadata;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.SyntheticMp4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MP4/MOV as producers write the label: ffmpeg's mdta key (standard), and the iOS-export forms (a keyless {@code AIGC}
 * item in an {@code mdir} ilst, a QuickTime {@code meta} straight under {@code moov}) read and reported as tolerated.
 */
class Mp4ProducerFormsTest {
    static final SdkContext CTX = TestContexts.defaults();
    static final String JSON = LabelJson.toBareJson(MatroskaLabelTest.LABEL);

    @TempDir
    Path tmp;

    @Test
    void ffmpegsMdtaKeyIsTheStandardPlace() throws Exception {
        MatroskaLabelTest clips = new MatroskaLabelTest();
        clips.tmp = tmp;
        ExternalTools.assumeTool("ffmpeg");
        Path f = clips.clip("mov", "libx264", List.of("-metadata", "AIGC=" + JSON, "-movflags", "use_metadata_tags"));
        ImplicitLabel label = MatroskaLabelTest.onlyLabel(new Verifier(CTX).verify(f));
        assertThat(label.placement()).isEqualTo(Placement.STANDARD);
        assertThat(label.carrier()).isEqualTo("moov/udta/meta/ilst");
    }

    @Test
    void keylessMdirItemInUdtaIsTolerated() throws Exception {
        byte[] file = SyntheticMp4.moovAtEnd(List.of(mdirMeta(true)));
        VerificationReport report = new Verifier(CTX).verify(MediaInput.of(file, "ios.mov"));
        ImplicitLabel label = MatroskaLabelTest.onlyLabel(report);
        assertThat(label.label()).isEqualTo(MatroskaLabelTest.LABEL);
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.carrier()).isEqualTo("moov/udta/meta/ilst/AIGC (keyless, hdlr mdir)");
        assertThat(report.findings(ImplicitLabel.class).get(0).hasStatus(StatusCodes.LABEL_PLACEMENT_NONSTANDARD)).isTrue();
    }

    @Test
    void quickTimeMetaDirectlyUnderMoovIsTolerated() throws Exception {
        Box moov = SyntheticMp4.moov(SyntheticMp4.ftyp().length + 8, List.of());
        moov.children().add(mdirMeta(false));
        byte[] file = SyntheticMp4.concat(SyntheticMp4.ftyp(), Box.leaf(BoxTypes.MDAT, SyntheticMp4.mdatPayload()).toBytes(),
                moov.toBytes());
        ImplicitLabel label = MatroskaLabelTest.onlyLabel(new Verifier(CTX).verify(MediaInput.of(file, "bare-meta.mov")));
        assertThat(label.label()).isEqualTo(MatroskaLabelTest.LABEL);
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.carrier()).startsWith("moov/meta/ilst/AIGC");
    }

    /** A meta with hdlr mdir and an ilst item typed AIGC: ISO style (FullBox) or QuickTime style (no version). */
    static Box mdirMeta(boolean isoFullBox) {
        byte[] hdlr = ByteBuffer.allocate(25).putInt(0).putInt(0).putInt(FourCCs.MDIR).array();
        Box item = Box.container(BoxTypes.AIGC, new byte[0], List.of(MdtaMetadata.dataBox(JSON)));
        Box ilst = Box.container(BoxTypes.ILST, new byte[0], List.of(item));
        return Box.container(BoxTypes.META, isoFullBox ? new byte[4] : new byte[0],
                List.of(Box.leaf(BoxTypes.HDLR, hdlr), ilst));
    }

    private static final class FourCCs {
        static final int MDIR = FourCC.of("mdir");
    }
}
