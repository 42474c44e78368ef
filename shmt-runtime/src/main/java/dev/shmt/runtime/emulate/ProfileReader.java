package dev.shmt.runtime.emulate;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link Profile} from JSON and refuses, before anything runs, every field that is missing,
 * misspelt, of the wrong type or out of range, naming it by its path ({@code devices[1].vops.Fft.rows.ns_per_cell}).
 */
final class ProfileReader {
    private final String source;

    private ProfileReader(String source) {
        this.source = source;
    }

    static Profile read(String json, String source) {
        ProfileReader r = new ProfileReader(source);
        Object doc;
        try {
            doc = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile " + source + ": " + e.getMessage(), e);
        }
        return r.profile(r.object(doc, "the document"));
    }

    private Profile profile(Map<String, Object> m) {
        known(m, "", "profile", "description", "sources", "devices", "platform_idle_w");
        String name = string(m, "", "profile", true);
        String description = string(m, "", "description", false);
        List<String> sources = new ArrayList<>();
        Object s = m.get("sources");
        if (s != null) {
            List<Object> l = list(s, "sources");
            for (int i = 0; i < l.size(); i++) {
                if (!(l.get(i) instanceof String str)) {
                    throw bad("sources[" + i + "]", "a string", l.get(i));
                }
                sources.add(str);
            }
        }
        List<Object> ds = list(require(m, "", "devices"), "devices");
        if (ds.isEmpty()) {
            throw bad("devices", "at least one device", "[]");
        }
        List<DeviceModel> devices = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ds.size(); i++) {
            DeviceModel d = device(object(ds.get(i), "devices[" + i + "]"), "devices[" + i + "].");
            if (!names.add(d.name())) {
                throw bad("devices[" + i + "].name", "a name no other device has", d.name());
            }
            devices.add(d);
        }
        double idle = m.containsKey("platform_idle_w") ? number(m, "", "platform_idle_w", 0, true) : Double.NaN;
        boolean some = devices.stream().anyMatch(d -> d.power() != null);
        if (some && (Double.isNaN(idle) || devices.stream().anyMatch(d -> d.power() == null))) {
            // Half the figures would give a total that silently leaves a device or the platform out.
            throw bad(Double.isNaN(idle) ? "platform_idle_w" : "devices[].power",
                    "power figures for the platform and every device, or none at all", null);
        }
        return new Profile(name, description == null ? "" : description, sources, devices, idle);
    }

    private DeviceModel device(Map<String, Object> m, String at) {
        known(m, at, "name", "kind", "precision", "workers", "hlop_us", "peak_gops", "memory_gbs", "bus",
                "corun_slowdown", "vops", "power");
        String name = string(m, at, "name", true);
        DeviceKind kind = choice(m, at, "kind", DeviceKind.class);
        Precision precision = choice(m, at, "precision", Precision.class);
        double workers = number(m, at, "workers", 1, true);
        if (workers != Math.rint(workers) || workers > 256) {
            throw bad(at + "workers", "a whole number from 1 to 256", workers);
        }
        double hlopUs = number(m, at, "hlop_us", 0, true);
        double peak = m.containsKey("peak_gops") ? positive(m, at, "peak_gops") : Double.NaN;
        double memory = m.containsKey("memory_gbs") ? positive(m, at, "memory_gbs") : Double.NaN;
        if (Double.isNaN(peak) != Double.isNaN(memory)) {
            // A roofline needs both; one alone would leave every declared cost unusable.
            throw bad(at + (Double.isNaN(peak) ? "peak_gops" : "memory_gbs"),
                    "a positive number: peak_gops and memory_gbs make a roofline together", null);
        }
        Bus bus = m.get("bus") == null ? null : bus(object(m.get("bus"), at + "bus"), at + "bus.");
        double corun = m.containsKey("corun_slowdown") ? number(m, at, "corun_slowdown", 1, true) : 1;
        Map<String, Object> vm = m.get("vops") == null ? Map.of() : object(m.get("vops"), at + "vops");
        if (vm.isEmpty() && Double.isNaN(peak)) {
            throw bad(at + "peak_gops", "a positive number, with memory_gbs, for the VOPs' declared costs: the"
                    + " device has no vops of its own", null);
        }
        Map<String, VopCost> vops = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vm.entrySet()) {
            String vat = at + "vops." + e.getKey();
            VopCost c = cost(object(e.getValue(), vat), vat + ".", corun);
            if (c.isRoofline() && Double.isNaN(peak)) {
                throw bad(at + "peak_gops", "a positive number: " + vat + " is a roofline", null);
            }
            vops.put(e.getKey(), c);
        }
        PowerFigures power = m.get("power") == null ? null : power(object(m.get("power"), at + "power"), at + "power.");
        return new DeviceModel(name, kind, precision, (int) workers, hlopUs * 1e3, peak, memory, bus, vops, corun,
                power);
    }

    private PowerFigures power(Map<String, Object> m, String at) {
        known(m, at, "idle_w", "active_w", "bus_pj_per_byte");
        double idle = number(m, at, "idle_w", 0, true);
        double active = number(m, at, "active_w", idle, true);
        double pj = m.containsKey("bus_pj_per_byte") ? number(m, at, "bus_pj_per_byte", 0, true) : 0;
        return new PowerFigures(idle, active, pj);
    }

    private Bus bus(Map<String, Object> m, String at) {
        known(m, at, "in_gbs", "out_gbs", "latency_us", "overlap", "value_bytes");
        double in = positive(m, at, "in_gbs");
        double out = positive(m, at, "out_gbs");
        double latency = number(m, at, "latency_us", 0, true);
        Object overlap = require(m, at, "overlap");
        if (!(overlap instanceof Boolean b)) {
            throw bad(at + "overlap", "true or false", overlap);
        }
        double valueBytes = m.containsKey("value_bytes") ? number(m, at, "value_bytes", 1, true) : Float.BYTES;
        if (valueBytes != Math.rint(valueBytes) || valueBytes > 8) {
            throw bad(at + "value_bytes", "a whole number of bytes from 1 to 8", valueBytes);
        }
        return new Bus(in, out, latency * 1e3, b, (int) valueBytes);
    }

    /** One VOP's cost; without a {@code corun_slowdown} of its own, the device's {@code deviceCorun}. */
    private VopCost cost(Map<String, Object> m, String at, double deviceCorun) {
        known(m, at, "ns_per_cell", "ops_per_cell", "bytes_per_cell", "corun_slowdown");
        double corun = m.containsKey("corun_slowdown") ? number(m, at, "corun_slowdown", 1, true) : deviceCorun;
        boolean measured = m.containsKey("ns_per_cell");
        boolean roofline = m.containsKey("ops_per_cell") || m.containsKey("bytes_per_cell");
        if (measured == roofline) {
            throw bad(at.substring(0, at.length() - 1), "either ns_per_cell or ops_per_cell with bytes_per_cell",
                    m.keySet());
        }
        if (measured) {
            return VopCost.measured(positive(m, at, "ns_per_cell")).withCorunSlowdown(corun);
        }
        double ops = number(m, at, "ops_per_cell", 0, true);
        double bytes = number(m, at, "bytes_per_cell", 0, true);
        if (ops == 0 && bytes == 0) {
            throw bad(at + "ops_per_cell", "a roofline with some operations or bytes per cell", 0);
        }
        return VopCost.roofline(ops, bytes).withCorunSlowdown(corun);
    }

    private void known(Map<String, Object> m, String at, String... fields) {
        List<String> allowed = Arrays.asList(fields);
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw bad(at + k, "one of the fields " + allowed, "an unknown field");
            }
        }
    }

    private Object require(Map<String, Object> m, String at, String field) {
        if (m.get(field) == null) {
            throw bad(at + field, "a value", "nothing");
        }
        return m.get(field);
    }

    private String string(Map<String, Object> m, String at, String field, boolean required) {
        Object v = required ? require(m, at, field) : m.get(field);
        if (v != null && !(v instanceof String s && !s.isBlank())) {
            throw bad(at + field, "a non-empty string", v);
        }
        return (String) v;
    }

    private double number(Map<String, Object> m, String at, String field, double min, boolean required) {
        Object v = required ? require(m, at, field) : m.get(field);
        if (!(v instanceof Double d) || !Double.isFinite(d) || d < min) {
            throw bad(at + field, "a number >= " + fmt(min), v);
        }
        return d;
    }

    private double positive(Map<String, Object> m, String at, String field) {
        Object v = require(m, at, field);
        if (!(v instanceof Double d) || !Double.isFinite(d) || d <= 0) {
            throw bad(at + field, "a number > 0", v);
        }
        return d;
    }

    private <E extends Enum<E>> E choice(Map<String, Object> m, String at, String field, Class<E> type) {
        Object v = require(m, at, field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw bad(at + field, "one of " + Arrays.toString(type.getEnumConstants()), v);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object v, String at) {
        if (!(v instanceof Map)) {
            throw bad(at, "an object", v);
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object v, String at) {
        if (!(v instanceof List)) {
            throw bad(at, "an array", v);
        }
        return (List<Object>) v;
    }

    private IllegalArgumentException bad(String field, String expected, Object got) {
        String g = got instanceof String s ? (s.equals("an unknown field") || s.equals("nothing") ? s : "\"" + s + "\"")
                : got instanceof Double d ? fmt(d) : String.valueOf(got);
        return new IllegalArgumentException("profile " + source + ": " + field + ": expected " + expected
                + (got == null ? "" : ", got " + g));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
