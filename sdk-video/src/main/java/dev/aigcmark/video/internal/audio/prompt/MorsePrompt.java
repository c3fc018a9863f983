package dev.aigcmark.video.internal.audio.prompt;

import dev.aigcmark.video.internal.audio.pcm.Pcm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The explicit audio label of GB 45438-2025 as a rhythm: "AI" in Morse ({@code ·− ··}, short-long, short-short),
 * a 880 Hz tone with 5 ms raised-cosine edges (no clicks), one unit = 80 ms (a dash is three units,
 * the gap inside a letter one, between letters three), with 150 ms of silence either side. It is
 * inserted at the start, the middle or the end of the programme with 30 ms fades of the programme
 * around it, at the programme's integrated loudness plus an offset in LU (BS.1770, {@link Loudness}); or, for a
 * video's sound that must keep its sync, played over the programme ({@link #overlay}), which is silenced under it.
 */
public final class MorsePrompt {
    static final int UNIT_MS = 80;
    static final int PAD_MS = 150;
    static final int FADE_MS = 30;
    static final double TONE_HZ = 880;
    private static final int RAMP_MS = 5;
    /** The rhythm in units: tone, gap, tone... ("A" = 1 on, 1 off, 3 on; letter gap 3; "I" = 1 on, 1 off, 1 on). */
    static final int[] RHYTHM = {1, 1, 3, 3, 1, 1, 1};

    /** Where the prompt goes. */
    public enum Position { START, MIDDLE, END }

    private MorsePrompt() {
    }

    /** The prompt alone at {@code rate}, peak 0.5 (its level is set where it is inserted). */
    public static float[] tone(int rate) {
        int unit = rate * UNIT_MS / 1000;
        int pad = rate * PAD_MS / 1000;
        int total = 0;
        for (int u : RHYTHM) {
            total += u * unit;
        }
        float[] out = new float[total + 2 * pad];
        int at = pad;
        int ramp = rate * RAMP_MS / 1000;
        for (int i = 0; i < RHYTHM.length; i++) {
            int len = RHYTHM[i] * unit;
            if (i % 2 == 0) {
                for (int k = 0; k < len; k++) {
                    double edge = Math.min(1, Math.min(k, len - 1 - k) / (double) ramp);
                    double env = 0.5 - 0.5 * Math.cos(Math.PI * edge);
                    out[at + k] = (float) (0.5 * env * Math.sin(2 * Math.PI * TONE_HZ * k / rate));
                }
            }
            at += len;
        }
        return out;
    }

    /**
     * The programme with the prompt inserted at each of {@code positions}, the prompt's loudness set to the
     * programme's plus {@code offsetLu} (a silent programme gets the prompt at -23 LUFS, EBU R128's target).
     * The programme fades out over 30 ms before a prompt and back in after it; nothing is lost.
     */
    public static Pcm insert(Pcm programme, List<Position> positions, double offsetLu) {
        int rate = programme.sampleRate();
        float[] tone = tone(rate);
        double gain = gain(programme, tone, offsetLu);
        int channels = programme.channels().length;
        int n = programme.frames();
        List<Integer> cuts = new ArrayList<>();
        for (Position p : positions) {
            int cut = switch (p) {
                case START -> 0;
                case MIDDLE -> n / 2;
                case END -> n;
            };
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        cuts.sort(null);
        float[][] out = new float[channels][n + cuts.size() * tone.length];
        int fade = rate * FADE_MS / 1000;
        for (int c = 0; c < channels; c++) {
            float[] in = programme.channels()[c];
            float[] o = out[c];
            int from = 0;
            int at = 0;
            for (int cut : cuts) {
                for (int i = from; i < cut; i++) {
                    o[at++] = (float) (in[i] * fadeGain(i, from, cut, fade, from > 0, cut < n));
                }
                for (float v : tone) {
                    o[at++] = (float) (v * gain);
                }
                from = cut;
            }
            for (int i = from; i < n; i++) {
                o[at++] = (float) (in[i] * fadeGain(i, from, n, fade, from > 0, false));
            }
        }
        return new Pcm(out, rate);
    }

    /** The tone's gain for the programme's integrated loudness plus {@code offsetLu} (-23 LUFS when silent). */
    private static double gain(Pcm programme, float[] tone, double offsetLu) {
        double target = Loudness.integrated(programme);
        target = (Double.isInfinite(target) ? -23 : target) + offsetLu;
        float[][] inEveryChannel = new float[programme.channels().length][];
        Arrays.fill(inEveryChannel, tone); // BS.1770 sums the channels: measure the prompt as it will sound
        Pcm alone = new Pcm(inEveryChannel, programme.sampleRate());
        double gain = Math.pow(10, (target - Loudness.integrated(alone)) / 20);
        return Math.min(gain, 0.99 / 0.5); // never clip: the tone's peak is 0.5
    }

    /**
     * The programme with the prompt played over it at each of {@code positions}, its length and timing unchanged (a
     * video's sound, which must stay in sync with the picture): for the prompt's 1.18 s the programme fades out over
     * 30 ms inside the prompt's leading silence and back in inside its trailing one, so the rhythm is heard alone (and
     * {@link #presentAt} finds it), at the programme's loudness plus {@code offsetLu}. Where the programme is shorter
     * than the prompt, the prompt is cut at its end.
     */
    public static Pcm overlay(Pcm programme, List<Position> positions, double offsetLu) {
        int rate = programme.sampleRate();
        float[] tone = tone(rate);
        double gain = gain(programme, tone, offsetLu);
        int n = programme.frames();
        int fade = rate * FADE_MS / 1000;
        double[] duck = new double[n];
        Arrays.fill(duck, 1);
        List<Integer> starts = new ArrayList<>();
        for (Position p : positions) {
            int start = Math.max(0, switch (p) {
                case START -> 0;
                case MIDDLE -> (n - tone.length) / 2;
                case END -> n - tone.length;
            });
            starts.add(start);
            for (int i = start; i < Math.min(n, start + tone.length); i++) {
                int k = i - start;
                double edge = k < fade ? (start == 0 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * k / fade))
                        : tone.length - 1 - k < fade ? 0.5 + 0.5 * Math.cos(Math.PI * (tone.length - 1 - k) / fade) : 0;
                duck[i] = Math.min(duck[i], edge);
            }
        }
        float[][] out = new float[programme.channels().length][];
        for (int c = 0; c < out.length; c++) {
            float[] in = programme.channels()[c];
            float[] o = new float[n];
            for (int i = 0; i < n; i++) {
                o[i] = (float) (in[i] * duck[i]);
            }
            for (int start : starts) {
                for (int k = 0; k < tone.length && start + k < n; k++) {
                    o[start + k] += (float) (tone[k] * gain);
                }
            }
            out[c] = o;
        }
        return new Pcm(out, rate);
    }

