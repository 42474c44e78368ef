package dev.shmt.samples.cli.bench;

import dev.shmt.api.DeviceInfo;
import dev.shmt.runtime.trace.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code --report} JSON: the machine, then one object per app and policy. Percentages (MAPE, the
 * sampling share) are in percent; error_rate and RMSE are as computed (a fraction, output units);
 * values that do not apply (SSIM of a non-image, the speedup without a baseline) are null.
 */
final class BenchReport {
    private BenchReport() {}

    static String json(List<DeviceInfo> devices, int cpuThreads, List<RunResult> runs) {
        JsonWriter w = new JsonWriter(true);
        w.beginObject().name("machine");
        MachineInfo.write(w, devices, cpuThreads);
        w.name("runs").beginArray();
        for (RunResult r : runs) {
            w.beginObject().member("app", r.app()).member("policy", r.policy());
            w.name("devices").beginArray();
            r.devices().forEach(w::value);
            w.endArray();
            w.member("size", r.size()).member("size_unit", r.sizeUnit()).member("tile", r.tile())
                    .member("warmup", r.warmup()).member("repeat", r.repeat());
            if (r.failed()) {
                w.member("error", r.error()).endObject();
                continue;
            }
            w.name("latency_ms").beginObject().member("median", r.medianMs()).member("min", r.minMs())
                    .member("max", r.maxMs()).endObject();
            w.name("best_single").value(r.bestSingle()).member("best_single_ms", r.bestSingleMs())
                    .member("speedup_vs_best_single", r.speedup());
            w.name("hlops").beginObject();
            for (Map.Entry<String, Integer> e : r.hlops().entrySet()) {
                w.member(e.getKey(), e.getValue());
            }
            w.endObject();
            w.member("steals", r.steals()).member("sampling_share", 100 * r.samplingShare());
            w.member("retries", r.retries());
            w.name("incidents").beginArray();
            r.incidents().forEach(w::value);
            w.endArray();
            w.name("quality").beginObject().member("error_rate", r.quality().errorRate())
                    .member("mape", r.quality().mapePercent());
            w.name("ssim");
            if (r.quality().ssim() == null) {
                w.nullValue();
            } else {
                w.value(r.quality().ssim());
            }
            w.member("rmse", r.quality().rmse()).endObject();
            w.endObject();
        }
        w.endArray().endObject();
        return w + "\n";
    }

    static void write(Path file, List<DeviceInfo> devices, int cpuThreads, List<RunResult> runs) throws IOException {
        Files.writeString(file, json(devices, cpuThreads, runs), StandardCharsets.UTF_8);
    }
}
