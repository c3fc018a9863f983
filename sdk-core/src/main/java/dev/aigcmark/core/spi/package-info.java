/**
 * The one service-provider interface of the SDK: a container format is one {@link dev.aigcmark.core.spi.FormatHandler}
 * (with its {@link dev.aigcmark.core.spi.LabelWriter}, {@link dev.aigcmark.core.spi.ContentMarker} and
 * {@link dev.aigcmark.core.spi.C2paEmbedding} where it writes), and a mark scheme is one
 * {@link dev.aigcmark.core.spi.MarkCodec}; modules provide them through {@link java.util.ServiceLoader}.
 */
package dev.aigcmark.core.spi;
