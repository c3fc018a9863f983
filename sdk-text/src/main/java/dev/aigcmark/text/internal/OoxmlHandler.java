package dev.aigcmark.text.internal;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What DOCX, PPTX and XLSX share: an OOXML zip package whose GB 45438 label is the custom property
 * {@code AIGC} (bare JSON, {@code vt:lpwstr}) in {@code docProps/custom.xml}, registered in
 * {@code [Content_Types].xml} and {@code _rels/.rels}. Every other part is copied byte for byte.
 * A subclass names its main part and may add content (text, explicit labels) to the scan.
 */
public abstract class OoxmlHandler implements FormatHandler, LabelWriter, ContentDigester {
    static final String CONTENT_TYPES = "[Content_Types].xml";
    static final String ROOT_RELS = "_rels/.rels";

    /** The part that makes the package this format, e.g. {@code word/document.xml}. */
    protected abstract String mainPart();

    @Override
    public int sniffLength() {
        return 4096;
    }

    /** Zip magic, and the format's extension or its main part's folder among the first entries. */
    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("docProps/custom.xml property AIGC (vt:lpwstr)"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        if (!ZipPackage.hasZipMagic(head, length)) {
            return false;
        }
        if (TextDocuments.hasExtension(fileName, extensions())) {
            return true;
        }
        String ascii = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        return ascii.contains(CONTENT_TYPES) && ascii.contains(mainPart().substring(0, mainPart().indexOf('/') + 1));
    }

    /** Opens the package and checks it is this format. */
    protected ZipPackage open(MediaInput input, SdkContext context) throws IOException {
        ZipPackage zip = ZipPackage.read(input.readAll(context.limits().maxInMemoryBytes()), input.name(), context.limits());
        for (String required : List.of(CONTENT_TYPES, mainPart())) {
            if (zip.entry(required).isEmpty()) {
                throw new UnreadableInputException(input.name() + " is a zip file but not a " + id().toUpperCase(Locale.ROOT)
                        + " package: it has no " + required);
            }
        }
        return zip;
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        ZipPackage zip = open(input, context);
        Container.Builder container = Container.builder(this, input);
        int max = context.limits().maxMetadataBytes();
        String part = zip.entry(ROOT_RELS).isPresent() ? OoxmlParts.customPart(zip.read(ROOT_RELS, max)) : OoxmlParts.CUSTOM_PART;
        if (zip.entry(part).isPresent()) {
            ZipPackage.Entry e = zip.entry(part).get();
            for (String value : OoxmlParts.aigcValues(zip.read(part, max))) {
                container.carrier(new Carrier(CarrierType.AIGC_JSON, part + " property AIGC", e.recordStart(),
                        e.recordEnd() - e.recordStart(), value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        scanContent(zip, container, context);
        Parts parts = new Parts(zip, part, context.limits().maxDecompressedBytes());
        return container.view(Parts.class, () -> parts).build();
    }

    /** The package the scan read, the name of its custom properties part, and the decompression budget. */
    private record Parts(ZipPackage zip, String customPart, long maxBytes) {
    }

    /**
     * {@code <id>.1}: every part except the package's metadata, by name in sorted order, each name and its
     * uncompressed bytes. Left out: {@code docProps/} (core, app and custom properties, the thumbnail), the custom
     * properties part wherever the relationships put it, {@code [Content_Types].xml} and {@code _rels/.rels}
     * (which gain an entry when a label is first written). Zip layout, compression and entry order do not count.
     */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        Parts p = scanned.view(Parts.class).orElseThrow(() ->
                new IllegalArgumentException("not a container scanned by an OOXML handler"));
        ContentDigest.Builder d = ContentDigest.builder(id() + ".1");
        long total = 0;
        for (String name : new TreeSet<>(p.zip().names())) {
            if (name.startsWith("docProps/") || name.equals(p.customPart()) || name.equals(CONTENT_TYPES)
                    || name.equals(ROOT_RELS) || name.endsWith("/")) {
                continue;
            }
            long size = p.zip().entry(name).orElseThrow().size();
            total += size;
            if (total > p.maxBytes()) {
                throw new UnreadableInputException("the package's parts add up to more than " + p.maxBytes() + " bytes");
            }
            d.part("name", name).part("data", p.zip().read(name, (int) Math.min(Integer.MAX_VALUE - 16, p.maxBytes())));
        }
        return d.build();
    }

    /** Adds what the content itself carries (text view, explicit labels); nothing by default. */
    protected void scanContent(ZipPackage zip, Container.Builder container, SdkContext context) throws IOException {
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        ZipPackage zip = open(input, context);
        int max = context.limits().maxMetadataBytes();
        Map<String, byte[]> changes = new LinkedHashMap<>();
        byte[] rels = zip.entry(ROOT_RELS).isPresent() ? zip.read(ROOT_RELS, max) : OoxmlParts.emptyRelationships();
        String part = OoxmlParts.customPart(rels);
        byte[] existing = zip.entry(part).isPresent() ? zip.read(part, max) : null;
        changes.put(part, OoxmlParts.withAigc(existing, LabelJson.toBareJson(edit.label())));
        byte[] types = zip.read(CONTENT_TYPES, max);
        byte[] newTypes = OoxmlParts.withOverride(types, part, OoxmlParts.CUSTOM_TYPE);
        if (newTypes != types) {
            changes.put(CONTENT_TYPES, newTypes);
        }
        byte[] newRels = OoxmlParts.withRelationship(rels, OoxmlParts.CUSTOM_REL, part);
        if (newRels != rels || zip.entry(ROOT_RELS).isEmpty()) {
            changes.put(ROOT_RELS, newRels);
        }
        zip.write(changes, output);
    }
}
