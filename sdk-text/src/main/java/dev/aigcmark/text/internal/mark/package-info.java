/**
 * Marks that live in the text itself: the C2PA text wrapper ({@link dev.aigcmark.text.internal.mark.TextWrapper}), our
 * short invisible payload repeated after sentence ends ({@link dev.aigcmark.text.internal.mark.TextMarks}, scheme
 * {@code aigcmark.text.v1}), explicit-label detection ({@link dev.aigcmark.text.internal.mark.ExplicitLabelDetector}),
 * and the codecs that report them ({@link dev.aigcmark.text.internal.mark.TextMarkCodec},
 * {@link dev.aigcmark.text.internal.mark.ExplicitTextLabelCodec}).
 */
package dev.aigcmark.text.internal.mark;
