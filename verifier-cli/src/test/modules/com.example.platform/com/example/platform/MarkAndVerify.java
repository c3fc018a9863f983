package com.example.platform;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.PlatformKeys;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.video.VideoOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Marks each file named on the command line (in the folder given first) as platform A, with a C2PA manifest, then
 * verifies the marked copy trusting A, and prints one line per file: name, format, state, label, marks found. Then
 * what shows the SDK ran as modules: the module of the SDK's classes, the handlers the service loader found, that
 * an internal class cannot be used, and one report as JSON (Jackson inside the module graph).
 */
public final class MarkAndVerify {
    private MarkAndVerify() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path home = dir.resolve("platform-a");
        PlatformIdentity a = PlatformKeys.create(home, new PlatformKeys.Setup("Platform A",
                "001191110102MACQD9K64010000", SignatureAlgorithm.SM2_SM3, false), Clock.systemUTC());
        Marker marker = new Marker(SdkContext.builder().identity(a).build());
        TrustRegistry trustsA = TrustRegistry.empty().with(PlatformKeys.entry(home, Map.of()));
        SdkContext trusting = SdkContext.builder().trust(trustsA).build();
        Verifier verifier = new Verifier(trusting);
        VerificationReport first = null;
        for (int i = 1; i < args.length; i++) {
            Path marked = dir.resolve("marked-" + args[i]);
            MarkResult result = marker.mark(dir.resolve(args[i]), marked, MarkIntent.builder().c2pa(true).build());
            System.out.println("steps " + args[i] + " " + result.steps().stream().map(MarkStep::sentence)
                    .collect(Collectors.joining(" | ")));
            VerificationReport report = verifier.verify(marked);
            first = first == null ? report : first;
            System.out.println("file " + args[i] + " " + report.format() + " " + report.state() + " "
                    + report.effectiveLabel().map(Object::toString).orElse("-") + " "
                    + report.marks().stream().map(f -> f.mark().kind()).sorted().distinct()
                    .collect(Collectors.joining(",")));
        }
        Module core = Marker.class.getModule();
        System.out.println("module " + core.getName() + " named=" + core.isNamed()
                + " video=" + VideoOptions.class.getModule().getName());
        System.out.println("handlers " + trusting.handlers().stream()
                .map(h -> h.getClass().getModule().getName() + "/" + h.id()).sorted().collect(Collectors.joining(" ")));
        System.out.println("internal " + internalUse());
        System.out.println("json " + ReportJson.toJsonLine(ReportJson.toMap(first)));
    }

    /** A handler class is there (the service loader made one) but not exported: using it must be refused. */
    private static String internalUse() {
        try {
            FormatHandler jpeg = (FormatHandler) Class.forName("dev.aigcmark.image.internal.format.JpegHandler")
                    .getConstructor().newInstance();
            return "allowed " + jpeg.id();
        } catch (IllegalAccessException e) {
            return "refused";
        } catch (ReflectiveOperationException e) {
            return "missing " + e;
        }
    }
}
