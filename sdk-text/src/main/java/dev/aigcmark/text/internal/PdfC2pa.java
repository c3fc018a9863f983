package dev.aigcmark.text.internal;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C2PA manifest stores in PDF (C2PA spec, "Embedding manifests into PDFs"): an embedded file stream of
 * subtype {@code application/c2pa}, unfiltered so its bytes sit contiguously in the file (the data-hash
 * exclusion is exactly that range), referenced by a file specification with
 * {@code /AFRelationship /C2PA_Manifest} from the catalog's {@code /AF} array.
 */
public final class PdfC2pa {
    static final COSName AF = COSName.getPDFName("AF");
    static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");
    static final COSName C2PA_MANIFEST = COSName.getPDFName("C2PA_Manifest");
    static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");

    private PdfC2pa() {
    }

    /** The stores the catalog's {@code /AF} points at, decoded, each within {@code maxBytes}. */
    public static List<byte[]> stores(PDDocument doc, int maxBytes) throws IOException {
        List<byte[]> stores = new ArrayList<>();
        for (COSDictionary spec : manifestSpecs(doc)) {
            COSDictionary ef = spec.getCOSDictionary(COSName.EF);
            COSBase f = ef == null ? null : ef.getDictionaryObject(COSName.F);
            if (f instanceof COSStream stream) {
                // decoded within the limit (PDFBox would decode the whole stream into memory first)
                stores.add(PdfStreams.decode(stream, maxBytes, "PDF C2PA manifest store"));
            }
        }
        return stores;
    }

    /** Removes every C2PA file specification from the catalog's {@code /AF}; returns whether there was one. */
    public static boolean removeAll(PDDocument doc) {
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        COSArray af = catalog.getCOSArray(AF);
        if (af == null) {
            return false;
        }
        COSArray kept = new COSArray();
        boolean removed = false;
        for (int i = 0; i < af.size(); i++) {
            if (af.getObject(i) instanceof COSDictionary spec && isManifestSpec(spec)) {
                removed = true;
            } else {
                kept.add(af.get(i));
            }
        }
        if (removed) {
            catalog.setItem(AF, kept);
        }
        return removed;
    }

    /** Adds {@code store} as an unfiltered embedded file with its C2PA file specification. */
    public static void add(PDDocument doc, byte[] store) throws IOException {
        COSStream file = doc.getDocument().createCOSStream();
        file.setItem(COSName.TYPE, EMBEDDED_FILE);
        file.setItem(COSName.SUBTYPE, COSName.getPDFName("application/c2pa"));
        try (OutputStream out = file.createRawOutputStream()) {
            out.write(store);
        }
        COSDictionary ef = new COSDictionary();
        ef.setItem(COSName.F, file);
        COSDictionary spec = new COSDictionary();
        spec.setItem(COSName.TYPE, COSName.FILESPEC);
        spec.setString(COSName.F, "manifest.c2pa");
        spec.setString(COSName.UF, "manifest.c2pa");
        spec.setString(COSName.DESC, "C2PA Manifest Store");
        spec.setItem(AF_RELATIONSHIP, C2PA_MANIFEST);
        spec.setItem(COSName.EF, ef);
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        COSArray af = catalog.getCOSArray(AF);
        COSArray updated = new COSArray();
        if (af != null) {
            for (int i = 0; i < af.size(); i++) {
                updated.add(af.get(i));
            }
        }
        updated.add(spec);
        catalog.setItem(AF, updated);
        catalog.setNeedToBeUpdated(true);
    }

    private static List<COSDictionary> manifestSpecs(PDDocument doc) {
        List<COSDictionary> specs = new ArrayList<>();
        COSArray af = doc.getDocumentCatalog().getCOSObject().getCOSArray(AF);
        if (af != null) {
            for (int i = 0; i < af.size(); i++) {
                if (af.getObject(i) instanceof COSDictionary spec && isManifestSpec(spec)) {
                    specs.add(spec);
                }
            }
        }
        return specs;
    }

    private static boolean isManifestSpec(COSDictionary spec) {
        return C2PA_MANIFEST.equals(spec.getCOSName(AF_RELATIONSHIP));
    }
}
