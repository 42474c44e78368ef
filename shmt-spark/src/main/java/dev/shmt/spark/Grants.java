package dev.shmt.spark;

import dev.shmt.runtime.spi.DeviceGrants;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Spark's resource scheduling turned into {@link DeviceGrants}: when the application asks for a resource
 * per executor ({@code spark.executor.resource.gpu.amount}, {@code spark.executor.resource.npu.amount}),
 * the executor's runtime opens only the addresses its tasks were given (GPU address "0" is device
 * {@code gpu}, "1" is {@code gpu1}; the Edge TPU is {@code npu}). A resource the application does not
 * schedule restricts nothing.
 */
final class Grants {
    private Grants() {}

    /**
     * @param configured whether the Spark configuration schedules a resource, by name
     * @param granted the task's resources: name to addresses
     */
    static DeviceGrants from(Predicate<String> configured, Map<String, String[]> granted) {
        DeviceGrants g = DeviceGrants.ALL;
        if (configured.test("spark.executor.resource.gpu.amount")) {
            Set<String> names = new LinkedHashSet<>();
            for (String address : granted.getOrDefault("gpu", new String[0])) {
                names.add(gpuName(address));
            }
            g = g.restrict("gpu", names, "Spark resource 'gpu'");
        }
        if (configured.test("spark.executor.resource.npu.amount")) {
            String[] npu = granted.getOrDefault("npu", new String[0]);
            g = g.restrict("npu", npu.length > 0 ? Set.of("npu") : Set.of(), "Spark resource 'npu'");
        }
        return g;
    }

    /** The device of a GPU address: the CUDA ordinal, as the gpu device names them. */
    static String gpuName(String address) {
        String a = address.trim();
        if (!a.matches("\\d+")) {
            throw new IllegalArgumentException("Spark resource 'gpu': address '" + address
                    + "' is not a CUDA device number; the discovery script must print ordinals such as \"0\"");
        }
        int ordinal = Integer.parseInt(a);
        return ordinal == 0 ? "gpu" : "gpu" + ordinal;
    }
}
