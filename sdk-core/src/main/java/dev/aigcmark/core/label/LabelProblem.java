package dev.aigcmark.core.label;

/**
 * One way a label fails GB 45438 Annex E, with a stable dotted code (for example
 * {@code gb45438.value.charset}) and a message naming the field and what is wrong.
 */
public record LabelProblem(String code, String field, String message) {

    public static final String CHARSET = "gb45438.value.charset";
    public static final String LABEL_VALUE = "gb45438.label.value";
    public static final String KEY_MISSING = "gb45438.key.missing";
    public static final String KEY_MISNAMED = "gb45438.key.misnamed";
    public static final String KEY_UNKNOWN = "gb45438.key.unknown";
    public static final String KEY_ORDER = "gb45438.key.order";
    public static final String VALUE_NOT_STRING = "gb45438.value.notString";
    public static final String JSON_MALFORMED = "gb45438.json.malformed";
    public static final String FORM_WRAPPED = "gb45438.json.wrapped";
    public static final String PROVIDER_CODE = "gb45438.providerCode.invalid";
    public static final String ID_TOO_LONG = "gb45438.id.tooLong";
    public static final String XMP_FORM = "gb45438.xmp.form";
    public static final String XMP_NAMESPACE = "gb45438.xmp.namespace";
    public static final String SCHEMA_VENDOR = dev.aigcmark.core.report.StatusCodes.LABEL_SCHEMA_VENDOR;
}
