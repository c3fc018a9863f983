package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.NotingContentMarker;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.video.internal.audio.container.Id3Frames;
import dev.aigcmark.video.internal.audio.container.Id3Tag;
import dev.aigcmark.video.internal.audio.container.MpegAudio;
import dev.aigcmark.video.internal.audio.container.Pieces;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * MP3: the label is the ID3v2 {@code TXXX} frame {@code AIGC} (bare JSON), XMP a {@code PRIV} frame owned by
 * {@code XMP}, C2PA a {@code GEOB} frame (C2PA 2.x, as the reference writes it). Only the tag at the start of the
 * file is rewritten; the MPEG frames and anything after them (ID3v1, APE) are copied byte for byte. Marking the
 * content ({@link #markContent}) decodes the frames, marks the samples ({@link CodedAudio}) and encodes them again
 * with libmp3lame at the same rate, channels and bit rate, between the original ID3v2 tag and ID3v1 tag (an APE tag
 * is not kept).
 */
public final class Mp3Handler implements FormatHandler, LabelWriter, C2paEmbedding, NotingContentMarker {
    /** An ID3v1 tag: the last 128 bytes, starting {@code TAG}. */
    private static final int ID3V1 = 128;

    @Override
    public String id() {
        return "mp3";
    }

    @Override
    public String mediaType() {
        return "audio/mpeg";
    }

    @Override
    public List<String> extensions() {
        return List.of("mp3");
    }

    @Override
    public int sniffLength() {
        return 4096;
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        if (Id3Tag.startsAt(head, 0, length)) {
            long after = Id3Tag.sizeAt(head, 0);
            if (after + 4 <= length) {
                return MpegAudio.isFrameHeader(head, (int) after, length);
            }
            return !(fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".flac"));
        }
        return MpegAudio.isFrameHeader(head, 0, length) && (length < 4 || MpegAudio.nextFrameAgrees(head, 0, length));
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("ID3v2 TXXX frame AIGC (bare JSON)"),
                LabelCarrierSpec.tolerated("XMP TC260:AIGC in the ID3v2 PRIV frame XMP"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        Id3Tag tag = Id3Tag.read(input, 0, context.limits());
        long audio = tag == null ? 0 : tag.totalSize();
        if (tag != null) {
            if (tag.major() == 2) {
                c.problem(Status.info(StatusCodes.METADATA_NOT_READ, "ID3v2.2 tag (three-letter frames) is not read"));
            }
            Id3Frames.carriers(tag, c, Placement.STANDARD);
        }
        byte[] head = input.readFully(audio, (int) Math.min(4, input.size() - audio));
        if (head.length == 4 && head[0] == 'f' && head[1] == 'L' && head[2] == 'a' && head[3] == 'C') {
            throw new UnreadableInputException("a FLAC stream follows the ID3v2 tag: read it as FLAC (name it .flac)");
        }
        if (!MpegAudio.isFrameHeader(head, 0, head.length)) {
            c.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "no MPEG audio frame at " + audio + " after the ID3v2 tag"));
        }
        c.view(AudioSamplesView.class, () -> CodedAudio.view(input, context));
        return c.build();
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        Id3Tag tag = Id3Tag.read(input, 0, context.limits());
        int major = Id3Frames.majorFor(tag);
        long audio = tag == null ? 0 : tag.totalSize();
        Id3Frames.write(input, tag, 0, audio, major, Id3Frames.withLabel(tag, major, edit, context), output);
    }

    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        Id3Tag tag = Id3Tag.read(input, 0, context.limits());
        long audio = Math.min(input.size(), tag == null ? 0 : tag.totalSize());
        long v1 = input.size() - audio >= ID3V1 && new String(input.readFully(input.size() - ID3V1, 3),
                StandardCharsets.ISO_8859_1).equals("TAG") ? ID3V1 : 0;
        return CodedAudio.mark(input, edit, context, "mp3", encoded -> {
            new Pieces().range(0, audio).writeTo(input, output);
            new Pieces().range(0, encoded.size()).writeTo(encoded, output);
            new Pieces().range(input.size() - v1, v1).writeTo(input, output);
        });
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        Id3Tag tag = Id3Tag.read(input, 0, ctx.limits());
        return Id3Frames.withStore(input, tag, 0, tag == null ? 0 : tag.totalSize(), store, output);
    }
}
