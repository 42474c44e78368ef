package dev.shmt.apps.hotspot;

import com.google.auto.service.AutoService;
import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.GridApp;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.SteppedInstance;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rodinia's HotSpot ({@link Hotspot#step}): {@link #STEPS} time steps of an N x N chip, one VOP call each,
 * from a generated floorplan; quality of the last temperatures against {@link Hotspot#reference}.
 */
@AutoService(BenchApp.class)
public final class HotspotApp extends GridApp {
    /** Time steps per run: the calls of one run, each reading the last one's output. */
    public static final int STEPS = 10;

    @Override
    public String name() {
        return "hotspot";
    }

    @Override
    public String description() {
        return STEPS + " time steps of Rodinia's chip temperature model on an N x N grid";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    protected String gridName() {
        return "grid";
    }

    @Override
    public int defaultSize() {
        return 2048;
    }

    /**
     * Temperatures from a smooth {@link Images#structured} field, 323 to 343 degrees (Rodinia's inputs lie
     * there). Power from a floorplan: the chip cut into rectangular units, most drawing 0.5 to 3 mW per cell
     * and about one in six a hot unit (an ALU, a register file) drawing 10 to 30 mW, which heats it by up to
     * 0.04 degrees per step.
     */
    static FloatMatrix[] inputs(int size, long seed) {
        FloatMatrix temp = Images.structured(size, size, seed);
        float[] t = temp.array();
        for (int i = 0; i < t.length; i++) {
            t[i] = 323f + t[i] * (20f / Images.MAX);
        }
        FloatMatrix power = FloatMatrix.create(size, size);
        floorplan(power.array(), size, 0, 0, size, size, new SplittableRandom(seed ^ 0x5eedL), 0);
        return new FloatMatrix[] {temp.withBorder(Border.CLAMP), power.withBorder(Border.CLAMP)};
    }

    /** Cuts the rectangle in two until units are small, then fills each with its power per cell. */
    private static void floorplan(float[] p, int n, int r, int c, int rows, int cols, SplittableRandom rnd, int depth) {
        if (depth >= 8 || rows < 16 || cols < 16) {
            float w = rnd.nextInt(6) == 0 ? (float) rnd.nextDouble(0.010, 0.030) : (float) rnd.nextDouble(0.0005, 0.003);
            for (int i = r; i < r + rows; i++) {
                Arrays.fill(p, i * n + c, i * n + c + cols, w);
            }
            return;
        }
        if (rows >= cols) {
            int cut = rows / 4 + rnd.nextInt(Math.max(1, rows / 2));
            floorplan(p, n, r, c, cut, cols, rnd, depth + 1);
            floorplan(p, n, r + cut, c, rows - cut, cols, rnd, depth + 1);
        } else {
            int cut = cols / 4 + rnd.nextInt(Math.max(1, cols / 2));
            floorplan(p, n, r, c, rows, cut, rnd, depth + 1);
            floorplan(p, n, r, c + cut, rows, cols - cut, rnd, depth + 1);
        }
    }

    @Override
    public Instance prepare(int size, long seed) {
        checkSize(size);
        FloatMatrix[] in = inputs(size, seed);
        FloatMatrix temp = in[0];
        FloatMatrix power = in[1];
        return new SteppedInstance(name(), size, Hotspot.reference(temp, power, STEPS)) {
            @Override
            protected FloatMatrix steps(Shmt rt, List<Report> reports) {
                FloatMatrix from = temp;
                for (int k = 0; k < STEPS; k++) {
                    FloatMatrix to = buffers[k % 2];
                    reports.add(HotspotVops.step(rt, from, power, to));
                    from = to;
                }
                return from;
            }
        };
    }
}
