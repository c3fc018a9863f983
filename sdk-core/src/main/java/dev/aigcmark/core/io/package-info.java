/**
 * Input and its bounds: {@link dev.aigcmark.core.io.MediaInput} (a file or bytes read under the file's budget),
 * {@link dev.aigcmark.core.io.FileBudget} (deadline, bytes, pixels, boxes, nodes) and the exceptions that mean
 * "cannot read at all" or "cannot write"; everything short of that is a status in the report.
 */
package dev.aigcmark.core.io;
