package dev.aigcmark.server;

/** What one route does. Throws {@link ApiException} for answers other than success; nothing else is expected. */
@FunctionalInterface
interface Endpoint {
    void handle(Exchange exchange) throws Exception;
}
