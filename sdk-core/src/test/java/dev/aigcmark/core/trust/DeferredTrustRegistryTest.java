package dev.aigcmark.core.trust;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deferred registry reads its source only when asked, once, and composes like an eager one. */
class DeferredTrustRegistryTest {

    private static TrustedPlatform platform(String id, String providerCode) {
        return new TrustedPlatform(id, id, List.of(providerCode), List.of(), List.of(), Optional.empty(), false);
    }

    @Test
    void theSourceIsReadOnlyWhenPlatformsAreAskedForAndThenOnce() {
        AtomicInteger reads = new AtomicInteger();
        TrustRegistry deferred = TrustRegistry.deferred(() -> {
            reads.incrementAndGet();
            return new TrustRegistry(List.of(platform("own", "P1")));
        });
        TrustRegistry extended = deferred.with(platform("other", "P2"));
        assertThat(reads).hasValue(0);

        assertThat(extended.findByProviderCode("P1")).map(TrustedPlatform::id).contains("own");
        assertThat(extended.findByProviderCode("P2")).map(TrustedPlatform::id).contains("other");
        assertThat(deferred.platforms()).extracting(TrustedPlatform::id).containsExactly("own");
        assertThat(reads).hasValue(1);
    }

    @Test
    void addingAfterTheDeferredPartKeepsTheEagerRuleThatTheLaterEntryWins() {
        TrustRegistry deferred = TrustRegistry.deferred(() -> new TrustRegistry(List.of(platform("same", "OLD"))));
        TrustRegistry replaced = deferred.with(platform("same", "NEW"));
        TrustRegistry eager = new TrustRegistry(List.of(platform("same", "OLD"))).with(platform("same", "NEW"));

        assertThat(replaced.platforms()).isEqualTo(eager.platforms());
        assertThat(replaced.findByProviderCode("OLD")).isEmpty();
    }

    @Test
    void aFailingSourceFailsTheCallerAndIsTriedAgainByTheNext() {
        AtomicInteger reads = new AtomicInteger();
        TrustRegistry deferred = TrustRegistry.deferred(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("identity unreadable");
            }
            return new TrustRegistry(List.of(platform("own", "P1")));
        });
        assertThatThrownBy(deferred::platforms).hasMessage("identity unreadable");
        assertThat(deferred.findById("own")).isPresent();
        assertThat(reads).hasValue(2);
    }
}
