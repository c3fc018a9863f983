package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PdfFilterBounds} wraps PDFBox's filters by reflection into {@code FilterFactory.filters} (PDFBox has no hook):
 * a PDFBox upgrade that breaks it fails here, and at run time every PDF is refused with a clear reason instead of
 * PDFBox decoding load-time streams without a limit.
 */
class PdfFilterBoundsInstallTest {
    /** Every filter name of the PDF specification (and PDFBox's abbreviations). */
    private static final List<COSName> NAMES = List.of(COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION,
            COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION, COSName.ASCII85_DECODE,
            COSName.ASCII85_DECODE_ABBREVIATION, COSName.ASCII_HEX_DECODE, COSName.ASCII_HEX_DECODE_ABBREVIATION,
            COSName.RUN_LENGTH_DECODE, COSName.RUN_LENGTH_DECODE_ABBREVIATION, COSName.CCITTFAX_DECODE,
            COSName.CCITTFAX_DECODE_ABBREVIATION, COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CRYPT);

    @Test
    void everyFilterPdfBoxHandsOutIsBounded() throws Exception {
        assertThat(PdfFilterBounds.unbounded()).as("why PDFBox's filters are not bounded").isNull();
        assertThat(PdfFilterBounds.installed()).isTrue();
        for (COSName name : NAMES) {
            assertThat(FilterFactory.INSTANCE.getFilter(name).getClass().getNestHost()).as(name.getName())
                    .isEqualTo(PdfFilterBounds.class);
        }
        PdfFilterBounds.refuseIfUnbounded(PdfFilterBounds.unbounded()); // nothing refused
    }

    /** A PDFBox without the field (renamed, or its package closed to us): the reason names it, and PDFs are refused. */
    @Test
    void aFactoryWithoutTheFieldIsReportedAndPdfsAreRefused() {
        Object factory = new Object();
        String why = PdfFilterBounds.install(factory, "filters", name -> null);
        assertThat(why).contains("filters").contains("NoSuchFieldException");
        assertThatThrownBy(() -> PdfFilterBounds.refuseIfUnbounded(why)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("PDFs are not read in this runtime").hasMessageContaining(why)
                .hasMessageContaining("without a limit");
    }

    /** Where the wrapping failed, loading a PDF is refused before any of its work runs (not decoded unbounded). */
    @Test
    void aDocumentIsRefusedBeforeItsWorkRunsWhenTheFiltersAreUnbounded() throws Exception {
        boolean[] ran = {false};
        assertThatThrownBy(() -> PdfFilterBounds.counting("FilterFactory.filters: gone", FileBudget.forVerify(dev.aigcmark.core.ReadLimits.defaults(), 100),
                1 << 20, () -> ran[0] = true)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("PDFs are not read in this runtime").hasMessageContaining("FilterFactory.filters: gone");
        assertThat(ran[0]).as("the document's work ran").isFalse();
        assertThat(PdfFilterBounds.counting(null, FileBudget.forVerify(dev.aigcmark.core.ReadLimits.defaults(), 100), 1 << 20, () -> ran[0] = true)).isTrue();
        assertThat(ran[0]).isTrue();
    }

    /** A PDFBox that still has the map but no longer hands out its filters from it: wrapping it bounds nothing. */
    @Test
    void aFactoryThatNoLongerReadsItsMapIsReported() {
        Filter own = new Plain();
        Factory factory = new Factory(own);
        String why = PdfFilterBounds.install(factory, "filters", name -> own);
        assertThat(why).contains("does not hand out the filters of its field filters").contains("FlateDecode");

        Factory reading = new Factory(new Plain());
        assertThat(PdfFilterBounds.install(reading, "filters", name -> reading.filters.get(name))).isNull();
        assertThat(reading.filters.get(COSName.FLATE_DECODE).getClass().getNestHost()).isEqualTo(PdfFilterBounds.class);
    }

    /** A filter factory shaped as PDFBox 3.0.8's. */
    private static final class Factory {
        private final Map<COSName, Filter> filters = new HashMap<>();

        Factory(Filter flate) {
            filters.put(COSName.FLATE_DECODE, flate);
        }
    }

    private static final class Plain extends Filter {
        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index) {
            return DecodeResult.createDefault();
        }

        @Override
        protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters) {
        }
    }
}
