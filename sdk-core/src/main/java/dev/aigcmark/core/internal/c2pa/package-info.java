/**
 * C2PA (Content Credentials) on the JVM, written for this project on BouncyCastle, JDK crypto and Jackson CBOR.
 *
 * <h2>Read side</h2>
 * {@link dev.aigcmark.core.internal.c2pa.C2paCodec} validates every JUMBF store a format handler found with
 * {@link dev.aigcmark.core.internal.c2pa.C2paValidator}: bounded JUMBF parsing ({@code jumbf}), the manifest store and
 * claims v1/v2 ({@code manifest}), COSE_Sign1 with ES256/384/512, PS256/384/512 and Ed25519, x5chain in either
 * header under label 33 or {@code "x5chain"}, RFC 3161 time-stamps ({@code cose}), the C2PA certificate
 * profile, trust anchors (explicit PEM bundles and non-development registry platforms), hashed URIs, the hard
 * bindings {@code c2pa.hash.data} and {@code c2pa.hash.bmff} v2/v3 ({@code binding}), ingredient manifests and
 * CAWG X.509 identity assertions. Status codes are the specification's, verbatim. Hashes and signatures are
 * always over the raw bytes as found.
 *
 * <h2>Agreement with the reference (c2pa-rs 0.91.3)</h2>
 * On every file of {@code shared/vectors/c2pa} our state and failure codes (active manifest and ingredient
 * deltas) equal the reference verdict. Known differences, none affecting a state or a failure: we do not
 * report {@code timeStamp.trusted}/{@code untrusted} (a TSA certificate is checked for its signature and the
 * C2PA certificate profile, as the reference does, but not against a TSA trust list), nor CAWG codes beyond
 * the X.509 signature, well-formedness and trust; and where the reference refuses a claim without
 * {@code alg} outright ("UnknownAlgorithm"), we report {@code algorithm.unsupported} and go on checking.
 * Revocation is never fetched ({@code signingCredential.ocsp.skipped}).
 *
 * <h2>Write side</h2>
 * {@link dev.aigcmark.core.internal.c2pa.C2paWriter} builds a claim v2 manifest (actions with the digital source type,
 * the hard binding, an optional soft binding for our watermark, the previous manifest kept as parent
 * ingredient), signs it through a {@link dev.aigcmark.core.internal.c2pa.CoseSigner}, and places it with the format
 * handler's {@link dev.aigcmark.core.spi.C2paEmbedding} in two same-size passes. Shapes follow the reference
 * builder where readers differ: soft-binding values as arrays of byte values, stores of even size (RIFF
 * padding), v2 time-stamps ({@code sigTst2}) over the CBOR-encoded signature.
 */
package dev.aigcmark.core.internal.c2pa;
