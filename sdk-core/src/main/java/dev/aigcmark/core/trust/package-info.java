/**
 * Whom to trust: the registry of platforms ({@link dev.aigcmark.core.trust.TrustRegistry}, read and written by
 * {@link dev.aigcmark.core.trust.TrustRegistryJson}) and the one trust policy that judges every mark kind against it.
 */
package dev.aigcmark.core.trust;
