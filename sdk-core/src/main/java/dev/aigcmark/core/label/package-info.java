/**
 * The GB 45438 implicit label as a value: {@link dev.aigcmark.core.label.AigcLabel} (the seven fields), the Label
 * value of Art. 6 ({@link dev.aigcmark.core.label.LabelValue}), provider codes, the prompt a platform displays
 * ({@link dev.aigcmark.core.label.DisplayPrompt}), the wording rules of the explicit label and the label JSON
 * serialisation every carrier shares.
 */
package dev.aigcmark.core.label;
