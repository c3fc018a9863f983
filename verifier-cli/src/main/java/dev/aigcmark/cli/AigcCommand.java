package dev.aigcmark.cli;

/** Placeholder entry point; replaced by the picocli command. */
public final class AigcCommand {
    public static void main(String[] args) { }
}
