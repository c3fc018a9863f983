package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.Marker;

import dev.aigcmark.core.internal.securitydata.LabelBinding;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;

import java.io.IOException;
import java.util.Optional;

/**
 * The binding a signed label carries to the content it was made for (docs/label-binding.md). {@link Marker}
 * uses it for producers and propagators; code that signs labels itself does the same:
 * <pre>{@code
 * Container scanned = handler.scan(input, context);           // the file as it will be published
 * LabelBinding binding = LabelBindings.of(scanned, null);
 * String reservedCode2 = SecurityData.signPropagator(label, binding, signer);   // or signProducer
 * }</pre>
 * Only metadata may change after that (the label itself, XMP, C2PA): any change of the content breaks the binding.
 */
public final class LabelBindings {
    private LabelBindings() {
    }

    /**
     * The binding for a label made for the content of {@code scanned}: its format, its content digest when the
     * format has one, and the watermark payload the producer embedded in it ({@code null} for none, and always for
     * a propagator).
     *
     * @throws IOException when the content cannot be digested (then it should not be labelled as it is)
     */
    public static LabelBinding of(Container scanned, byte[] watermarkPayload) throws IOException {
        return new LabelBinding(scanned.handler().id(), digest(scanned).orElse(null), watermarkPayload);
    }

    /** The content digest of {@code scanned}, if its handler has one ({@link ContentDigester}). */
    public static Optional<ContentDigest> digest(Container scanned) throws IOException {
        return scanned.handler() instanceof ContentDigester d ? Optional.of(d.contentDigest(scanned)) : Optional.empty();
    }
}
