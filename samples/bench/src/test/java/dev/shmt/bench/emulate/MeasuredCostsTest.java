package dev.shmt.bench.emulate;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.Partition;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuredCostsTest {
    private static final String VOP = "Ops.f";
    private static final Region TILE = new Region(0, 0, 10, 10); // 100 cells

    /** One call: {start, run} per HLOP of device {@code dev} on worker 0, over a wall of {@code wall} ns. */
    private static Report call(long wall, String dev, long[]... hlops) {
        List<Report.HlopRecord> records = new ArrayList<>();
        for (long[] h : hlops) {
            records.add(new Report.HlopRecord(records.size(), TILE, dev, 0, h[0], 0, h[1], null, List.of()));
        }
        return new Report(VOP, 0, Partition.TILE_2D, "p", wall, 0, 0, null, records, List.of(), List.of(),
                List.of()) {};
    }

    private static Report together(Report a, Report b) {
        List<Report.HlopRecord> all = new ArrayList<>(a.hlops());
        all.addAll(b.hlops());
        return new Report(VOP, 0, Partition.TILE_2D, "ws", Math.max(a.wallNanos(), b.wallNanos()), 0, 0, null, all,
                List.of(), List.of(), List.of()) {};
    }

    @Test
    void gapsCountUntilAWorkersLastHlop() {
        // 1000 ns before the first HLOP and 500 before each other count; the 6000 after the last is
        // scheduling, not a slower device.
        Report r = call(10_000, "npu", new long[] {1000, 1000}, new long[] {2500, 1000}, new long[] {4000, 0});
        assertThat(MeasuredCosts.gapNanos(List.of(r), "npu")).isWithin(1e-9).of((1000 + 500 + 500) / 3.0);
        assertThat(MeasuredCosts.gapNanos(List.of(r), "cpu")).isEqualTo(0);
    }

    @Test
    void idleTailTogetherIsNotCountedAsSlowdown() {
        MeasuredCosts costs = new MeasuredCosts();
        // Alone: two 1000 ns HLOPs 100 ns apart, 50 ns between HLOPs per HLOP.
        costs.alone("npu", 1, List.of(List.of(call(2_100, "npu", new long[] {0, 1000}, new long[] {1100, 1000}))));
        costs.alone("cpu", 1, List.of(List.of(call(2_100, "cpu", new long[] {0, 1000}, new long[] {1100, 1000}))));
        // Together: npu runs 1500 ns HLOPs, 100 ns apart, then idles 7000 ns while the cpu finishes;
        // the cpu runs 1000 ns HLOPs 300 ns apart, 200 ns per HLOP, 150 more than alone.
        Report npu = call(10_000, "npu", new long[] {0, 1500}, new long[] {1600, 1500});
        Report cpu = call(10_000, "cpu", new long[] {0, 1000}, new long[] {1300, 1000}, new long[] {2600, 1000});
        costs.together(List.of(List.of(together(npu, cpu))), Map.of("npu", 1, "cpu", 1));
        var vops = costs.profile("t", "", List.of(), List.of(
                new DeviceInfo("npu", DeviceKind.NPU, Precision.INT8, 1, "", null),
                new DeviceInfo("cpu", DeviceKind.CPU, Precision.FP32, 1, "", null))).devices();
        // npu: 1500 / 1000 alone; its idle tail adds nothing.
        assertThat(vops.get(0).vops().get(VOP).corunSlowdown()).isWithin(1e-9).of(1.5);
        // cpu: (3 x 1000 + 3 x 150 extra between) / (3 x 1000).
        assertThat(vops.get(1).vops().get(VOP).corunSlowdown()).isWithin(1e-9).of(1.15);
    }
}
