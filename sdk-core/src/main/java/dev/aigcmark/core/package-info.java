/**
 * The SDK's entry points: {@link dev.aigcmark.core.Marker} marks a file (GB 45438 implicit label, explicit label,
 * invisible watermark, optionally C2PA), {@link dev.aigcmark.core.Verifier} reports every mark a file carries,
 * whoever made it, and {@link dev.aigcmark.core.Propagator} is the upload step of a platform (read, decide the
 * Label per Art. 6, write itself in as propagator). All three take one {@link dev.aigcmark.core.SdkContext}: the
 * platform identity, the trust registry, trust anchors and the per-file budget ({@link dev.aigcmark.core.ReadLimits}).
 *
 * <p>Example (run by {@code ApiExamplesTest}): platform A marks a picture; platform B, which trusts A's registry
 * entry, recognises it as A's and propagates it.
 * <pre>{@code
 * Path homeA = Path.of("platform-a");
 * PlatformIdentity a = PlatformKeys.create(homeA, new PlatformKeys.Setup("Platform A",
 *         "001191110102MACQD9K64010000", SignatureAlgorithm.SM2_SM3, false), Clock.systemUTC());
 * new Marker(SdkContext.builder().identity(a).build())
 *         .mark(Path.of("photo.jpg"), Path.of("photo-marked.jpg"), MarkIntent.builder().build());
 *
 * TrustRegistry trustedByB = TrustRegistry.empty().with(PlatformKeys.entry(homeA, System.getenv()));
 * VerificationReport report = new Verifier(SdkContext.builder().trust(trustedByB).build())
 *         .verify(Path.of("photo-marked.jpg"));
 * System.out.println(report.state()); // prints: TRUSTED
 * System.out.println(report.effectiveLabel().orElseThrow()); // prints: AI_GENERATED
 *
 * PlatformIdentity b = IdentityStore.loadOrCreateDevelopment(Path.of("platform-b"), Clock.systemUTC());
 * PropagationResult propagated = new Propagator(SdkContext.builder().trust(trustedByB).identity(b).build())
 *         .propagate(Path.of("photo-marked.jpg"), Path.of("photo-b.jpg"), PropagationRequest.labelOnly());
 * System.out.println(propagated.written()); // prints: true
 * System.out.println(propagated.verdict().orElseThrow().prompt().en());
 * }</pre>
 */
package dev.aigcmark.core;
