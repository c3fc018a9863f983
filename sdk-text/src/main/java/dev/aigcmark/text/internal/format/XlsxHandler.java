package dev.aigcmark.text.internal.format;

import dev.aigcmark.text.internal.OoxmlHandler;

import java.util.List;

/** Excel workbooks: the label as the {@code AIGC} custom property (see {@link OoxmlHandler}). */
public final class XlsxHandler extends OoxmlHandler {

    @Override
    public String id() {
        return "xlsx";
    }

    @Override
    public String mediaType() {
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }

    @Override
    public List<String> extensions() {
        return List.of("xlsx", "xlsm", "xltx");
    }

    @Override
    protected String mainPart() {
        return "xl/workbook.xml";
    }
}
