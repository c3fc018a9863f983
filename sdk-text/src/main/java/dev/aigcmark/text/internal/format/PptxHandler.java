package dev.aigcmark.text.internal.format;

import dev.aigcmark.text.internal.OoxmlHandler;

import java.util.List;

/** PowerPoint packages: the label as the {@code AIGC} custom property (see {@link OoxmlHandler}). */
public final class PptxHandler extends OoxmlHandler {

    @Override
    public String id() {
        return "pptx";
    }

    @Override
    public String mediaType() {
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    }

    @Override
    public List<String> extensions() {
        return List.of("pptx", "pptm", "potx");
    }

    @Override
    protected String mainPart() {
        return "ppt/presentation.xml";
    }
}
