package dev.aigcmark.video.testing;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.nio.charset.StandardCharsets;

/** The key, payload and labels the video tests mark with. */
public final class TestMarks {
    public static final String PRODUCER = "001191110102MACQD9K64010000";
    public static final WatermarkKey KEY = new WatermarkKey(0x2A17, "video-test-key-0123456789".getBytes(StandardCharsets.UTF_8));
    public static final WatermarkPayload PAYLOAD = WatermarkPayload.of(KEY, 0xC0FFEEL);

    private TestMarks() {
    }

    public static AigcLabel label(String id) {
        return AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of(id));
    }
}
