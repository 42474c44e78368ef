package dev.shmt.runtime.affinity;

import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which cores each device's workers should run on, as a user wrote it: {@code cpu:0-2,npu:3} (a device
 * name, a colon, cores in list form; entries separated by commas or semicolons), {@code none} to pin
 * nothing, or {@code auto} (the default: every device that computes on host cores gets a disjoint share).
 *
 * @param sets the named devices' cores, empty for auto and none
 * @param off true for {@code none}
 * @param source where the text came from, for messages ({@code SHMT_CPU_SETS}, {@code --cpu-sets}, ...)
 */
public record CoreSets(Map<String, BitSet> sets, boolean off, String source) {
    /** The environment variable users set. */
    public static final String ENV = "SHMT_CPU_SETS";
    /** The system property, which wins over the environment variable. */
    public static final String PROPERTY = "shmt.cpu.sets";

    public static final CoreSets AUTO = new CoreSets(Map.of(), false, "default");

    public CoreSets {
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    public boolean auto() {
        return !off && sets.isEmpty();
    }

    /**
     * Parses {@code spec}.
     *
     * @throws IllegalArgumentException naming {@code source} when the text is not a core-set list
     */
    public static CoreSets parse(String spec, String source) {
        if (spec == null) {
            throw new IllegalArgumentException(source + ": expected device:cores entries such as cpu:0-2,npu:3,"
                    + " or none, or auto; got null");
        }
        String s = spec.strip();
        if (s.equalsIgnoreCase("none")) {
            return new CoreSets(Map.of(), true, source);
        }
        if (s.isEmpty() || s.equalsIgnoreCase("auto")) {
            return new CoreSets(Map.of(), false, source);
        }
        Map<String, StringBuilder> text = new LinkedHashMap<>();
        String current = null;
        // "cpu:0-1,3,npu:2": a part without a colon continues the previous device's list.
        for (String part : s.split("[,;]")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon >= 0) {
                current = p.substring(0, colon).strip();
                if (current.isEmpty()) {
                    throw new IllegalArgumentException(source + ": an entry has no device name before ':' in '" + spec
                            + "'; expected entries such as cpu:0-2,npu:3");
                }
                if (text.containsKey(current)) {
                    throw new IllegalArgumentException(source + ": device '" + current + "' is named twice in '"
                            + spec + "'");
                }
                text.put(current, new StringBuilder(p.substring(colon + 1)));
            } else if (current == null) {
                throw new IllegalArgumentException(source + ": expected device:cores entries such as cpu:0-2,npu:3,"
                        + " or none, or auto; got '" + spec + "'");
            } else {
                text.get(current).append(',').append(p);
            }
        }
        Map<String, BitSet> sets = new LinkedHashMap<>();
        text.forEach((device, cores) -> sets.put(device, CoreList.parse(cores.toString(), source + " for " + device)));
        return new CoreSets(sets, false, source);
    }

    /** From {@code -Dshmt.cpu.sets}, else {@code SHMT_CPU_SETS}, else {@link #AUTO}. */
    public static CoreSets fromEnvironment() {
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            return parse(p, "-D" + PROPERTY);
        }
        String e = System.getenv(ENV);
        return e == null ? AUTO : parse(e, ENV);
    }
}
