/**
 * Signing and keys for labels and manifests: SM2/SM3, ECDSA P-256 and Ed25519 through BouncyCastle
 * ({@link dev.aigcmark.core.crypto.Signers}, {@link dev.aigcmark.core.crypto.Keys}, PEM, certificates).
 */
package dev.aigcmark.core.crypto;
