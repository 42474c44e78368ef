package dev.shmt.npu.kernels;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuContext;
import dev.shmt.api.npu.NpuInterpreter;
import dev.shmt.api.npu.NpuKernel;
import dev.shmt.api.npu.NpuTensor;

/**
 * The NPU kernel of a TILE_2D stencil VOP with one input and one output matrix: quantizes the tile
 * and its halo straight into the model's input tensor, runs it, and dequantizes into the output
 * region. The model is static (one per tile shape), but each HLOP's own range of values is first
 * spread over the model's input range on the host ({@link HostScaling}), and the map is undone on the
 * output, exactly, since a stencil is linear. So a flat tile gets steps as fine as its own spread. The
 * output scale comes from a ladder of models per tile shape ({@link OutputLadder}, {@link OutputScale}):
 * the finest that holds the HLOP's outputs, as a sparse look at its tile estimates them; what saturates
 * is recomputed on the host ({@link Clip}). The error left follows the scale each HLOP got, which the
 * kernel predicts for QAWS ({@link #predictedError}). Extend it with a no-argument constructor to name it
 * in {@code @NpuModel}. Its model has one weight set; {@link MagnitudeKernel} takes a model with two and
 * stores their magnitude instead.
 */
public abstract class StencilKernel implements NpuKernel {
    private final StencilModel model;
    private final String keyPrefix;
    /** One dequantized output tensor row per worker thread, reused across HLOPs. */
    private final ThreadLocal<float[]> rowBuffer = ThreadLocal.withInitial(() -> new float[0]);

    protected StencilKernel(StencilModel model) {
        this(model, 1);
    }

