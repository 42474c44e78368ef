package dev.shmt.bench.run;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import dev.shmt.bench.results.RowLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU kernel without the runtime: each call's HLOP regions (split as {@code tiles} would split them)
 * run one after another on the calling thread, through the very {@link dev.shmt.api.CpuKernel} the cpu
 * device calls, each timed. What the runtime's per-HLOP cost is measured against. The caller pins its
 * thread to the cpu device's cores first, so both run on the same processor.
 */
final class BareCpu implements Shmt {
    static final String NAME = RowLabel.BARE_CPU;

    private final Shmt tiles;

    BareCpu(Shmt tiles) {
        this.tiles = tiles;
    }

    @Override
    public Report execute(VopCall call) {
        List<Region> regions = tiles.partition(call);
        List<Report.HlopRecord> records = new ArrayList<>(regions.size());
        Object acc = null;
        long start = System.nanoTime();
        for (int i = 0; i < regions.size(); i++) {
            long t0 = System.nanoTime();
            Object partial = call.cpuKernel().run(regions.get(i));
            long t1 = System.nanoTime();
            acc = i == 0 || call.combiner() == null ? partial : call.combiner().apply(acc, partial);
            records.add(new Report.HlopRecord(i, regions.get(i), NAME, 0, t0 - start, 0, t1 - t0, null, List.of()));
        }
        return new BareReport(call, start, System.nanoTime() - start, acc, records);
    }

    /** Its calls' reports: a {@link Shmt} builds its own. */
    private static final class BareReport extends Report {
        BareReport(VopCall call, long start, long wall, Object result, List<HlopRecord> records) {
            super(call.name(), start, call.partition(), NAME, wall, 0, 0, result, records, List.of(), List.of(),
                    List.of());
        }
    }

    @Override
    public List<Region> partition(VopCall call) {
        return tiles.partition(call);
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of();
    }

    @Override
    public String policy() {
        return NAME;
    }

    @Override
    public boolean isClosed() {
        return tiles.isClosed();
    }

    @Override
    public void close() {}
}
