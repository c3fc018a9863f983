package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.FileBudget;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose every read counts against a file's {@link FileBudget} (bytes read, deadline). Handing a
 * third-party decoder this stream rather than the raw bytes turns each of its reads into a checkpoint, so a
 * decoder that loops or stalls on hostile input still ends at the file's deadline.
 */
public final class BudgetedInputStream extends FilterInputStream {
    private final FileBudget budget;

    public BudgetedInputStream(InputStream in, FileBudget budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        budget.read(1);
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        budget.read(Math.max(n, 1));
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        budget.checkpoint();
        return super.skip(n);
    }
}
