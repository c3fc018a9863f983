package dev.aigcmark.core.internal.c2pa.manifest;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.c2pa.C2paFormatException;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfReader;
import dev.aigcmark.core.report.StatusCodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed C2PA manifest store: the top {@code c2pa} superbox and its manifests in order; the last one is
 * the active manifest. Manifests that cannot be parsed are remembered with their problem rather than
 * dropping the whole store, so an ingredient's broken manifest does not hide the active one.
 */
public final class ManifestStore {
    private final JumbfBox root;
    private final Map<String, Manifest> manifests;
    private final Map<String, C2paFormatException> broken;
    private final String activeLabel;

    private ManifestStore(JumbfBox root, Map<String, Manifest> manifests, Map<String, C2paFormatException> broken,
                          String activeLabel) {
        this.root = root;
        this.manifests = manifests;
        this.broken = broken;
        this.activeLabel = activeLabel;
    }

    public static ManifestStore parse(byte[] store, ReadLimits limits) throws C2paFormatException {
        JumbfBox root = JumbfReader.parseStore(store, limits);
        if (!root.typeCode().equals("c2pa")) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "JUMBF store is not a C2PA store (type " + root.typeCode() + ")");
        }
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        Map<String, C2paFormatException> broken = new LinkedHashMap<>();
        String last = null;
        for (JumbfBox child : root.children()) {
            String code = child.typeCode();
            if (!child.isSuperbox() || !(code.equals("c2ma") || code.equals("c2um"))) {
                continue; // unknown boxes are skipped, not fatal
            }
            last = child.label();
            try {
                manifests.put(child.label(), Manifest.parse(child));
            } catch (C2paFormatException e) {
                broken.put(child.label(), e);
            }
        }
        if (last == null) {
            throw new C2paFormatException(StatusCodes.CLAIM_MISSING, "the C2PA store holds no manifest");
        }
        return new ManifestStore(root, manifests, broken, last);
    }

    public JumbfBox root() {
        return root;
    }

    public String activeLabel() {
        return activeLabel;
    }

    /** The active manifest, or the reason it could not be parsed. */
    public Manifest active() throws C2paFormatException {
        C2paFormatException e = broken.get(activeLabel);
        if (e != null) {
            throw e;
        }
        return manifests.get(activeLabel);
    }

    public Optional<Manifest> manifest(String label) {
        return Optional.ofNullable(manifests.get(label));
    }

    public List<Manifest> manifests() {
        return new ArrayList<>(manifests.values());
    }

    /**
     * Resolves a JUMBF URI relative to {@code from} ({@code c2pa.assertions/x}) or absolute ({@code /c2pa/m/...});
     * returns the box it names.
     */
    public Optional<JumbfBox> resolve(Manifest from, String url) {
        String path = url.startsWith(HashedUri.PREFIX) ? url.substring(HashedUri.PREFIX.length()) : url;
        JumbfBox box;
        String[] parts;
        if (path.startsWith("/")) {
            parts = path.substring(1).split("/");
            if (parts.length == 0 || !parts[0].equals(root.label())) {
                return Optional.empty();
            }
            box = root;
            parts = Arrays.copyOfRange(parts, 1, parts.length);
        } else {
            box = from.box();
            parts = path.split("/");
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            Optional<JumbfBox> next = box.child(p);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            box = next.get();
        }
        return Optional.of(box);
    }

    /** The manifest label named by an absolute URI {@code self#jumbf=/c2pa/<label>/...}, if any. */
    public static Optional<String> manifestLabel(String url) {
        String path = url.startsWith(HashedUri.PREFIX) ? url.substring(HashedUri.PREFIX.length()) : url;
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = path.substring(1).split("/");
        return parts.length >= 2 ? Optional.of(parts[1]) : Optional.empty();
    }
}
