package dev.aigcmark.core.spi;

import java.io.IOException;

/**
 * Optional capability of a {@link FormatHandler}: a digest of a file's <em>content</em> (its essence: coded
 * pixels, samples, page content, text) that every metadata-only edit leaves unchanged and every change of the
 * content breaks. A signed GB 45438 label carries it so the label cannot be moved onto other content
 * (docs/label-binding.md lists what each format covers and why).
 *
 * <p>Computed from the structure the handler's own {@link FormatHandler#scan} walked (kept in the container,
 * e.g. as a view), never by parsing the file a second time; called only when a label's binding is checked or
 * made. Most handlers defer the hashing to that call; one whose parsed document does not outlive the scan (PDF)
 * hashes during the scan.
 */
public interface ContentDigester {

    /**
     * The content digest of {@code scanned}, a container this handler's {@code scan} returned.
     *
     * @throws IOException when the content cannot be read far enough to digest it (damaged structure, a limit)
     */
    ContentDigest contentDigest(Container scanned) throws IOException;
}
