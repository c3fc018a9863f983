package dev.aigcmark.cli;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkOptions;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.report.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aigc mark}: writes a marked copy of one file. The input is never touched unless {@code --in-place}
 * says so; the Marker writes a temporary file next to the output and moves it into place when complete.
 */
@Command(name = "mark", mixinStandardHelpOptions = true,
        description = {"Marks a file as AI-generated: signed GB 45438 label, visible label, watermark, C2PA.",
                "Writes OUT (never the input, unless --in-place)."})
final class MarkCommand implements Callable<Integer>, OptionGroup.Carrier {

    @Spec
    CommandSpec spec;

    final HomeOption home = new HomeOption();

    @Mixin
    SigningOptions signing;

    final LimitOptions limitOptions = new LimitOptions();

    final VideoCodecOption codec = new VideoCodecOption();

    @Mixin
    VideoEncoderOptions encoder;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to mark.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Where to write the marked file.")
    Path output;

    @Option(names = "--in-place", description = "Replace IN itself (atomically: temporary file, then move).")
    boolean inPlace;

    @Option(names = "--label", paramLabel = "1|2|3", converter = LabelValueConverter.class,
            description = "Label value: 1 AI-generated (default), 2 possibly, 3 suspected AI-generated.")
    LabelValue label = LabelValue.AI_GENERATED;

    @Option(names = "--producer", paramLabel = "CODE",
            description = "27-character provider code to write (default: the identity's).")
    String producer;

    @Option(names = "--produce-id", paramLabel = "ID", description = "ProduceID (default: a new random id).")
    String produceId;

    @ArgGroup(exclusive = true)
    Explicit explicit = new Explicit();

    static final class Explicit {
        @Option(names = "--explicit", paramLabel = "TEXT",
                description = "Visible label wording (default: AI生成); needs AI/人工智能 and 生成/合成.")
        String text;

        @Option(names = "--no-explicit", description = "No visible label.")
        boolean none;
    }

    @Option(names = "--placement", paramLabel = "WHERE",
            description = "Where the visible label goes: start, end, both (text); bottom-right... (images, video); "
                    + "start, middle, end, both or a comma list (the audio prompt).")
    String placement;

    @Option(names = "--watermark", negatable = true,
            description = "Embed the invisible watermark where the format supports it (default: on; off with "
                    + "--as-propagator, where it links to the PropagateID).")
    Boolean watermark;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name shown in the visible label.")
    String model;

    @Option(names = "--filing", paramLabel = "NUMBER", description = "Filing (备案) number shown in the visible label.")
    String filing;

    @Option(names = "--c2pa", description = "Also embed a signed C2PA manifest.")
    boolean c2pa;

    @Option(names = "--as-propagator",
            description = "Mark as the platform spreading the content: keep the producer's fields and signature, "
                    + "write ContentPropagator, PropagateID and ReservedCode2.")
    boolean asPropagator;

    @Option(names = "--propagate-id", paramLabel = "ID", description = "PropagateID (with --as-propagator).")
    String propagateId;

    @Option(names = "--digital-source-type", paramLabel = "URI",
            description = "IPTC digital source type written beside the label (default: trainedAlgorithmicMedia).")
    String digitalSourceType;

    @Option(names = "--relabel",
            description = "Replace a label another producer wrote (only when you are entitled to: removing "
                    + "labels is forbidden otherwise).")
    boolean relabel;

    @Override
    public List<OptionGroup> optionGroups() {
        return List.of(home, limitOptions, codec);
    }

    @Override
    public Integer call() throws IOException {
        Path target = checkedTarget();
        MarkIntent intent = intent();
        if (!Files.isRegularFile(input)) {
            throw CliException.unreadable(input + (Files.exists(input) ? ": not a regular file" : ": no such file"), null);
        }
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = new Workspace(home.resolve(), err);
        SdkContext context = codec.apply(SdkContext.builder().identity(signing.identity(workspace, producer))
                .limits(limitOptions.apply(ReadLimits.defaults(), true)).build(), encoder.choice(), new VideoProgress(err));
        MarkResult result;
        try {
            result = new Marker(context).mark(input, target, intent);
        } catch (UnreadableInputException e) {
            throw CliException.unreadable(e.getMessage(), e);
        } catch (MarkRefusedException e) {
            // The Marker refuses what it must not do (relabelling another producer's content, a provider code
            // that does not validate): the user's call, not a bug. Anything else escapes as an internal error.
            throw new CliException(ExitCodes.FAILED, "not marked: " + e.getMessage(), e);
        }
        print(spec.commandLine().getOut(), target, result);
        return ExitCodes.VALID;
    }

    /** OUT, checked: given exactly once, and never the input unless --in-place. */
    private Path checkedTarget() throws IOException {
        if (inPlace && output != null) {
            throw CliException.usage("give either -o OUT or --in-place, not both");
        }
        if (inPlace) {
            return input;
        }
        if (output == null) {
            throw CliException.usage("missing -o OUT (or --in-place to replace " + input + ")");
        }
        if (Files.isDirectory(output)) {
            throw CliException.usage("OUT " + output + " is a folder; give the file name to write");
        }
        boolean same = input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())
                || (Files.exists(input) && Files.exists(output) && Files.isSameFile(input, output));
        if (same) {
            throw new CliException(ExitCodes.OUTPUT, "not writing " + output
                    + ": it is the input file (use --in-place to replace it)");
        }
        return output;
    }

    /** The options as an intent, by the rules the service applies too ({@link MarkOptions}). */
    private MarkIntent intent() {
        try {
            return new MarkOptions(label, producer, produceId, explicit.text, explicit.none, placement, watermark, model,
                    filing, c2pa, asPropagator, propagateId, digitalSourceType, relabel).toIntent();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static void print(PrintWriter out, Path target, MarkResult result) {
        out.println("wrote " + target + " (" + result.format() + ")");
        AigcLabel l = result.label();
        out.println("  Label " + l.label() + ", ContentProducer " + l.contentProducer() + ", ProduceID " + l.produceId());
        if (!l.contentPropagator().isEmpty()) {
            out.println("  ContentPropagator " + l.contentPropagator() + ", PropagateID " + l.propagateId());
        }
        result.sentences().forEach(s -> out.println("  " + s));
    }

    /** "1", "2" or "3", as the standard writes the Label field. */
    static final class LabelValueConverter implements ITypeConverter<LabelValue> {
        @Override
        public LabelValue convert(String value) {
            return LabelValue.fromCode(value.trim()).orElseThrow(() ->
                    new TypeConversionException("'" + value + "' is not a Label value (1, 2 or 3)"));
        }
    }
}
