package dev.shmt.bench.format;

import dev.shmt.api.DeviceInfo;
import dev.shmt.runtime.trace.JsonWriter;
import java.util.List;

/** The {@code machine} object of the bench report: where the numbers were measured. */
final class MachineInfo {
    private MachineInfo() {}

    static void write(JsonWriter w, List<DeviceInfo> devices) {
        int cpuThreads = devices.stream().filter(d -> d.name().equals("cpu")).mapToInt(DeviceInfo::threads).findFirst()
                .orElse(0);
        Runtime rt = Runtime.getRuntime();
        w.beginObject()
                .member("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .member("arch", System.getProperty("os.arch"))
                .member("cores", rt.availableProcessors())
                .member("max_heap_mib", rt.maxMemory() >> 20)
                .member("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .member("cpu_threads", cpuThreads)
                .name("devices").beginArray();
        for (DeviceInfo d : devices) {
            w.beginObject().member("name", d.name()).member("kind", d.kind().toString())
                    .member("precision", d.precision().toString()).member("threads", d.threads())
                    .member("available", d.available()).member("detail", d.detail());
            w.name("cores").value(d.cores() == null ? null : d.cores().list());
            w.member("pinned", d.cores() != null && d.cores().pinned());
            w.name("cause").value(d.available() ? null : d.cause());
            w.endObject();
        }
        w.endArray().endObject();
    }
}
