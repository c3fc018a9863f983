package dev.aigcmark.spark;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file on any Hadoop file system (HDFS, S3A, GCS, ABFS, local) as the SDK's random-access {@link MediaInput}:
 * nothing is loaded whole, so a multi-gigabyte video costs no more memory here than on a local disk, and the SDK's
 * own limits decide what may be held in memory.
 *
 * <p>Container parsers ask for many small ranges (a box header, a segment length), and on HDFS or an object store
 * every read is a round trip. So reads smaller than a block go through two cached blocks (the header a parser
 * keeps returning to, and where it is now): 2 x {@value #BLOCK} bytes per open file. Larger reads go straight to
 * the stream. One stream, positioned by {@code seek}: like every MediaInput this one is not thread-safe.
 */
final class HadoopMediaInput implements MediaInput {
    static final int BLOCK = 128 << 10;

    private final String name;
    private final FileSystem fs;
    private final Path path;
    private final long size;
    private final FSDataInputStream in;
    private final Block[] blocks = {new Block(), new Block()};
    private int lastUsed;

    private HadoopMediaInput(String name, FileSystem fs, Path path, long size, FSDataInputStream in) {
        this.name = name;
        this.fs = fs;
        this.path = path;
        this.size = size;
        this.in = in;
    }

    /** Opens {@code path}; a missing file or a folder is input that cannot be read, as with a local file. */
    static HadoopMediaInput open(FileSystem fs, Path path, String name) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new UnreadableInputException(name + ": no such file", e);
        }
        if (status.isDirectory()) {
            throw new UnreadableInputException(name + " is a directory");
        }
        return new HadoopMediaInput(name, fs, path, status.getLen(), fs.open(path));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size || len <= 0) {
            return 0;
        }
        int want = (int) Math.min(len, size - position);
        if (want >= BLOCK) {
            readDirect(position, dst, off, want);
            return want;
        }
        int done = 0;
        while (done < want) {
            long at = position + done;
            Block b = block(at - at % BLOCK);
            int from = (int) (at - b.start);
            int n = Math.min(want - done, b.length - from);
            System.arraycopy(b.bytes, from, dst, off + done, n);
            done += n;
        }
        return want;
    }

    /** The cached block starting at {@code start}, loading it over the least recently used one. */
    private Block block(long start) throws IOException {
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i].length > 0 && blocks[i].start == start) {
                lastUsed = i;
                return blocks[i];
            }
        }
        int victim = 1 - lastUsed;
        Block b = blocks[victim];
        if (b.bytes == null) {
            b.bytes = new byte[BLOCK];
        }
        b.length = 0;
        int n = (int) Math.min(BLOCK, size - start);
        readDirect(start, b.bytes, 0, n);
        b.start = start;
        b.length = n;
        lastUsed = victim;
        return b;
    }

    private void readDirect(long position, byte[] dst, int off, int len) throws IOException {
        in.seek(position);
        int done = 0;
        while (done < len) {
            int n = in.read(dst, off + done, len - done);
            if (n < 0) {
                // The file shrank after it was listed: what was read is all there is.
                throw new UnreadableInputException(name + ": ended at offset " + (position + done)
                        + " while " + size + " bytes were listed (changed while being read?)",
                        new EOFException());
            }
            done += n;
        }
    }

    @Override
    public InputStream openStream(long position) throws IOException {
        FSDataInputStream s = fs.open(path);
        try {
            s.seek(Math.min(position, size));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static final class Block {
        long start;
        int length;
        byte[] bytes;
    }
}
