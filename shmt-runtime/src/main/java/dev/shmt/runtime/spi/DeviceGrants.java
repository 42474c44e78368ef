package dev.shmt.runtime.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which devices a resource manager (Spark's resource scheduling, say) granted this process. A device
 * family ("gpu": gpu, gpu1, ...; "npu") that is restricted may open only the named devices; the others
 * are listed unavailable with {@link #refusal}, and their providers must not touch the hardware, which
 * another process may own. Families not restricted open as usual.
 */
public final class DeviceGrants {
    /** Nothing restricted. */
    public static final DeviceGrants ALL = new DeviceGrants(Map.of());

    private record Grant(Set<String> names, String source) {}

    private final Map<String, Grant> byFamily;

    private DeviceGrants(Map<String, Grant> byFamily) {
        this.byFamily = byFamily;
    }

    /**
     * These grants, with {@code family} restricted to {@code names}.
     *
     * @param source who granted them, for the cause users read (for example "Spark resource 'gpu'")
     */
    public DeviceGrants restrict(String family, Set<String> names, String source) {
        Objects.requireNonNull(family, "family");
        Map<String, Grant> m = new LinkedHashMap<>(byFamily);
        m.put(family, new Grant(Set.copyOf(names), Objects.requireNonNull(source, "source")));
        return new DeviceGrants(Map.copyOf(m));
    }

    /** Null when {@code device} may open; otherwise why not. */
    public String refusal(String device) {
        Grant g = byFamily.get(family(device));
        if (g == null || g.names().contains(device)) {
            return null;
        }
        return "not granted to this process by " + g.source() + " (granted: "
                + (g.names().isEmpty() ? "none" : new TreeSet<>(g.names())) + ")";
    }

    /** "gpu" for gpu, gpu1, gpu12; the name itself when it does not end in digits. */
    static String family(String device) {
        int end = device.length();
        while (end > 0 && Character.isDigit(device.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? device : device.substring(0, end);
    }

    @Override
    public String toString() {
        return byFamily.isEmpty() ? "all" : byFamily.toString();
    }
}
