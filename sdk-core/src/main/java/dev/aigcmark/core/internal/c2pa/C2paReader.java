package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.Formats;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The C2PA view of one file, for callers who want the specification's forms rather than a
 * {@code VerificationReport}: every manifest store of the file (embedded, sidecar, remote) validated, and the
 * crJSON report ({@code aigc verify --format crjson} prints the same). Thread-safe.
 */
public final class C2paReader {
    private final SdkContext context;

    public C2paReader(SdkContext context) {
        this.context = context;
    }

    /**
     * Validates every manifest store of {@code file}; an empty list when it has none.
     *
     * @throws UnreadableInputException when the file cannot be read at all (missing, unsupported format)
     */
    public List<C2paValidation> read(Path file) throws IOException {
        try (MediaInput in = MediaInput.of(file)) {
            FormatHandler handler = Formats.detect(context, in)
                    .orElseThrow(() -> new UnreadableInputException(file + ": unsupported or unrecognised format"));
            Container container = handler.scan(in, context)
                    .withCarriers(Sidecar.find(file, context.limits()).stream().toList());
            return C2paCodec.validations(container, context);
        }
    }

    /** The crJSON report of {@code file}: its manifests (active first), each with its validation results. */
    public ObjectNode crJson(Path file) throws IOException {
        return CrJsonWriter.write(read(file));
    }
}
