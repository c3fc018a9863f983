package dev.aigcmark.core.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The local trust registry of a home folder: {@code <home>/trust-registry.json}. Absent means nothing is trusted
 * yet (an empty registry), never an error. Saving replaces the file atomically.
 */
public final class TrustStore {

    public static final String FILE_NAME = "trust-registry.json";

    private TrustStore() {
    }

    /** What importing one entry did. */
    public enum ImportOutcome {
        /** A platform not known before. */
        ADDED,
        /** A known platform's new entry that adds no key, or is signed by one of its known keys (rotation). */
        UPDATED,
        /** A known platform's name or code with other keys, taken because the caller said to replace. */
        REPLACED
    }

    public record Imported(RegistryEntry entry, ImportOutcome outcome) {
    }

    /**
     * An entry that claims a known platform's id, name or provider code with keys that platform never held
     * and no signature by any of its keys: a forgery, or a real re-keying the operator must confirm.
     */
    public static final class ConflictException extends IOException {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    public static Path file(Path home) {
        return home.resolve(FILE_NAME);
    }

    public static TrustRegistry load(Path home) throws IOException {
        Path file = file(home);
        return Files.exists(file) ? TrustRegistryJson.read(file) : TrustRegistry.empty();
    }

    public static void save(Path home, TrustRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrustRegistryJson.write(registry, out);
        StoreFiles.createOwnerOnlyDirectories(home);
        StoreFiles.writeOwnerOnly(file(home), out.toByteArray());
    }

    /**
     * Mutual recognition: adds every platform of {@code incoming} — typically another platform's exported
     * entry — to the local registry and saves it, refusing conflicts (see {@link #importEntries}).
     */
    public static TrustRegistry importPlatforms(Path home, TrustRegistry incoming) throws IOException {
        List<RegistryEntry> entries = incoming.platforms().stream().map(p -> new RegistryEntry(p, List.of(), "")).toList();
        importEntries(home, entries, List.of(), false);
        return load(home);
    }

    /**
     * Adds the entries to the local registry. An entry that reuses the id, name or a provider code of a platform
     * already known (in the registry, or in {@code alsoKnown}, e.g. this platform's own entry) with different
     * keys is refused with a {@link ConflictException} unless it adds no key the known entry lacks, or is signed
     * by one of the known entry's unrevoked keys (a rotation: the old key vouches for the new), or {@code replace}
     * is true. Listing someone's public keys or certificates proves nothing (they are public); only a signature does. Nothing is saved when one is refused.
     */
    public static List<Imported> importEntries(Path home, List<RegistryEntry> entries, List<TrustedPlatform> alsoKnown,
                                               boolean replace) throws IOException {
        TrustRegistry registry = load(home);
        List<Imported> done = new ArrayList<>();
        for (RegistryEntry e : entries) {
            List<TrustedPlatform> known = new ArrayList<>(registry.platforms());
            alsoKnown.stream().filter(p -> known.stream().noneMatch(k -> k.id().equals(p.id()))).forEach(known::add);
            Optional<TrustedPlatform> clash = known.stream().filter(k -> claimsSame(k, e.platform())).findFirst();
            ImportOutcome outcome = ImportOutcome.ADDED;
            if (clash.isPresent()) {
                TrustedPlatform k = clash.get();
                if (addsNoKey(k, e.platform()) || signedByKnownKey(k, e)) {
                    outcome = ImportOutcome.UPDATED;
                } else if (replace) {
                    outcome = ImportOutcome.REPLACED;
                } else {
                    throw new ConflictException("refused: the entry '" + e.platform().id() + "' (" + e.platform().displayName()
                            + ") claims the " + sameWhat(k, e.platform()) + " of the known platform '" + k.id()
                            + "' with other keys, and is not signed by any key of it. If the platform really "
                            + "changed its keys, check the fingerprint " + e.fingerprint() + " with it and import again "
                            + "with --replace");
                }
                if (!k.id().equals(e.platform().id()) || outcome == ImportOutcome.REPLACED) {
                    registry = without(registry, k.id());
                }
            }
            registry = registry.with(e.platform());
            done.add(new Imported(e, outcome));
        }
        save(home, registry);
        return done;
    }

    private static TrustRegistry without(TrustRegistry registry, String id) {
        return new TrustRegistry(registry.platforms().stream().filter(p -> !p.id().equals(id)).toList());
    }

    private static boolean claimsSame(TrustedPlatform known, TrustedPlatform incoming) {
        return !sameWhat(known, incoming).isEmpty();
    }

    private static String sameWhat(TrustedPlatform known, TrustedPlatform incoming) {
        List<String> same = new ArrayList<>();
        if (known.id().equals(incoming.id())) {
            same.add("id");
        }
        if (normalise(known.displayName()).equals(normalise(incoming.displayName()))) {
            same.add("name");
        }
        if (incoming.providerCodes().stream().anyMatch(known.providerCodes()::contains)) {
            same.add("provider code");
        }
        return String.join(" and ", same);
    }

    private static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the incoming entry adds no key the known one lacks and revokes none it did not (a re-import, or renewed
     * certificates of the same keys): such an entry grants nothing new, so it needs no signature.
     */
    private static boolean addsNoKey(TrustedPlatform known, TrustedPlatform incoming) {
        return incoming.revokedKeys().stream().allMatch(r -> known.revocationOf(r.key()).isPresent())
                && incoming.signingKeys().stream().allMatch(known::signsWith)
                && incoming.certificates().stream().allMatch(c -> known.signsWith(c.getPublicKey())
                || known.certificates().contains(c));
    }

    private static boolean signedByKnownKey(TrustedPlatform known, RegistryEntry e) {
        return e.signedBy().stream().anyMatch(k -> known.signsWith(k) && known.revocationOf(k).isEmpty());
    }
}
