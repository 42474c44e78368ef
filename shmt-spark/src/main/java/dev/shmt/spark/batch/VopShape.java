package dev.shmt.spark.batch;

import dev.shmt.api.Border;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.api.VopCall;
import dev.shmt.spark.MatrixVop;
import java.util.List;

/**
 * How a generated VOP splits and reads its matrix (partition, halo, border), learnt by letting it build
 * its call for a small matrix and taking the call instead of running it: a method reference carries no
 * annotation, and the call it builds is what the runtime would see.
 */
public record VopShape(Partition partition, int halo, Border border) implements java.io.Serializable {
    /** Side of the probe matrix: a multiple of 8, so block VOPs (DCT8x8) accept it. */
    private static final int PROBE = 16;

    /**
     * @throws IllegalArgumentException naming {@code vop} when it does not build a TILE_2D, ROWS or
     *     ELEMENTWISE call for a 16 x 16 matrix (the reason it gives is included)
     */
    public static VopShape of(MatrixVop vop) {
        Probe probe = new Probe();
        try {
            vop.apply(probe, FloatMatrix.create(PROBE, PROBE), FloatMatrix.create(PROBE, PROBE));
        } catch (Probed p) {
            VopCall call = p.call;
            if (call.partition() == Partition.REDUCE) {
                throw new IllegalArgumentException("vop: " + call.name()
                        + " is a REDUCE; apply it with mapPartitions yourself, a matrix-to-matrix map needs an output matrix");
            }
            return new VopShape(call.partition(), call.halo(), call.border());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("vop: could not learn its shape from a " + PROBE + " x " + PROBE
                    + " call: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("vop: it returned without handing a call to the runtime it was given");
    }

    /** Thrown by the probe's execute: carries the call out of the generated method. */
    private static final class Probed extends RuntimeException {
        final transient VopCall call;

        Probed(VopCall call) {
            super(null, null, false, false);
            this.call = call;
        }
    }

    /** A runtime that runs nothing: it only catches the call. */
    private static final class Probe implements Shmt {
        @Override
        public Report execute(VopCall call) {
            throw new Probed(call);
        }

        @Override
        public List<Region> partition(VopCall call) {
            throw new Probed(call);
        }

        @Override
        public List<DeviceInfo> devices() {
            return List.of();
        }

        @Override
        public String policy() {
            return "probe";
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {}
    }
}