    /**
     * Whether the programme already carries the prompt at {@code position} (inserted by us or by anyone else
     * following the same rhythm), so marking a file again (a propagator asked for the explicit label, a relabel)
     * does not play it twice. Read from the samples, not from metadata, which may be stripped or forged: in 10 ms
     * hops, the prompt's tone hops must be mostly 880 Hz and its gaps at least 20 dB quieter than its tones, at some
     * offset within 500 ms of where {@link #insert} puts it (the start, the end or the middle).
     * Survives lossy coding and any gain; a programme's own 880 Hz note does not have the rhythm's gaps.
     */
    public static boolean presentAt(Pcm programme, Position position) {
        int rate = programme.sampleRate();
        int hop = rate / 100;
        int promptHops = tone(rate).length / hop;
        int search = SEARCH_MS / 10;
        int hops = programme.frames() / hop;
        int centre = switch (position) {
            case START -> 0;
            case MIDDLE -> (hops - promptHops) / 2;
            case END -> hops - promptHops;
        };
        int from = Math.max(0, centre - search);
        int to = Math.min(hops - promptHops, centre + search);
        if (to < from) {
            return false;
        }
        float[] x = programme.mono();
        double[] power = new double[to + promptHops - from];
        double[] tonal = new double[power.length];
        for (int h = 0; h < power.length; h++) {
            int at = (from + h) * hop;
            double p = 0;
            for (int i = at; i < at + hop; i++) {
                p += x[i] * x[i];
            }
            power[h] = p / hop;
            tonal[h] = p == 0 ? 0 : goertzel(x, at, hop, TONE_HZ / rate) / p;
        }
        for (int lag = 0; lag + promptHops <= power.length; lag++) {
            if (rhythmAt(power, tonal, lag)) {
                return true;
            }
        }
        return false;
    }

    /** How far (ms) either side of where {@link #insert} puts a prompt {@link #presentAt} looks for it. */
    static final int SEARCH_MS = 500;

    /** Whether the hops from {@code lag} (the prompt's first hop, its leading pad) hold the rhythm. */
    private static boolean rhythmAt(double[] power, double[] tonal, int lag) {
        int hopsPerUnit = UNIT_MS / 10;
        int at = lag + PAD_MS / 10;
        double quietestTone = Double.POSITIVE_INFINITY;
        double loudestGap = 0;
        for (int i = 0; i < RHYTHM.length; i++) {
            int len = RHYTHM[i] * hopsPerUnit;
            for (int h = at + 1; h < at + len - 1; h++) { // a hop from each edge: the 5 ms ramps and coding smear
                if (i % 2 == 0) {
                    if (tonal[h] < 0.7) {
                        return false;
                    }
                    quietestTone = Math.min(quietestTone, power[h]);
                } else {
                    loudestGap = Math.max(loudestGap, power[h]);
                }
            }
            at += len;
        }
        return quietestTone > 0 && loudestGap < quietestTone / 100;
    }

    /** The power of {@code x[at, at + n)} at {@code cycles} per sample, on the scale of the mean square times n. */
    private static double goertzel(float[] x, int at, int n, double cycles) {
        double w = 2 * Math.cos(2 * Math.PI * cycles);
        double s1 = 0;
        double s2 = 0;
        for (int i = at; i < at + n; i++) {
            double s0 = x[i] + w * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return 2 * (s1 * s1 + s2 * s2 - w * s1 * s2) / n;
    }

    /** A raised-cosine fade in after a prompt and out before one, within the run [from, to). */
    private static double fadeGain(int i, int from, int to, int fade, boolean fadeIn, boolean fadeOut) {
        double g = 1;
        if (fadeIn && i - from < fade) {
            g *= 0.5 - 0.5 * Math.cos(Math.PI * (i - from) / fade);
        }
        if (fadeOut && to - 1 - i < fade) {
            g *= 0.5 - 0.5 * Math.cos(Math.PI * (to - 1 - i) / fade);
        }
        return g;
    }
}
