package dev.aigcmark.core.internal.bmff;

import java.util.HexFormat;
import java.util.Set;

/** The box types and UUIDs this package acts on; everything else is copied as opaque bytes. */
public final class BoxTypes {
    private BoxTypes() {
    }

    public static final int FTYP = FourCC.of("ftyp");
    public static final int MOOV = FourCC.of("moov");
    public static final int MDAT = FourCC.of("mdat");
    public static final int MOOF = FourCC.of("moof");
    public static final int MFRA = FourCC.of("mfra");
    public static final int TRAF = FourCC.of("traf");
    public static final int TFHD = FourCC.of("tfhd");
    public static final int TFRA = FourCC.of("tfra");
    public static final int FREE = FourCC.of("free");
    public static final int SKIP = FourCC.of("skip");
    public static final int WIDE = FourCC.of("wide");
    public static final int UUID = FourCC.of("uuid");
    public static final int TRAK = FourCC.of("trak");
    public static final int MDIA = FourCC.of("mdia");
    public static final int MINF = FourCC.of("minf");
    public static final int STBL = FourCC.of("stbl");
    public static final int STCO = FourCC.of("stco");
    public static final int CO64 = FourCC.of("co64");
    public static final int UDTA = FourCC.of("udta");
    public static final int META = FourCC.of("meta");
    public static final int HDLR = FourCC.of("hdlr");
    public static final int KEYS = FourCC.of("keys");
    public static final int ILST = FourCC.of("ilst");
    public static final int DATA = FourCC.of("data");
    public static final int MEAN = FourCC.of("mean");
    public static final int NAME = FourCC.of("name");
    public static final int FREEFORM = FourCC.of("----");
    public static final int MDTA = FourCC.of("mdta");
    public static final int XMP_ = FourCC.of("XMP_");
    public static final int AIGC = FourCC.of("AIGC");

    /** Boxes whose payload is only child boxes (walked when editing {@code moov} and reading metadata). */
    public static final Set<Integer> CONTAINERS = Set.of(MOOV, TRAK, MDIA, MINF, STBL, UDTA, ILST,
            FourCC.of("edts"), FourCC.of("dinf"), FourCC.of("mvex"), MOOF, TRAF, MFRA);

    /** XMP in ISO-BMFF (the Adobe XMP specification part 3). */
    public static final byte[] XMP_UUID = HexFormat.of().parseHex("be7acfcb97a942e89c71999491e3afac");
    /** The C2PA manifest store box. */
    public static final byte[] C2PA_UUID = HexFormat.of().parseHex("d8fec3d61b0e483c92975828877ec481");
}
