package dev.shmt.runtime.emulate;

import dev.shmt.runtime.trace.JsonWriter;
import java.util.Map;

/** Writes a {@link Profile} in the form {@link ProfileReader} reads. */
final class ProfileWriter {
    private ProfileWriter() {}

    static String write(Profile p) {
        JsonWriter w = new JsonWriter(true);
        w.beginObject().member("profile", p.name());
        if (!p.description().isEmpty()) {
            w.member("description", p.description()); // the reader takes none, not an empty one
        }
        w.name("sources").beginArray();
        p.sources().forEach(w::value);
        w.endArray();
        if (!Double.isNaN(p.platformIdleWatts())) {
            w.member("platform_idle_w", p.platformIdleWatts());
        }
        w.name("devices").beginArray();
        for (DeviceModel d : p.devices()) {
            w.beginObject().member("name", d.name()).member("kind", d.kind().name())
                    .member("precision", d.precision().name()).member("workers", (long) d.workers())
                    .member("hlop_us", d.hlopNanos() / 1e3);
            if (!Double.isNaN(d.peakGops())) {
                w.member("peak_gops", d.peakGops());
            }
            if (!Double.isNaN(d.memoryGbs())) {
                w.member("memory_gbs", d.memoryGbs());
            }
            if (d.bus() != null) {
                w.name("bus").beginObject().member("in_gbs", d.bus().inGbs()).member("out_gbs", d.bus().outGbs())
                        .member("latency_us", d.bus().latencyNanos() / 1e3).member("overlap", d.bus().overlap())
                        .member("value_bytes", (long) d.bus().valueBytes())
                        .endObject();
            }
            if (d.power() != null) {
                w.name("power").beginObject().member("idle_w", d.power().idleWatts())
                        .member("active_w", d.power().activeWatts())
                        .member("bus_pj_per_byte", d.power().busPicojoulesPerByte()).endObject();
            }
            if (d.corunSlowdown() != 1) {
                w.member("corun_slowdown", d.corunSlowdown());
            }
            if (!d.vops().isEmpty()) { // without, the VOPs' declared costs apply
                w.name("vops").beginObject();
                for (Map.Entry<String, VopCost> e : d.vops().entrySet()) {
                    VopCost c = e.getValue();
                    w.name(e.getKey()).beginObject();
                    if (c.isRoofline()) {
                        w.member("ops_per_cell", c.opsPerCell()).member("bytes_per_cell", c.bytesPerCell());
                    } else {
                        w.member("ns_per_cell", c.nsPerCell());
                    }
                    if (c.corunSlowdown() != d.corunSlowdown()) {
                        // Read back, a VOP without its own takes the device's.
                        w.member("corun_slowdown", c.corunSlowdown());
                    }
                    w.endObject();
                }
                w.endObject();
            }
            w.endObject();
        }
        w.endArray().endObject();
        return w + "\n";
    }
}
