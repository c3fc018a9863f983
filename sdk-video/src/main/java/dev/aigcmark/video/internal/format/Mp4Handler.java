package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.NotingContentMarker;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.BmffRewriter;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.C2paBox;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.RangeCopier;
import dev.aigcmark.video.internal.audio.format.CodedAudio;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;
import dev.aigcmark.video.internal.demux.Mp4Demuxer;
import dev.aigcmark.video.internal.detect.VideoFramesView;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.internal.pipeline.LazyBackend;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.VideoOptions;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;
import dev.aigcmark.core.internal.bmff.TopLevel;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MP4, MOV, M4A and other ISO-BMFF movies (not HEIF/AVIF still images). Reads the GB 45438 label, XMP and
 * the C2PA store; writes the label into {@code moov/udta/meta} without touching a sample, keeping the box
 * order (fast-start stays fast-start) and rewriting every chunk offset that moves.
 */
public class Mp4Handler implements FormatHandler, LabelWriter, C2paEmbedding, NotingContentMarker, ContentDigester {

    /** Major brands of image formats that share ISO-BMFF (HEIF, AVIF, CR3): not movies, left to their handlers. */
    private static final Set<String> STILL_IMAGE_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis",
            "hevm", "hevs", "mif1", "mif2", "msf1", "avif", "avis", "crx ", "jpeg", "avci");
    /** Boxes an old QuickTime file (no ftyp) may start with. */
    private static final Set<Integer> QUICKTIME_FIRST = Set.of(BoxTypes.MOOV, BoxTypes.MDAT, BoxTypes.FREE,
            BoxTypes.SKIP, BoxTypes.WIDE, FourCC.of("pnot"));

    private final VideoOptions options;
    private final LazyBackend backend;

    /** The service-loaded handler: the preferred codec backend (FFmpeg when present, else jcodec), no progress. */
    public Mp4Handler() {
        this(VideoOptions.DEFAULTS);
    }

    /** A handler decoding and encoding as {@code options} say (the CLI's {@code --codec}, {@code --crf}...). */
    public Mp4Handler(VideoOptions options) {
        this(new LazyBackend(options));
    }

    /** A handler on a given backend (tests, benchmarks). */
    public Mp4Handler(VideoCodecBackend backend, ProgressListener progress) {
        this(new LazyBackend(backend, progress));
    }

    private Mp4Handler(LazyBackend backend) {
        this.backend = backend;
        this.options = backend.options();
    }

    /** The backend in use, resolved on first use (an unknown or unusable {@code --codec} fails here). */
    public VideoCodecBackend backend() {
        return backend.get();
    }

    @Override
    public String id() {
        return "mp4";
    }

    @Override
    public String mediaType() {
        return "video/mp4";
    }

    @Override
    public List<String> extensions() {
        return List.of("mp4", "m4v", "m4a", "mov", "qt", "3gp", "3g2");
    }

    @Override
    public int sniffLength() {
        return 12;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("moov/udta/meta (hdlr mdta) key AIGC, UTF-8 data in ilst"),
                LabelCarrierSpec.tolerated("moov/meta or a top-level meta with the mdta key AIGC"),
                LabelCarrierSpec.tolerated("keyless ilst item AIGC or ----:AIGC under hdlr mdir; udta/AIGC"),
                LabelCarrierSpec.tolerated("XMP TC260:AIGC in the uuid XMP box or udta/XMP_"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        if (length < 8) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, length);
        long size = Integer.toUnsignedLong(b.getInt(0));
        int type = b.getInt(4);
        if (type == BoxTypes.FTYP) {
            if (length < 12 || size < 16) {
                return false;
            }
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            return !STILL_IMAGE_BRANDS.contains(brand);
        }
        return QUICKTIME_FIRST.contains(type) && (size == 1 || size >= 8);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder out = Container.builder(this, input);
        Mp4Content.Scanned scanned = new Mp4Scanner(input, context.limits(), out).scan();
        out.view(Mp4Content.Scanned.class, () -> scanned);
        if (!Mp4Content.onlySound(scanned)) { // an M4A has no frames to look at
            out.view(VideoFramesView.class, () -> () -> FrameSource.open(input, backend(), context.limits()));
        }
        out.view(AudioSamplesView.class, () -> CodedAudio.view(input, context, Mp4Content.soundTracks(scanned)));
                // M4A, and each of a video's audio tracks
        return out.build();
    }

    /** Track tables without chunk offsets, fragments, and the sample data (see {@link Mp4Content}). */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        Mp4Content.Scanned s = scanned.view(Mp4Content.Scanned.class).orElseThrow(() ->
                new IllegalArgumentException("not a container scanned by the MP4 handler"));
        return Mp4Content.digest(s, scanned.input());
    }

    /**
     * Writes the label (bare JSON under the key AIGC) into {@code moov}; every other box is copied (the sample data
     * file to file by the kernel), so memory and CPU stay flat in the file's size.
     */
    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context)
            throws IOException {
        labelRewriter(input, edit, context).writeTo(output);
    }

    /**
     * One read of the sample data where the layout allows it: when every {@code mdat} comes before {@code moov}
     * (ffmpeg's and most encoders' default layout; not a fast-start file) and no box the label changes comes before
     * them, the leading boxes are written first, the {@code mdat} payloads digested as they are copied, and the label
     * signed before {@code moov} (and the XMP) are written; the output is the one
     * {@link #writeLabel(MediaInput, MediaOutput, LabelEdit, SdkContext)} writes. Samples after moov (fast start,
     * fragments) written to a file: moov's room is reserved and the samples digested on a helper thread while they
     * are copied (see {@code reservingMoov}); the output is that writer's with a {@code free} box after moov (none
     * added where a free box there is reused). Any other case (a stream, an XMP box, under 1 MB of samples) digests
     * first and then copies, reading the samples twice, one after the other.
     */
    @Override
    public void writeLabel(Container scanned, MediaInput input, MediaOutput output, Signing signing, SdkContext context)
            throws IOException {
        writeLabel(scanned, input, output, signing, context, RESERVE_FROM);
    }

    /** As above, reserving moov's room from {@code reserveFrom} bytes of samples (tests: small clips). */
    void writeLabel(Container scanned, MediaInput input, MediaOutput output, Signing signing, SdkContext context,
                    long reserveFrom) throws IOException {
        Mp4Content.Scanned s = scanned.view(Mp4Content.Scanned.class).orElse(null);
        TopLevel top = s == null || s.moov() == null ? null : TopLevel.read(input, context.limits());
        int prefix = top == null ? -1 : samplesFirst(top, s);
        if (prefix <= 0) {
            if (top == null || !reservingMoov(top, s, input, output, signing, context, reserveFrom)) {
                LabelWriter.super.writeLabel(scanned, input, output, signing, context);
            }
            return;
        }
        ContentDigest.Builder digest = Mp4Content.movie(s);
        for (BoxHeader h : top.boxes().subList(0, prefix)) {
            if (h.type() == BoxTypes.MDAT) {
                output.copy(input, h.offset(), h.headerLength());
                digest.range("mdat", input, h.payloadOffset(), h.payloadSize(), output);
            } else {
                output.copy(input, h.offset(), h.size());
            }
        }
        labelRewriter(top, signing.label(digest.build()), context).writeTo(output, prefix);
    }

    /**
     * Samples after moov (fast start, fragments) into a file: room for the label's moov is reserved, everything after
     * it is copied (moved by the room's known size, the sample data by the kernel) while a helper thread digests the
     * samples from the input, and the label signed over that digest fills the room last: wall time is the longer of
     * the digest and the copy where a second core is free, not their sum; a copy that fails stops the helper at its
     * next slice ({@link CancellableInput}) before the failure is reported. The room holds the edited moov and a
     * {@code free} box: the size moov needs with the {@linkplain Signing#placeholder placeholder} label (signatures of
     * the algorithm's longest length, no key used) plus {@link #SLACK}, so the key signs once per file (review of
     * session 15, D2: a stand-in signed over a zero digest cost a second HSM/KMS call and an audit-log entry for digest
     * 00…00); a signed label that outgrows the room anyway (a signer beyond its algorithm's longest signature) is
     * written again, whole, by the two-pass writer, signed still once; moov and a free box already after it are reused when they
     * are large enough (a file labelled before: nothing moves). False (nothing written) where this does not apply:
     * an output that cannot be overwritten, an input one thread at a time, one processor, a signing without a
     * placeholder, every helper thread busy ({@link #MAX_DIGESTERS}), under {@code reserveFrom} bytes of samples, XMP
     * boxes
     * or a last box open to the end, or a scan that disagrees with the file's boxes.
     */
    private static boolean reservingMoov(TopLevel top, Mp4Content.Scanned s, MediaInput input, MediaOutput output,
                                         Signing signing, SdkContext context, long reserveFrom)
            throws IOException {
        if (!output.canWriteAt() || !input.concurrentReads() || Runtime.getRuntime().availableProcessors() < 2 || !sameSamples(top, s)
                || top.boxes().stream().anyMatch(h -> h.isUuid(BoxTypes.XMP_UUID))
                || new BmffRewriter(top).lastBoxIsOpenEnded()) {
            return false;
        }
        long samples = top.boxes().stream().filter(h -> h.type() == BoxTypes.MDAT).mapToLong(BoxHeader::payloadSize).sum();
        if (samples < reserveFrom) {
            return false;
        }
        LabelEdit placeholder = signing.placeholder(new ContentDigest(Mp4Content.SCHEME, new byte[32]));
        if (placeholder == null) {
            return false; // no way to size the label without signing it: sign once, after the digest
        }
        BmffRewriter stand = labelRewriter(top, placeholder, context);
        long room = stand.moovRoom();
        if (room > 0xFFFFFFFFL) {
            return false; // moov and a 64-bit free box after it: more than one 32-bit free box can fill
        }
        for (int i = 0; ; i++) {
            long needs = stand.reserveMoov(room).editedMoov().length + SLACK;
            if (needs <= room) {
                break;
            }
            if (i == 3 || needs + 8 > 0xFFFFFFFFL) {
                return false; // chunk offsets that keep growing the moov: the two-pass writer settles them
            }
            room = needs + 8; // a free box of at least SLACK after the moov
        }
        long start = output.written();
        CancellableInput helperInput = new CancellableInput(input);
        Future<ContentDigest> digest;
        try {
            digest = DIGESTERS.submit(FileBudget.current().wrap(() -> Mp4Content.digest(s, helperInput)));
        } catch (RejectedExecutionException e) {
            return false; // every helper busy: this file is digested on the calling thread, then copied
        }
        long at;
        ContentDigest content;
        try {
            at = start + stand.reserveMoov(room).writeReservingMoov(output);
            content = digestOf(digest);
        } catch (IOException | RuntimeException | Error e) {
            helperInput.cancel(); // the digest is not needed: the helper stops at its next slice
            awaitQuietly(digest); // the helper reads the input the caller closes next
            throw e;
        }
        LabelEdit signed = signing.label(content);
        BmffRewriter rewriter = labelRewriter(top, signed, context).reserveMoov(room);
        byte[] region = rewriter.moovRegion(stand); // the layout stand wrote: checked to be the label rewrite's
        if (region == null) {
            // A signer whose signature is longer than its algorithm's longest (the placeholder's) by more than SLACK
            // (a custom or HSM signer's non-minimal DER; an RSA key longer than the one its public key names): the
            // label is signed and the digest does not depend on the layout, so the two-pass writer's bytes take the
            // place of what was written, the samples copied a second time but the key not used again (review of
            // session 16, N3: this ended as an "unreadable input", exit 4, naming neither the signer nor the output).
            output.truncate(start);
            labelRewriter(top, signed, context).writeTo(output);
            return true;
        }
        output.writeAt(at, ByteBuffer.wrap(region));
        byte[] append = rewriter.appended();
        if (append != null) {
            output.write(append);
        }
        return true;
    }

    /** Samples of at least this many bytes are worth a reserved moov (a helper thread, a free box). */
    static final long RESERVE_FROM = 1 << 20;
    /**
     * Room beyond the placeholder label's moov: at least a free box's header, for a signed label shorter than the
     * placeholder (a DER signature is 70 to 72 bytes), and a margin for a signer whose encoding is longer still.
     */
    static final int SLACK = 128;

    /**
     * At most one helper per processor (review of session 15, N2: the pool was unbounded, a thread per concurrent
     * label): more would only share the same cores, each holding a mapped window. A label that finds every helper
     * busy is written by the two-pass writer on its own thread.
     */
    static final int MAX_DIGESTERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final AtomicInteger DIGESTER_NUMBER = new AtomicInteger();

    /**
     * The helper threads that digest samples while the caller copies them (daemons, named {@code aigc-mp4-digest-N}):
     * idle ones end after 30 s, so a process labelling one file after another keeps one (and a benchmark's count of
     * its threads' CPU time sees it). No queue: a task either gets a thread at once or is refused.
     */
    private static final ExecutorService DIGESTERS = new ThreadPoolExecutor(0, MAX_DIGESTERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "aigc-mp4-digest-" + DIGESTER_NUMBER.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private static void awaitQuietly(Future<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ContentDigest digestOf(Future<ContentDigest> digest) throws IOException {
        try {
            return digest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the samples were digested");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException r) {
                throw r;
            } else if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Whether the scan's mdat and moof boxes (what the digest reads) are the file's, one for one. */
    private static boolean sameSamples(TopLevel top, Mp4Content.Scanned scanned) {
        List<BoxHeader> a = top.boxes().stream()
                .filter(h -> h.type() == BoxTypes.MDAT || h.type() == BoxTypes.MOOF).toList();
        List<BoxHeader> b = scanned.top().stream()
                .filter(h -> h.type() == BoxTypes.MDAT || h.type() == BoxTypes.MOOF).toList();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            BoxHeader x = a.get(i);
            BoxHeader y = b.get(i);
            if (x.type() != y.type() || x.offset() != y.offset() || x.size() != y.size()
                    || x.headerLength() != y.headerLength()) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many leading top-level boxes hold every {@code mdat} and nothing the label rewrite changes (the label goes
     * into {@code moov} and XMP {@code uuid} boxes after them, or is appended); -1 when the layout is not so: moov or
     * an XMP box before sample data, fragments, a last box open to the end of the file (the rewrite would insert
     * before the samples), or top-level boxes other than those the scan digests.
     */
    private static int samplesFirst(TopLevel top, Mp4Content.Scanned scanned) throws IOException {
        List<BoxHeader> boxes = top.boxes();
        List<BoxHeader> samples = new ArrayList<>();
        int moov = -1;
        int lastMdat = -1;
        for (int i = 0; i < boxes.size(); i++) {
            BoxHeader h = boxes.get(i);
            if (h.type() == BoxTypes.MOOV) {
                if (moov >= 0) {
                    return -1;
                }
                moov = i;
            } else if (h.type() == BoxTypes.MDAT) {
                samples.add(h);
                lastMdat = i;
            } else if (h.type() == BoxTypes.MOOF || h.type() == BoxTypes.MFRA) {
                return -1;
            }
        }
        if (moov < 0 || lastMdat < 0 || moov < lastMdat || new BmffRewriter(top).lastBoxIsOpenEnded()) {
            return -1;
        }
        for (int i = 0; i <= lastMdat; i++) {
            if (boxes.get(i).isUuid(BoxTypes.XMP_UUID)) {
                return -1;
            }
        }
        return sameSamples(top, scanned) ? lastMdat + 1 : -1;
    }

    /**
     * File to file, the target replaced only when complete: like
     * {@link #writeLabel(MediaInput, MediaOutput, LabelEdit, SdkContext)}, saying what moved.
     */
    public BmffRewriter.Result writeLabel(Path in, Path out, LabelEdit edit, SdkContext context) throws IOException {
        try (MediaInput input = MediaInput.of(in); AtomicOutput atomic = AtomicOutput.to(out)) {
            BmffRewriter.Result result;
            try (MediaOutput output = AtomicOutput.stream(atomic.temp())) {
                result = labelRewriter(input, edit, context).writeTo(output);
            }
            atomic.commit();
            return result;
        }
    }

    /**
     * Places a C2PA manifest store in a streamed copy of {@code input}: one {@code uuid} box right after
     * {@code ftyp}, replacing any earlier manifest box, with every chunk offset shifted accordingly. Writing the
     * same-sized store twice gives the same layout, so a {@code c2pa.hash.bmff} computed over the first
     * output (excluding this box) holds for the second.
     */
    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] jumbfStore, SdkContext context)
            throws IOException {
        TopLevel top = TopLevel.read(input, context.limits());
        Set<BoxHeader> oldManifests = new HashSet<>();
        for (BoxHeader h : top.boxes()) {
            if (h.isUuid(BoxTypes.C2PA_UUID) && isManifestBox(input, h)) {
                oldManifests.add(h);
            }
        }
        byte[] box = C2paBox.build(jumbfStore);
        new BmffRewriter(top).removeTopLevel(oldManifests::contains).insertAfterFtyp(box).writeTo(output);
        long at = top.boxes().stream().filter(h -> h.type() == BoxTypes.FTYP).findFirst().map(BoxHeader::end).orElse(0L);
        return new StorePlacement(at, box.length);
    }

    /** MP4 binds content with {@code c2pa.hash.bmff} (per top-level box), not a byte-range data hash. */
    @Override
    public boolean dataHashBinding() {
        return false;
    }

    /**
     * Re-encodes the video with the explicit label on the opening frames and our watermark on every frame
     * (the {@link VideoPipeline}), then the sound with our audio watermark ({@link Mp4AudioTrack}; an M4A gets the
     * audio prompt too), copying every other track and the metadata. The GB 45438 label is written afterwards by
     * {@link #writeLabel} (or pass it to {@link VideoPipeline.Options} when calling the pipeline directly).
     */
    /** Marks the content and says how: the backend, the encoder and its settings, the layout. */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        if (edit.explicitLabel() == null && edit.watermarkPayload() == null) {
            throw new ContentNotSupportedException("neither a visible label nor a watermark was asked for");
        }
        try (WorkFolder work = WorkFolder.in(context.workFolder().orElse(null), "video")) {
            Path source = asFile(input, work);
            boolean video;
            try (MediaInput in = MediaInput.of(source)) {
                video = Mp4Demuxer.open(in, context.limits()).video().isPresent();
            }
            List<MarkStep> notes = new ArrayList<>();
            Path current = source;
            if (video) {
                LabelStyle label = edit.explicitLabel() == null ? null
                        : new LabelStyle(edit.explicitLabel(), 2.5, 0.06, corner(edit.placement()));
                FrameMarker marker = FrameMarker.builderForPayloadBytes(
                                edit.watermarkPayload() == null ? null : context.requireIdentity().watermarkKey(),
                                edit.watermarkPayload())
                        .label(label).build();
                current = work.file("marked.mp4");
                VideoPipeline.Result r = new VideoPipeline(backend(), options.progress(), context.limits())
                        .run(source, current, marker, new VideoPipeline.Options(1, null, options.encoder()));
                notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, r.describe()));
            }
            current = Mp4AudioTrack.mark(current, video, edit, context, work, notes);
            Files.copy(current, output);
            return notes;
        }
    }

    private static String corner(String placement) {
        return placement != null && placement.matches("(top|bottom)-(left|right)") ? placement : "bottom-right";
    }

    /** The decoder needs a file: the input's own when it is one, else a streamed copy in {@code work}. */
    private static Path asFile(MediaInput input, WorkFolder work) throws IOException {
        Path own = existingFile(input);
        if (own != null) {
            return own;
        }
        Path copy = work.file("input.mp4");
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            new RangeCopier(input, out).copy(0, input.size());
        }
        return copy;
    }

    /** The file behind a MediaInput opened on a path (its name), or null. */
    private static Path existingFile(MediaInput input) throws IOException {
        try {
            Path p = Path.of(input.name());
            return Files.isRegularFile(p) && Files.size(p) == input.size() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean isManifestBox(MediaInput input, BoxHeader h) throws IOException {
        int n = (int) Math.min(h.payloadSize(), 4 + 64 + 8);
        C2paBox.Parsed p = C2paBox.parse(input.readFully(h.payloadOffset(), n));
        return p != null && p.purpose().equals(C2paBox.PURPOSE_MANIFEST);
    }

    /**
     * The label goes into moov/udta/meta. XMP that already carries a GB 45438 label (a top-level {@code uuid}
     * XMP box, QuickTime's {@code udta/XMP_}) gets the same label, so the file never holds two different ones;
     * a requested digital source type goes into XMP, in a new XMP box appended at the end (no sample moves)
     * when the file has none.
     */
    private static BmffRewriter labelRewriter(MediaInput input, LabelEdit edit, SdkContext context)
            throws IOException {
        return labelRewriter(TopLevel.read(input, context.limits()), edit, context);
    }

    private static BmffRewriter labelRewriter(TopLevel top, LabelEdit edit, SdkContext context) throws IOException {
        MediaInput input = top.input();
        String json = LabelJson.toBareJson(edit.label());
        BmffRewriter rewriter = new BmffRewriter(top).editMoov(moov -> {
            MoovLabels.write(moov, json);
            Box udta = moov.child(BoxTypes.UDTA);
            if (udta != null) {
                for (Box xmp : udta.children(BoxTypes.XMP_)) {
                    if (!xmp.isContainer() && needsXmpUpdate(xmp.payload(), edit, context)) {
                        xmp.setPayload(XmpBoxes.updated(xmp.payload(), json, edit, context));
                    }
                }
            }
        });
        boolean anyXmp = false;
        for (BoxHeader h : top.boxes()) {
            if (!h.isUuid(BoxTypes.XMP_UUID)) {
                continue;
            }
            anyXmp = true;
            if (h.payloadSize() > context.limits().maxMetadataBytes()) {
                throw new BmffFormatException("XMP box of " + h.payloadSize() + " bytes is over the metadata limit");
            }
            byte[] packet = input.readFully(h.payloadOffset(), (int) h.payloadSize());
            if (needsXmpUpdate(packet, edit, context)) {
                rewriter.replaceTopLevel(h, XmpBoxes.uuidBox(XmpBoxes.updated(packet, json, edit, context)));
            }
        }
        if (!anyXmp && edit.digitalSourceType() != null) {
            byte[] box = XmpBoxes.uuidBox(XmpPacket.fresh(json, edit.digitalSourceType()));
            if (rewriter.lastBoxIsOpenEnded()) {
                rewriter.insertAfterFtyp(box);
            } else {
                rewriter.append(box);
            }
        }
        return rewriter;
    }

    private static boolean needsXmpUpdate(byte[] packet, LabelEdit edit, SdkContext context) throws IOException {
        if (edit.digitalSourceType() != null) {
            return true;
        }
        try {
            return XmpPacket.parse(packet, context.limits()).aigcLabelCount() > 0;
        } catch (XmpException e) {
            return false; // unreadable XMP without a label we could see: left exactly as it is
        }
    }
}
