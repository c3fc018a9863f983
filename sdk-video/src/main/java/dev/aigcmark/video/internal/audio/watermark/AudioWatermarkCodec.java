package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.internal.watermark.WatermarkTrust;
import dev.aigcmark.core.internal.watermark.VouchedPayloads;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.video.internal.audio.pcm.Pcm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Our watermark in audio ({@value #SCHEME}): the {@link AudioDetector} over the container's {@link AudioSamplesView}
 * (the first {@value AudioDetector#MAX_SECONDS} s, downmixed), each audio track apart (one finding per marked track),
 * with every known detection key: this platform's and
 * each registered platform's. Reports the payload, the issuer and its trust as {@link TrustPolicy} decides, as for
 * images and video.
 */
public final class AudioWatermarkCodec implements MarkCodec {
    public static final String SCHEME = "aigcmark.audio.v1";
    /**
     * The audio tracks searched, at most: each costs a decode of up to {@value AudioDetector#MAX_SECONDS} s and a
     * search with every key, and each is one more chance of a false positive (the bound is per key and track), so a
     * file declaring hundreds of tracks must not multiply both; films carry a handful of dubs.
     */
    public static final int MAX_TRACKS = 8;

    @Override
    public String id() {
        return "aigcmark-audio-watermark";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        Optional<AudioSamplesView> view = container.view(AudioSamplesView.class);
        if (view.isEmpty()) {
            return; // before the keys: asking for them reads the trust registry, which may be deferred
        }
        List<WatermarkKey> keys = WatermarkTrust.detectionKeys(context);
        if (keys.isEmpty()) {
            return;
        }
        int tracks = view.get().tracks();
        for (int track = 0; track < Math.min(tracks, MAX_TRACKS); track++) {
            verifyTrack(view.get(), track, tracks, keys, context, report);
        }
        if (tracks > MAX_TRACKS) {
            report.diagnostic(Status.info(StatusCodes.WM_AUDIO_TRACKS_NOT_SEARCHED, String.format(Locale.ROOT,
                    "audio tracks %d to %d of %d not searched for a watermark (at most %d are)", MAX_TRACKS + 1,
                    tracks, tracks, MAX_TRACKS)));
        }
    }

    /** One audio track: its own detection, its own finding (a video's dub may be marked when its first track is not). */
    private static void verifyTrack(AudioSamplesView view, int track, int tracks, List<WatermarkKey> keys,
                                    SdkContext context, VerificationReport.Builder report) {
        String which = tracks == 1 ? "" : String.format(Locale.ROOT, "audio track %d of %d: ", track + 1, tracks);
        Pcm pcm;
        try {
            pcm = view.read(track, AudioDetector.MAX_SECONDS);
        } catch (IOException | RuntimeException e) {
            report.diagnostic(Status.info(StatusCodes.WM_AUDIO_UNDECODABLE,
                    which + "audio samples could not be decoded for watermark detection: " + e.getMessage()));
            return;
        }
        if (pcm.frames() == 0) {
            return; // no audio stream (a silent video)
        }
        AudioDetector.Heard heard = AudioDetector.Heard.of(pcm.mono(), pcm.sampleRate());
        Optional<AudioDetection> found = new AudioDetector().detect(heard, keys);
        if (found.isEmpty()) {
            confirmLabelsPayload(heard, track, tracks, expectedPayloads(context, report), context, report);
            return;
        }
        AudioDetection d = found.get();
        WatermarkPayload p = d.payload();
        Map<String, Object> details = new LinkedHashMap<>();
        if (tracks > 1) {
            details.put("audioTrack", track + 1);
            details.put("audioTracks", tracks);
        }
        details.put("secondsAnalysed", Math.round(d.seconds() * 10) / 10.0);
        details.put("syncZ", Math.round(d.syncZ() * 10) / 10.0);
        details.put("bitAgreement", Math.round(d.agreement() * 1000) / 1000.0);
        String where = tracks == 1 ? String.format(Locale.ROOT, "audio samples (%.1f s analysed)", d.seconds())
                : String.format(Locale.ROOT, "audio track %d of %d (%.1f s analysed)", track + 1, tracks, d.seconds());
        Status status = Status.success(StatusCodes.WM_AUDIO_FOUND, "payload " + p.hex() + " decoded from " + where);
        report.mark(WatermarkTrust.finding(context, SCHEME, where, p.toBytes(), d.confidence(), status, details));
    }

    /**
     * The payloads the file's labels vouch for ({@link VouchedPayloads}): a role's id (ProduceID, PropagateID) when
     * that role's signature verifies under a key of a platform we know that goes by the provider code the label names
     * for the role, asked under that platform's watermark keys only, at most {@link VouchedPayloads#MAX_ASKED}. The
     * content binding is not required: an excerpt or a re-encode changes the content and keeps the label, which is
     * the case this is for.
     */
    static List<Expected> expectedPayloads(SdkContext context, VerificationReport.Builder report) {
        List<AigcLabel> labels = new ArrayList<>();
        for (MarkFinding f : report.marks()) {
            if (f.mark() instanceof ImplicitLabel l) {
                labels.add(l.label());
            }
        }
        return VouchedPayloads.of(context, labels).stream().map(v -> new Expected(v.key(), v.payload())).toList();
    }

    /** A payload a label vouches for, under one key. */
    record Expected(WatermarkKey key, WatermarkPayload payload) {
    }

    /**
     * When nothing was read: the one-payload test ({@link AudioDetector#confirm}) for each payload the labels vouch
     * for; the first confirmed becomes a finding of its own kind ({@code wm.audio.confirmed}), whose details say it was
     * asked for, with the test's figures. Each payload asked may confirm on unmarked audio with probability at most
     * {@value AudioDetector#CONFIRM_FALSE_POSITIVES}, so the bound reported is that times the payloads asked.
     */
    private static void confirmLabelsPayload(AudioDetector.Heard heard, int track, int tracks, List<Expected> expected,
                                             SdkContext context, VerificationReport.Builder report) {
        for (Expected e : expected) {
            Optional<AudioConfirmation> c = AudioDetector.confirm(heard, e.key(), e.payload());
            if (c.isEmpty()) {
                continue;
            }
            AudioConfirmation a = c.get();
            double bound = a.falsePositiveBound() * expected.size();
            Map<String, Object> details = new LinkedHashMap<>();
            if (tracks > 1) {
                details.put("audioTrack", track + 1);
                details.put("audioTracks", tracks);
            }
            details.put("read", "confirmedKnownPayload");
            details.put("secondsAnalysed", Math.round(a.seconds() * 10) / 10.0);
            details.put("confirmZ", Math.round(a.z() * 100) / 100.0);
            details.put("confirmThreshold", Math.round(a.threshold() * 100) / 100.0);
            details.put("nearestSerialZ", Math.round(a.neighbourZ() * 100) / 100.0);
            details.put("payloadsAsked", expected.size());
            details.put("falsePositiveBound", bound);
            details.put("bitAgreement", Math.round(a.agreement() * 1000) / 1000.0);
            String where = tracks == 1 ? String.format(Locale.ROOT, "audio samples (%.1f s analysed)", a.seconds())
                    : String.format(Locale.ROOT, "audio track %d of %d (%.1f s analysed)", track + 1, tracks, a.seconds());
            Status status = Status.success(StatusCodes.WM_AUDIO_CONFIRMED, String.format(Locale.ROOT,
                    "the label's payload %s confirmed in %s: asked for, not read (no payload could be read without"
                            + " knowing it); test z %.2f >= %.2f, false-positive bound %.1e for the %d payload(s) asked",
                    e.payload().hex(), where, a.z(), a.threshold(), bound, expected.size()));
            double confidence = Math.max(0, Math.min(1, 2 * a.agreement() - 1));
            report.mark(WatermarkTrust.finding(context, SCHEME, where, e.payload().toBytes(), confidence, status,
                    details));
            return;
        }
    }
}
