package dev.shmt.runtime.trace;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedContainersThatParse() {
        JsonWriter w = new JsonWriter(true);
        w.beginObject().member("a", "x\"y\\z\n\u0001").member("n", 3).member("f", 0.125).member("t", true)
                .name("list").beginArray().value(1.5).value("s").nullValue().beginObject().endObject().endArray()
                .name("empty").beginArray().endArray().endObject();
        JsonObject o = JsonParser.parseString(w.toString()).getAsJsonObject();
        assertThat(o.get("a").getAsString()).isEqualTo("x\"y\\z\n\u0001");
        assertThat(o.get("n").getAsInt()).isEqualTo(3);
        assertThat(o.get("f").getAsDouble()).isEqualTo(0.125);
        assertThat(o.get("t").getAsBoolean()).isTrue();
        assertThat(o.getAsJsonArray("list").size()).isEqualTo(4);
        assertThat(o.getAsJsonArray("list").get(2).isJsonNull()).isTrue();
        assertThat(o.getAsJsonArray("empty").size()).isEqualTo(0);
    }

    @Test
    void numbersKeepTheirValueAndNonFiniteBecomesNull() {
        double[] values = {0.30000000000000004, 1e-7, 123456789.123456, -2.5e-4, 1e20, 42};
        JsonWriter w = new JsonWriter(false).beginArray();
        for (double v : values) {
            w.value(v);
        }
        w.value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray();
        String json = w.toString();
        assertThat(json).startsWith("[0.3,"); // the binary noise is gone
        var a = JsonParser.parseString(json).getAsJsonArray();
        for (int i = 0; i < values.length; i++) {
            assertThat(a.get(i).getAsDouble()).isWithin(Math.abs(values[i]) * 1e-11).of(values[i]);
        }
        assertThat(a.get(6).isJsonNull()).isTrue();
        assertThat(a.get(7).isJsonNull()).isTrue();
    }

    @Test
    void unbalancedContainersAreRefused() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter(false).beginObject().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(false).endArray());
    }
}
