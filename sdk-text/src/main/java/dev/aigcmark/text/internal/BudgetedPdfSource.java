package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.FileBudget;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

import java.io.IOException;

/**
 * A PDF in memory as PDFBox reads it, every read counted against the file's {@link FileBudget}. PDFBox parses
 * and decompresses through these reads (its views read through this source too), so each one is a checkpoint:
 * a document whose objects or content streams would keep PDFBox busy for minutes ends at the file's deadline.
 */
final class BudgetedPdfSource implements RandomAccessRead {
    private final byte[] bytes;
    private final FileBudget budget;
    private long position;
    private boolean closed;

    BudgetedPdfSource(byte[] bytes, FileBudget budget) {
        this.bytes = bytes;
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        if (position >= bytes.length) {
            return -1;
        }
        budget.read(1);
        return bytes[(int) position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - position);
        System.arraycopy(bytes, (int) position, b, off, n);
        position += n;
        budget.read(n);
        return n;
    }

    @Override
    public long getPosition() {
        return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IOException("seek to " + newPosition);
        }
        position = Math.min(newPosition, bytes.length);
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isEOF() {
        return position >= bytes.length;
    }

    @Override
    public RandomAccessReadView createView(long startPosition, long streamLength) {
        return new RandomAccessReadView(this, startPosition, streamLength);
    }

    @Override
    public void close() {
        closed = true;
    }
}
