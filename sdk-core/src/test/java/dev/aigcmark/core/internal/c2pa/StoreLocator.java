package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.internal.c2pa.binding.BmffHash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the C2PA store in JPEG, PNG, WebP and MP4 bytes for core tests, independently of the format
 * handlers (which live in other modules): APP11 segments, {@code caBX}, RIFF {@code C2PA}, the C2PA uuid box.
 */
final class StoreLocator {
    record Found(byte[] store, long offset, long length) {
    }

    private StoreLocator() {
    }

    static Optional<Found> find(byte[] f) {
        if (f.length > 3 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xFF) == 0xD8) {
            return jpeg(f);
        }
        if (f.length > 8 && f[1] == 'P' && f[2] == 'N' && f[3] == 'G') {
            return png(f);
        }
        if (f.length > 12 && new String(f, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")) {
            return riff(f);
        }
        return mp4(f);
    }

    private static Optional<Found> jpeg(byte[] f) {
        int pos = 2;
        ByteArrayOutputStream store = new ByteArrayOutputStream();
        long first = -1;
        long last = -1;
        while (pos + 4 <= f.length && (f[pos] & 0xFF) == 0xFF) {
            int marker = f[pos + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int len = u16(f, pos + 2);
            if (marker == 0xEB && f[pos + 4] == 'J' && f[pos + 5] == 'P') {
                int seq = (int) u32(f, pos + 8);
                int dataStart = pos + 12;
                int dataEnd = pos + 2 + len;
                if (seq == 1) {
                    if (first >= 0) {
                        break; // a second store: keep the first one
                    }
                    first = pos;
                    store.write(f, dataStart, dataEnd - dataStart);
                } else {
                    store.write(f, dataStart + 8, dataEnd - dataStart - 8); // continuation repeats LBox/TBox
                }
                last = dataEnd;
            }
            pos += 2 + len;
        }
        return first < 0 ? Optional.empty() : Optional.of(new Found(store.toByteArray(), first, last - first));
    }

    private static Optional<Found> png(byte[] f) {
        int pos = 8;
        while (pos + 12 <= f.length) {
            int len = (int) u32(f, pos);
            String type = new String(f, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("caBX")) {
                return Optional.of(new Found(Arrays.copyOfRange(f, pos + 8, pos + 8 + len), pos, len + 12L));
            }
            pos += 12 + len;
        }
        return Optional.empty();
    }

    private static Optional<Found> riff(byte[] f) {
        int pos = 12;
        while (pos + 8 <= f.length) {
            int len = (int) le32(f, pos + 4);
            String type = new String(f, pos, 4, StandardCharsets.ISO_8859_1);
            int padded = len + (len & 1);
            if (type.equals("C2PA")) {
                return Optional.of(new Found(Arrays.copyOfRange(f, pos + 8, pos + 8 + len), pos, 8L + padded));
            }
            pos += 8 + padded;
        }
        return Optional.empty();
    }

    private static Optional<Found> mp4(byte[] f) {
        int pos = 0;
        while (pos + 8 <= f.length) {
            long size = u32(f, pos);
            String type = new String(f, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8) {
                return Optional.empty();
            }
            if (type.equals("uuid") && Arrays.equals(Arrays.copyOfRange(f, pos + 8, pos + 24),
                    BmffHash.C2PA_UUID)) {
                int p = pos + 24 + 4; // version/flags
                while (f[p] != 0) {
                    p++; // purpose
                }
                p += 1 + 8; // NUL, merkle offset
                return Optional.of(new Found(Arrays.copyOfRange(f, p, pos + (int) size), pos, size));
            }
            pos += (int) size;
        }
        return Optional.empty();
    }

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
    }

    private static long u32(byte[] b, int o) {
        return ((b[o] & 0xFFL) << 24) | ((b[o + 1] & 0xFFL) << 16) | ((b[o + 2] & 0xFFL) << 8) | (b[o + 3] & 0xFFL);
    }

    private static long le32(byte[] b, int o) {
        return (b[o] & 0xFFL) | ((b[o + 1] & 0xFFL) << 8) | ((b[o + 2] & 0xFFL) << 16) | ((b[o + 3] & 0xFFL) << 24);
    }
}
