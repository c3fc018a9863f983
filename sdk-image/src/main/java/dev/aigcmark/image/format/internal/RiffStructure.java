package dev.aigcmark.image.format.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The top-level chunks of a RIFF file of a given form type (WebP: {@code WEBP}); chunks are padded to even sizes. */
public final class RiffStructure {

    /** One chunk: {@code offset} of its FourCC, {@code end} just past its data and pad byte. */
    public record Chunk(String fourcc, int offset, int dataOffset, int dataLength, int end) {
    }

    private final List<Chunk> chunks;
    private final boolean complete;

    private RiffStructure(List<Chunk> chunks, boolean complete) {
        this.chunks = List.copyOf(chunks);
        this.complete = complete;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public boolean complete() {
        return complete;
    }

    public static boolean sniff(byte[] head, int length, String form) {
        return length >= 12 && Bytes.startsWith(head, 0, length, Bytes.ascii("RIFF"))
                && Bytes.startsWith(head, 8, length, Bytes.ascii(form));
    }

    public static RiffStructure parse(byte[] b, String form, ReadLimits limits, List<Status> problems)
            throws UnreadableInputException {
        if (!sniff(b, b.length, form)) {
            throw new UnreadableInputException("not a RIFF " + form + " file");
        }
        long declared = Bytes.u32le(b, 4) + 8;
        boolean ok = true;
        int end = b.length;
        if (declared > b.length) {
            problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "RIFF declares " + declared + " bytes but the file has " + b.length));
            ok = false;
        } else if (declared < b.length) {
            problems.add(Status.tolerated(StatusCodes.ASSET_MALFORMED, (b.length - declared) + " bytes follow the RIFF data"));
            end = (int) declared;
        }
        List<Chunk> list = new ArrayList<>();
        int pos = 12;
        while (pos < end) {
            if (list.size() >= limits.maxBoxCount()) {
                problems.add(Status.failure(StatusCodes.ASSET_LIMIT, "RIFF has more than " + limits.maxBoxCount() + " chunks"));
                FileBudget.current().exceed(FileBudget.Limit.BOX_COUNT, "has more than " + limits.maxBoxCount() + " segments, chunks or blocks");
                return new RiffStructure(list, false);
            }
            if (pos + 8 > end) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "RIFF chunk header at " + pos + " is cut short"));
                return new RiffStructure(list, false);
            }
            String fourcc = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long size = Bytes.u32le(b, pos + 4);
            long next = pos + 8 + size + (size & 1);
            if (pos + 8 + size > end) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "RIFF chunk '" + fourcc.replaceAll("[^ -~]", "?")
                        + "' at " + pos + " declares " + size + " bytes, past the end of the data"));
                return new RiffStructure(list, false);
            }
            list.add(new Chunk(fourcc, pos, pos + 8, (int) size, (int) Math.min(next, end)));
            pos = (int) Math.min(next, end);
        }
        return new RiffStructure(list, ok);
    }

    /** Builds a chunk with its pad byte. */
    public static byte[] chunk(String fourcc, byte[] data) {
        byte[] c = new byte[8 + data.length + (data.length & 1)];
        System.arraycopy(Bytes.ascii(fourcc), 0, c, 0, 4);
        Bytes.put32le(c, 4, data.length);
        System.arraycopy(data, 0, c, 8, data.length);
        return c;
    }
}
