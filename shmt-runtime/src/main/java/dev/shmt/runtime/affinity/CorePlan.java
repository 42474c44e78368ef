package dev.shmt.runtime.affinity;

import dev.shmt.api.Cores;
import dev.shmt.api.DeviceKind;
import dev.shmt.runtime.spi.Device;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places each device's workers on host cores. By default every device that computes on host cores
 * gets a disjoint share, so that co-executing devices do not take each other's cores: each non-CPU
 * device (an NPU running on TFLite's CPU kernels) one core per worker, highest cores first, and the
 * CPU devices the rest, split evenly. Users name sets with {@link CoreSets}.
 */
public final class CorePlan {
    /**
     * Where one device's workers go.
     *
     * @param set the cores to pin each worker to, null to leave them unpinned
     * @param cores what listings and reports say
     */
    public record Placement(BitSet set, Cores cores) {}

    private CorePlan() {}

    /**
     * @param devices the runtime's available devices
     * @param names every device name the runtime knows (also unavailable and unchosen ones), to tell a
     *     misspelt name in {@code sets} from a device this runtime just does not use
     * @param allowed the cores this process may use
     * @param unsupported null when threads can be pinned here, otherwise why not
     * @throws IllegalArgumentException when {@code sets} names an unknown device or a core outside {@code allowed}
     */
    public static Map<Device, Placement> place(List<Device> devices, Set<String> names, CoreSets sets, BitSet allowed,
                                               String unsupported) {
        String all = CoreList.format(allowed);
        for (Map.Entry<String, BitSet> e : sets.sets().entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new IllegalArgumentException(sets.source() + ": no device named '" + e.getKey() + "'; devices are "
                        + names);
            }
            BitSet outside = (BitSet) e.getValue().clone();
            outside.andNot(allowed);
            if (!outside.isEmpty()) {
                throw new IllegalArgumentException(sets.source() + ": cores " + CoreList.format(outside) + " for "
                        + e.getKey() + " are not among the cores this process may use (" + all + ")");
            }
        }
        Map<Device, Placement> out = new IdentityHashMap<>();
        List<Device> host = new ArrayList<>();
        for (Device d : devices) {
            if (!d.computesOnHost() && !sets.sets().containsKey(d.name())) {
                out.put(d, free(all, "computes off the host"));
            } else {
                host.add(d);
            }
        }
        if (unsupported != null || sets.off()) {
            String why = unsupported != null ? unsupported : "core sets turned off (" + sets.source() + "=none)";
            host.forEach(d -> out.put(d, free(all, why)));
            return out;
        }
        if (!sets.auto()) {
            for (Device d : host) {
                BitSet s = sets.sets().get(d.name());
                out.put(d, s == null ? free(all, "not named in " + sets.source()) : pin(s));
            }
            return out;
        }
        int cores = allowed.cardinality();
        if (cores < host.size()) {
            String why = cores + " core" + (cores == 1 ? "" : "s") + " for " + host.size()
                    + " devices that compute on host cores";
            host.forEach(d -> out.put(d, free(all, why)));
            return out;
        }
        int[] ids = allowed.stream().toArray();
        int top = ids.length; // cores [0, top) are still free
        List<Device> cpus = new ArrayList<>();
        int others = (int) host.stream().filter(d -> d.kind() != DeviceKind.CPU).count();
        for (Device d : host) {
            if (d.kind() == DeviceKind.CPU) {
                cpus.add(d);
                continue;
            }
            others--;
            // Leave one core for each host device still to be placed.
            int want = Math.max(1, Math.min(d.threads(), top - others - cpusLeft(host)));
            out.put(d, pin(range(ids, top - want, top)));
            top -= want;
        }
        for (int i = 0; i < cpus.size(); i++) {
            int from = top * i / cpus.size();
            int to = top * (i + 1) / cpus.size();
            out.put(cpus.get(i), pin(range(ids, from, to)));
        }
        return out;
    }

    private static int cpusLeft(List<Device> host) {
        return (int) host.stream().filter(d -> d.kind() == DeviceKind.CPU).count();
    }

    private static BitSet range(int[] ids, int from, int to) {
        BitSet s = new BitSet();
        for (int i = from; i < to; i++) {
            s.set(ids[i]);
        }
        return s;
    }

    private static Placement pin(BitSet set) {
        return new Placement((BitSet) set.clone(), Cores.pinned(CoreList.format(set)));
    }

    private static Placement free(String all, String why) {
        return new Placement(null, Cores.unpinned(all, why));
    }
}