    /** For subclasses in this package whose {@link #store} expects {@code sets} weight sets. */
    StencilKernel(StencilModel model, int sets) {
        if (model.sets() != sets) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a model with " + sets
                    + " weight set(s), got " + model.sets());
        }
        this.model = model;
        this.keyPrefix = getClass().getName() + "@";
    }

    public StencilModel model() {
        return model;
    }

    /** A tile's int8 error grows with its range, which the host scaling spreads over the model's input. */
    @Override
    public CriticalityMetric criticality() {
        return CriticalityMetric.RANGE;
    }

    /** With per-HLOP scales the error follows the scale each HLOP gets, which only the kernel knows. */
    @Override
    public boolean predictsError() {
        return OutputScale.configured().ladder();
    }

    /**
     * The error at the ladder step a sparse look at about {@code samples} outputs picks, with the input
     * range that look saw.
     */
    @Override
    public double predictedError(VopCall call, Region region, int samples) {
        FloatMatrix in = matrix(call, VopCall.Role.IN);
        OutputScale scale = OutputScale.configured();
        long cells = region.elements();
        int stride = (int) Math.max(1, Math.round(Math.sqrt((double) cells / Math.max(1, samples))));
        OutputLadder.Look look = OutputLadder.look(model, in.tile(region, model.halo()), stride);
        if (look.nonFinite) {
            return Double.POSITIVE_INFINITY;
        }
        HostScaling map = HostScaling.fit(look.inputs(), model.inputRange().withZero());
        return look.expectedError(map, scale.ladder() ? look.step(map, scale.percentile()) : 0, cells);
    }

    @Override
    public Object run(NpuContext npu, VopCall call, Region region) {
        int halo = model.halo();
        if (call.halo() != halo) {
            throw new IllegalStateException(call.name() + " declares halo " + call.halo() + " but its "
                    + model.halo() * 2 + 1 + "-wide NPU stencil needs halo " + halo);
        }
        FloatMatrix in = matrix(call, VopCall.Role.IN);
        FloatMatrix out = matrix(call, VopCall.Role.OUT);
        int rows = region.rows();
        int cols = region.cols();
        FloatMatrix tile = in.tile(region, halo);
        OutputScale scale = OutputScale.configured();
        HostScaling map = scale.scalesInput()
                ? HostScaling.fit(TileRange.of(tile, halo), model.inputRange().withZero()) : HostScaling.IDENTITY;
        int step = scale.ladder()
                ? OutputLadder.look(model, tile, OutputLadder.RUN_STRIDE).step(map, scale.percentile()) : 0;
        NpuTensor result = invoke(npu, tile, map, step);
        long saturated = result.saturated();
        if (saturated >= 0) {
            npu.quantized(step, (double) saturated / result.elements());
        }
        if (npu.claimOutput()) {
            // What saturated is recomputed on the host (a thin edge the sparse look did not see, or the
            // outputs past the percentile): on the ladder, clipping costs time, never accuracy.
            Clip clip = scale.ladder() ? Clip.of(OutputLadder.range(model.outputRange(), step).withZero(), tile, model)
                    : Clip.none();
            storeAll(result, out.region(region), map, clip, call, region);
        }
        return null;
    }

    /** Runs {@code tile}, mapped by {@code map}, through this worker's model for its shape at ladder step {@code step}. */
    private NpuTensor invoke(NpuContext npu, FloatMatrix tile, HostScaling map, int step) {
        int rows = tile.rows();
        int cols = tile.cols();
        // One model per tile shape and ladder step, built once: the key names both.
        NpuInterpreter it = npu.interpreter(keyPrefix + rows + "x" + cols + (step == 0 ? "" : "/" + step),
                () -> model.build(rows, cols, step));
        it.input(0).write(tile, model.halo(), model.inputRowStart(), model.inputRowLength(cols), map.offset(),
                map.scale());
        it.invoke();
        return it.output(0);
    }

    /** The call's first FloatMatrix of {@code role}: a stencil reads one and writes one. */
    private static FloatMatrix matrix(VopCall call, VopCall.Role role) {
        for (VopCall.Arg a : call.args()) {
            if (a.value() instanceof FloatMatrix m && a.role() == role) {
                return m;
            }
        }
        throw new IllegalStateException(call.name() + ": an NPU stencil needs one @In and one @Out FloatMatrix");
    }

    /** This worker thread's buffer for an output tensor row of at least {@code length} values. */
    float[] outputRow(int length) {
        float[] row = rowBuffer.get();
        if (row.length < length) {
            row = new float[length];
            rowBuffer.set(row);
        }
        return row;
    }

    /** Stores the invoked model's output in the HLOP's output region {@code dst}, then {@link #finish}es it. */
    void storeAll(NpuTensor result, FloatMatrix dst, HostScaling map, Clip clip, VopCall call, Region region) {
        store(result, dst, map, clip);
        finish(call, region, dst);
    }

    /**
     * Called with the HLOP's output region {@code dst} once the stencil's result is in it: a VOP whose
     * update is the stencil plus terms it cannot express (another input added cell by cell, a constant)
     * adds them here, in fp32 on the host. Does nothing by default.
     */
    protected void finish(VopCall call, Region region, FloatMatrix dst) {}

    /**
     * Dequantizes the invoked model's output tensor into the HLOP's output region {@code dst}, undoing
     * the input's {@code map}: the model computed {@code W((x - o) s)}, which is {@code s W x - s o sum(W)}.
     * An output at the {@code clip} is recomputed on the host.
     */
    void store(NpuTensor result, FloatMatrix dst, HostScaling map, Clip clip) {
        result.read(dst, 0, model.outputRowLength(dst.cols()));
        float inverse = 1f / map.scale();
        float shift = map.offset() * model.weightSum(0);
        float[] a = dst.array();
        for (int r = 0; r < dst.rows(); r++) {
            int from = dst.offset() + r * dst.stride();
            for (int i = from, end = i + dst.cols(); i < end; i++) {
                a[i] = clip.at(a[i]) ? clip.exact(0, r, i - from) : a[i] * inverse + shift;
            }
        }
    }
}
