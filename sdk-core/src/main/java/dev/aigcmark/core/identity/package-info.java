/**
 * A platform's identity: its label, C2PA and watermark keys, development identities (never trusted) and production
 * ones made, rotated and exported by {@link dev.aigcmark.core.identity.PlatformKeys}.
 */
package dev.aigcmark.core.identity;
