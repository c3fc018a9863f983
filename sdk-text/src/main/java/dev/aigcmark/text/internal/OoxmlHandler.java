package dev.aigcmark.text.internal;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What DOCX, PPTX and XLSX share: an OOXML zip package whose GB 45438 label is the custom property
 * {@code AIGC} (bare JSON, {@code vt:lpwstr}) in {@code docProps/custom.xml}, registered in
 * {@code [Content_Types].xml} and {@code _rels/.rels}. Every other part is copied byte for byte.
 * A subclass names its main part and may add content (text, explicit labels) to the scan.
 */
public abstract class OoxmlHandler implements FormatHandler, LabelWriter {
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
    public java.util.List<dev.aigcmark.core.spi.LabelCarrierSpec> labelCarriers() {
        return java.util.List.of(dev.aigcmark.core.spi.LabelCarrierSpec.standard("docProps/custom.xml property AIGC (vt:lpwstr)"));
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
                throw new UnreadableInputException(input.name() + " is a zip file but not a " + id().toUpperCase(java.util.Locale.ROOT)
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
        return container.build();
    }

    /** Adds what the content itself carries (text view, explicit labels); nothing by default. */
    protected void scanContent(ZipPackage zip, Container.Builder container, SdkContext context) throws IOException {
    }

    @Override
    public void writeLabel(MediaInput input, OutputStream output, LabelEdit edit, SdkContext context) throws IOException {
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
