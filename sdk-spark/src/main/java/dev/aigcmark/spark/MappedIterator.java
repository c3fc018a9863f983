package dev.aigcmark.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A task's results, computed one at a time as Spark pulls them: a partition of any size never holds more than the
 * current file's result.
 */
final class MappedIterator<T, R> implements Iterator<R> {

    /** One input to one result; throwing fails the task (Spark retries it). */
    interface Step<T, R> {
        R apply(T item) throws IOException;
    }

    private final Iterator<T> input;
    private final Step<T, R> step;

    MappedIterator(Iterator<T> input, Step<T, R> step) {
        this.input = input;
        this.step = step;
    }

    @Override
    public boolean hasNext() {
        return input.hasNext();
    }

    @Override
    public R next() {
        try {
            return step.apply(input.next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
