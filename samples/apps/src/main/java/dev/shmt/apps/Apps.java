package dev.shmt.apps;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The benchmarks {@code ./shmt bench} knows, in the order it runs them: every {@link BenchApp} provider on
 * the class path ({@link ServiceLoader}), so that an app is added by its own package alone.
 */
public final class Apps {
    private Apps() {}

    /**
     * Every app, new instances, by {@link BenchApp#order} then name: the same order wherever the class path
     * lists them.
     *
     * @throws IllegalStateException when there is none, which means the provider declarations
     *     ({@code META-INF/services/dev.shmt.apps.BenchApp}) were lost, say by a jar built without merging them
     */
    public static List<BenchApp> all() {
        List<BenchApp> apps = ordered(ServiceLoader.load(BenchApp.class, BenchApp.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
        if (apps.isEmpty()) {
            throw new IllegalStateException("no BenchApp on the class path: META-INF/services/"
                    + BenchApp.class.getName() + " is missing from the jar that holds the apps");
        }
        return apps;
    }

    /**
     * {@code apps} by {@link BenchApp#order} then name.
     *
     * @throws IllegalStateException when two apps share a name, naming both classes: one would hide the other
     */
    static List<BenchApp> ordered(List<BenchApp> apps) {
        Map<String, BenchApp> byName = new HashMap<>();
        for (BenchApp a : apps) {
            BenchApp other = byName.putIfAbsent(a.name(), a);
            if (other != null) {
                throw new IllegalStateException("two apps are named '" + a.name() + "': "
                        + other.getClass().getName() + " and " + a.getClass().getName());
            }
        }
        return apps.stream().sorted(Comparator.comparingInt(BenchApp::order).thenComparing(BenchApp::name)).toList();
    }

    /** The app named {@code name}; a one-line {@link IllegalArgumentException} listing the names otherwise. */
    public static BenchApp named(String name) {
        List<BenchApp> apps = all();
        for (BenchApp a : apps) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown app '" + name + "'; the apps are "
                + apps.stream().map(BenchApp::name).collect(Collectors.joining(", ")));
    }
}
