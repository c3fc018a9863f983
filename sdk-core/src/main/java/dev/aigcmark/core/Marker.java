package dev.aigcmark.core;

import dev.aigcmark.core.internal.securitydata.LabelBindings;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;

import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.OutputException;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.internal.securitydata.LabelBinding;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.internal.c2pa.C2paWriter;
import dev.aigcmark.core.internal.c2pa.CoseSigner;
import dev.aigcmark.core.internal.codec.LabelCarriers;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The write side: adds every requested mark in one pass, in the order that keeps each valid: content first
 * (visible label, watermark: may re-encode), then the signed implicit label (lossless; its signature binds the
 * content as marked and the watermark payload, see {@link LabelBindings}), then C2PA (its hard binding covers
 * everything before it). Each step writes a new temporary file (the content step of a picture, document or text up
 * to 32 MiB writes to memory instead); the output appears only when
 * all succeeded, and the input is never modified (unless it is also the output, which then is replaced whole).
 * Refusals by rule are {@link MarkRefusedException}s; input that cannot be read or written is an
 * {@link UnreadableInputException}.
 */
public final class Marker {
    private final SdkContext context;

    public Marker(SdkContext context) {
        this.context = context;
    }

    /**
     * Marks one file within its budget ({@link ReadLimits#markCpuTimeout()}, its wall-clock limit and the others): a file that goes
     * over any of them is refused with a {@link dev.aigcmark.core.io.BudgetExceededException} naming the limit.
     */
    @SuppressWarnings("try") // the scope is held, not used: it unbinds the budget on close
    public MarkResult mark(Path input, Path output, MarkIntent intent) throws IOException {
        FileBudget budget = FileBudget.forMark(context.limits(), sizeOf(input));
        try (FileBudget.Scope ignored = budget.bind()) {
            return markFile(input, output, intent, budget);
        } catch (StackOverflowError e) {
            throw budget.exceed(FileBudget.Limit.DEPTH, "is nested too deeply to read");
        } catch (IOException | RuntimeException e) {
            if (budget.exceeded().isPresent()) {
                // Whatever a library made of it, the file went over its budget: say which limit.
                throw budget.exceeded().get();
            }
            Optional<OutputException> writing = AtomicOutput.outputFailure(e);
            if (writing.isPresent()) {
                throw writing.get(); // the disk or the folder failed, not the input
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof UnreadableInputException u) {
                throw u;
            }
            // A decoder or parser giving up on damaged content (ImageIO, jcodec, an unparseable XMP) says so with a
            // plain IOException; to callers that is input we cannot mark (CLI exit 4), not an internal error (70).
            throw new UnreadableInputException(input + ": " + Verifier.message(e), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // reported by the read that follows
        }
    }

    private MarkResult markFile(Path input, Path output, MarkIntent intent, FileBudget budget) throws IOException {
        PlatformIdentity identity = context.requireIdentity();
        MediaInput in = MediaInput.of(input);
        try {
            FormatHandler handler = Formats.detect(context, in).orElseThrow(() -> new UnreadableInputException(
                    input + ": unsupported or unrecognised format"));
            Container scanned = handler.scan(in, context);
            AigcLabel unsigned = unsignedLabel(intent, identity, existingLabel(scanned));
            ContentEdit edit = contentEdit(intent, unsigned, identity);
            if (edit.isEmpty() || !(handler instanceof ContentMarker)) {
                // The content stays as it is: the input stays open, and the writer digests it (where it can, while
                // copying it: one read of the file) before the label is signed.
                return markFile(input, output, intent, budget, handler, new Scan(in, scanned), unsigned, edit);
            }
            in.close();
            return markFile(input, output, intent, budget, handler, null, unsigned, edit);
        } finally {
            in.close();
        }
    }

    /** The input a metadata-only mark labels as it is, still open, and its scan. */
    private record Scan(MediaInput input, Container container) {
    }

    /** Marks the scanned file: {@code scan} is null when the content step rewrites the content. */
    private MarkResult markFile(Path input, Path output, MarkIntent intent, FileBudget budget, FormatHandler handler,
                                Scan scan, AigcLabel unsigned, ContentEdit edit) throws IOException {
        PlatformIdentity identity = context.requireIdentity();
        List<MarkStep> steps = new ArrayList<>();
        AigcLabel label;
        try (AtomicOutput out = AtomicOutput.to(output)) {
            Path current = input;
            byte[] markedInMemory = null; // the content step's output, where it is kept in memory (contentInMemory)
            byte[] embeddedPayload = null;
            if (!edit.isEmpty()) {
                if (handler instanceof ContentMarker cm) {
                    try {
                        List<MarkStep> notes = new ArrayList<>();
                        Step content = (in, os) -> notes.addAll(cm.markContentNoting(in, os, edit, context));
                        if (contentInMemory(handler, input)) {
                            markedInMemory = applyInMemory(current, content);
                        } else {
                            Path next = out.scratch();
                            apply(current, next, content);
                            current = next;
                        }
                        // A handler leaves the watermark out where it could not be read back (a picture too small
                        // for it): then it is neither claimed nor bound into the label or the C2PA manifest.
                        boolean leftOut = notes.stream().anyMatch(n -> n.kind() == MarkStep.Kind.NOT_SUPPORTED
                                && n.carrier() == MarkStep.Carrier.WATERMARK);
                        ContentEdit done = leftOut ? edit.withoutWatermark() : edit;
                        embeddedPayload = done.watermarkPayload();
                        if (!done.isEmpty()) {
                            steps.add(MarkStep.done(MarkStep.Carrier.CONTENT, describe(done)));
                        }
                        steps.addAll(notes);
                    } catch (ContentNotSupportedException e) {
                        steps.add(MarkStep.notSupported(MarkStep.Carrier.CONTENT, "this file (" + e.getMessage() + ")"));
                    }
                } else {
                    steps.add(MarkStep.notSupported(MarkStep.Carrier.CONTENT, handler.id() + " (no visible label or watermark)"));
                }
            }
            if (!(handler instanceof LabelWriter writer)) {
                throw new UnreadableInputException("writing labels is not supported for " + handler.id());
            }
            boolean c2pa = intent.c2pa() && handler instanceof C2paEmbedding;
            if (intent.c2pa() && !c2pa) {
                steps.add(MarkStep.notSupported(MarkStep.Carrier.C2PA, handler.id()));
            }
            Path labelled = c2pa ? out.scratch() : out.temp();
            String formatId = handler.id();
            byte[] payload = embeddedPayload;
            LabelBinding[] binding = new LabelBinding[1];
            AigcLabel[] signedLabel = new AigcLabel[1];
            LabelWriter.Signing signing = new LabelWriter.Signing() {
                @Override
                public LabelEdit label(ContentDigest digest) {
                    binding[0] = new LabelBinding(formatId, digest, payload);
                    signedLabel[0] = signed(unsigned, intent, identity, binding[0], false);
                    return new LabelEdit(signedLabel[0], intent.digitalSourceType());
                }

                @Override
                public LabelEdit placeholder(ContentDigest digest) { // the key is not used: one signature per file
                    LabelBinding sized = new LabelBinding(formatId, digest, payload);
                    return new LabelEdit(signed(unsigned, intent, identity, sized, true), intent.digitalSourceType());
                }
            };
            if (scan != null && current.equals(input) && markedInMemory == null) {
                // Metadata only: labelled from the input the scan read, digested as the writer copies it. (A content
                // step kept in memory leaves current at the input: its bytes, not the input's, are labelled below.)
                try (MediaOutput os = AtomicOutput.stream(labelled)) {
                    writer.writeLabel(scan.container(), scan.input(), os, signing, context);
                }
                scan.input().close(); // before the rename over it, where the input is also the output
            } else if (handler instanceof ContentDigester) {
                // After the content step: the marked file is scanned once, and digested and labelled from that scan.
                try (MediaInput in = open(current, markedInMemory, output);
                     MediaOutput os = AtomicOutput.stream(labelled)) {
                    writer.writeLabel(handler.scan(in, context), in, os, signing, context);
                }
            } else {
                LabelEdit labelEdit = signing.label(null);
                try (MediaInput in = open(current, markedInMemory, output);
                     MediaOutput os = AtomicOutput.stream(labelled)) {
                    writer.writeLabel(in, os, labelEdit, context);
                }
            }
            label = signedLabel[0];
            if (label == null) {
                throw new IllegalStateException(handler.id() + ": the label writer wrote no signed label");
            }
            steps.add(MarkStep.done(MarkStep.Carrier.IMPLICIT_LABEL, (intent.propagator() ? "propagation fields signed" : "signed")
                    + " with " + identity.labelSigner().algorithm() + describe(binding[0])));
            signatureOverrun(unsigned, intent, identity, binding[0], label).ifPresent(steps::add);
            if (c2pa) {
                addManifest(handler, labelled, out.temp(), intent, identity, embeddedPayload, steps);
            }
            // A step that swallowed an exceeded limit must not produce output: the budget is sticky.
            budget.checkpoint();
            out.commit();
        }
        return new MarkResult(handler.id(), label, steps);
    }

    private static String describe(LabelBinding binding) {
        return ", bound to " + binding.contentDigest().map(d -> "the content (" + d.scheme() + ")")
                .orElse("the format (" + binding.format() + " has no content digest)")
                + (binding.watermarkPayload() != null ? " and the watermark" : "");
    }

    /** Adds our C2PA manifest last, so its hard binding covers the content and the label. */
    private void addManifest(FormatHandler handler, Path from, Path to, MarkIntent intent, PlatformIdentity identity,
                             byte[] watermarkPayload, List<MarkStep> steps) throws IOException {
        if (identity.c2paSigner() == null) {
            throw new MarkRefusedException("the platform identity has no C2PA signing key");
        }
        C2paWriter.Request request = new C2paWriter.Request(CoseSigner.of(identity.c2paSigner()),
                intent.digitalSourceType(), watermarkPayload, null, null);
        try (MediaInput in = MediaInput.of(from)) {
            C2paWriter.Result r = new C2paWriter(context).write(handler, in, to, request);
            steps.add(MarkStep.done(MarkStep.Carrier.C2PA, "manifest " + r.manifestLabel() + " signed with "
                    + request.signer().algorithm()
                    + r.parentManifest().map(p -> ", previous manifest kept as parent " + p).orElse("")));
        }
    }

    /**
     * Marks a stream (an upload): spools it to a temporary file, since containers are rewritten with random
     * access, and streams the result out.
     */
    public MarkResult mark(InputStream input, OutputStream output, MarkIntent intent, String nameHint) throws IOException {
        try (WorkFolder work = WorkFolder.in(context.workFolder().orElse(null), "spool")) {
            String name = nameHint == null || nameHint.isBlank() ? "input" : nameHint;
            Path in = work.file(name);
            Path out = work.file("marked-" + in.getFileName());
            Files.copy(input, in);
            MarkResult r = mark(in, out, intent);
            Files.copy(out, output);
            return r;
        }
    }

    /**
     * The label to sign: a producer's new fields, or the existing label with this platform's propagation fields.
     * Signed only after the content step ({@link #signed}), because the signature binds the content as marked.
     */
    private AigcLabel unsignedLabel(MarkIntent intent, PlatformIdentity identity, Optional<AigcLabel> existing) {
        String code = intent.producerCode() != null ? intent.producerCode() : identity.providerCode();
        try {
            ProviderCode.parse(code);
        } catch (IllegalArgumentException e) {
            throw new MarkRefusedException(e.getMessage(), e);
        }
        if (intent.propagator()) {
            PropagateId propagateId = intent.propagateId() != null ? intent.propagateId() : PropagateId.of(context.random().hexId());
            AigcLabel base = existing.orElse(new AigcLabel(intent.label().code(), "", "", "", "", "", ""));
            return base.withPropagation(code, propagateId);
        }
        if (existing.isPresent() && !intent.relabel()
                && !existing.get().contentProducer().isEmpty() && !existing.get().contentProducer().equals(code)) {
            throw new MarkRefusedException("already labelled by producer " + existing.get().contentProducer()
                    + "; mark as propagator, or allow relabelling explicitly");
        }
        return AigcLabel.produced(intent.label(), code,
                intent.produceId() != null ? intent.produceId() : ProduceId.of(context.random().hexId()));
    }

    /**
     * Signs the producer's (ReservedCode1) or the propagator's (ReservedCode2) fields, bound to the content; or, for a
     * {@code placeholder}, puts the longest signatures' zeros there without signing ({@link SecurityData#placeholder}).
     */
    private static AigcLabel signed(AigcLabel label, MarkIntent intent, PlatformIdentity identity, LabelBinding binding,
                                    boolean placeholder) {
        Signer signer = identity.labelSigner();
        String text = intent.propagator() ? label.propagatorSignedText() : label.producerSignedText();
        String code = placeholder ? SecurityData.placeholder(text, binding, signer) : SecurityData.sign(text, binding, signer);
        return intent.propagator() ? label.withReservedCode2(code) : label.withReservedCode1(code);
    }

    /**
     * A note when the label signer's signatures came out longer than its algorithm's longest, the length
     * {@link SecurityData#placeholder} gives them and writers size the label's room by before the content is digested
     * (a custom or HSM signer's non-minimal DER; an RSA key longer than the one its public key names). The label is
     * written all the same (an MP4 whose samples follow moov is then written a second time, whole: review N3 of
     * session 16), but nothing told the user, and other verifiers may refuse such an encoding.
     */
    private static Optional<MarkStep> signatureOverrun(AigcLabel unsigned, MarkIntent intent, PlatformIdentity identity,
                                                       LabelBinding binding, AigcLabel signed) {
        AigcLabel longest = signed(unsigned, intent, identity, binding, true);
        int over = reservedCode(intent, signed).length() - reservedCode(intent, longest).length();
        if (over <= 0) {
            return Optional.empty();
        }
        return Optional.of(MarkStep.note(MarkStep.Carrier.IMPLICIT_LABEL, "the label signer's signatures are "
                + over / 2 + " bytes longer than " + identity.labelSigner().algorithm()
                + " signatures can be (a non-standard encoding, or a key longer than its public key): the label was"
                + " written all the same, but other verifiers may refuse it; check the signer"));
    }

    /** The signed code marking wrote: the propagator's (ReservedCode2) or the producer's (ReservedCode1). */
    private static String reservedCode(MarkIntent intent, AigcLabel label) {
        return intent.propagator() ? label.reservedCode2() : label.reservedCode1();
    }

    /**
     * What to change in the content. A propagator's watermark carries its own serial, derived from the
     * PropagateID, so a copy stripped of metadata still points to the propagator's record, not the producer's.
     */
    private static ContentEdit contentEdit(MarkIntent intent, AigcLabel label, PlatformIdentity identity) {
        byte[] payload = !intent.watermark() ? null : intent.propagator()
                ? WatermarkPayloads.forId(label.propagateId(), identity) : WatermarkPayloads.forLabel(label, identity);
        if (intent.propagator() && payload == null && intent.explicitLabel() == null) {
            return new ContentEdit(null, null, null, null); // metadata only: the content stays byte for byte
        }
        // The signed label is written by the LabelWriter afterwards: its signature binds the content as marked.
        return new ContentEdit(intent.explicitLabel(), intent.placement(), payload, null);
    }

    private static String describe(ContentEdit edit) {
        List<String> parts = new ArrayList<>();
        if (edit.explicitLabel() != null) {
            parts.add("explicit label '" + edit.explicitLabel() + "'");
        }
        if (edit.watermarkPayload() != null) {
            parts.add("watermark");
        }
        return String.join(" + ", parts);
    }

    /** The label already in the file (the first one found), read leniently. */
    private Optional<AigcLabel> existingLabel(Container container) {
        for (LabelCarriers.Found found : LabelCarriers.find(container.carriers(), context.limits(), null)) {
            Optional<AigcLabel> label = LabelJson.parse(found.json()).label();
            if (label.isPresent()) {
                return label;
            }
        }
        return Optional.empty();
    }

    private interface Step {
        void run(MediaInput in, MediaOutput out) throws IOException;
    }

    /**
     * Largest input whose content step is written to memory rather than to a scratch file beside the target (and
     * read back from there by the label step); also never more than {@link ReadLimits#maxInMemoryBytes()}, which a
     * handler that edits pixels or documents in memory holds anyway. Never for video and sound, whose content step
     * streams: it re-encodes, and its output is not bounded by the input (the H.264 encoder is asked for twice the
     * input's bit rate; a 30 MB MP4 marked in memory ran out of a 128 MB heap, review K4 of session 18). For a 1 MP
     * JPEG (≈ 200 KB) the scratch file cost ≈ 0.5 ms of CPU per mark (its creation, write, read back and removal) out
     * of ≈ 18: 0.962× the CPU of all threads with it in memory (issue 15, session 18).
     */
    static final long CONTENT_IN_MEMORY = 32L << 20;

    /** Whether the content step of {@code input} goes to memory ({@link #CONTENT_IN_MEMORY}). */
    private boolean contentInMemory(FormatHandler handler, Path input) {
        String type = handler.mediaType();
        if (type.startsWith("video/") || type.startsWith("audio/")) {
            return false;
        }
        long size = sizeOf(input);
        return size > 0 && size <= Math.min(CONTENT_IN_MEMORY, context.limits().maxInMemoryBytes());
    }

    /** {@code step} from {@code from} into memory: the bytes it wrote. */
    private static byte[] applyInMemory(Path from, Step step) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                sizeOf(from) + 65_536));
        try (MediaInput in = MediaInput.of(from); MediaOutput os = MediaOutput.of(bytes)) {
            step.run(in, os);
        }
        return bytes.toByteArray();
    }

    /** The content step's result: its bytes in memory (named after the output), else the file {@code current}. */
    private static MediaInput open(Path current, byte[] inMemory, Path output) throws IOException {
        return inMemory != null ? MediaInput.of(inMemory, output.toString()) : MediaInput.of(current);
    }

    private static void apply(Path from, Path to, Step step) throws IOException {
        try (MediaInput in = MediaInput.of(from); MediaOutput os = AtomicOutput.stream(to)) {
            step.run(in, os);
        }
    }
}
