package dev.aigcmark.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The files {@code aigc verify} works through, produced lazily so a batch of a million files never holds a
 * million paths: arguments in the order given, folders walked depth-first with each folder's entries sorted by
 * name (the same order on every run, and only one folder's listing in memory per level), and file lists read
 * line by line ({@code --files-from FILE}, or {@code -} for standard input). Symbolic links inside folders are
 * not followed. A path that does not exist is kept: verifying it yields an "unreadable" report, not a crash.
 */
final class InputFiles {

    private InputFiles() {
    }

    /** All the files of {@code arguments}, eagerly (for small batches and tests). */
    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        iterate(arguments, null).forEachRemaining(files::add);
        return files;
    }

    /**
     * The files, lazily. An argument {@code -} reads a list of paths from {@code stdin}; so does a {@code listFile}
     * of {@code -}; another {@code listFile} is read from that file. Lists are one path per line; blank lines are
     * skipped.
     */
    static Iterator<Path> iterate(List<Path> arguments, Path listFile, InputStream stdin) {
        List<Iterator<Path>> sources = new ArrayList<>();
        for (Path arg : arguments) {
            if (arg.toString().equals("-")) {
                sources.add(lines(stdin, "standard input"));
            } else if (Files.isDirectory(arg)) {
                sources.add(new SortedWalk(arg));
            } else {
                sources.add(List.of(arg).iterator());
            }
        }
        if (listFile != null) {
            if (listFile.toString().equals("-")) {
                sources.add(lines(stdin, "standard input"));
            } else {
                try {
                    sources.add(lines(Files.newInputStream(listFile), listFile.toString()));
                } catch (IOException e) {
                    throw CliException.unreadable("--files-from " + listFile + ": " + e.getMessage(), e);
                }
            }
        }
        return concat(sources);
    }

    static Iterator<Path> iterate(List<Path> arguments, Path listFile) {
        return iterate(arguments, listFile, System.in);
    }

    private static Iterator<Path> lines(InputStream in, String source) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new Iterator<>() {
            private String next = advance();

            private String advance() {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            return line.strip();
                        }
                    }
                    reader.close();
                    return null;
                } catch (IOException e) {
                    throw CliException.unreadable("cannot read the file list from " + source + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Path next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Path p = Path.of(next);
                next = advance();
                return p;
            }
        };
    }

    private static Iterator<Path> concat(List<Iterator<Path>> sources) {
        Iterator<Iterator<Path>> outer = sources.iterator();
        return new Iterator<>() {
            private Iterator<Path> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && outer.hasNext()) {
                    current = outer.next();
                }
                return current.hasNext();
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Depth-first, entries of each folder sorted by name; regular files only, links not followed. */
    private static final class SortedWalk implements Iterator<Path> {
        private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
        private Path next;

        SortedWalk(Path root) {
            stack.push(sortedChildren(root));
            next = advance();
        }

        private Path advance() {
            while (!stack.isEmpty()) {
                Iterator<Path> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    continue;
                }
                Path p = top.next();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    stack.push(sortedChildren(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    return p;
                }
            }
            return null;
        }

        private static Iterator<Path> sortedChildren(Path dir) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(children::add);
            } catch (IOException | UncheckedIOException e) {
                throw CliException.unreadable("cannot list folder " + dir + ": " + e.getMessage(), e);
            }
            Collections.sort(children);
            return children.iterator();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Path next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Path p = next;
            next = advance();
            return p;
        }
    }
}
