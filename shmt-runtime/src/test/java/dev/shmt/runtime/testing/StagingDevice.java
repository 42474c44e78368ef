package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.TileStaging;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;

/**
 * Test-only: behaves like a device with its own memory. Each HLOP's tile and halo are gathered into a
 * staging buffer, the body runs on that copy into an output staging buffer, and the result is copied
 * back: data moves once each way, through buffers reused across HLOPs.
 */
public final class StagingDevice extends BaseDevice {
    private final ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> new float[2][0]);

    public StagingDevice(String name) {
        super(name, DeviceKind.OTHER, Precision.FP32, 2);
    }

    @Override
    public boolean supports(VopCall call) {
        return call.implementation(StagedTileOp.class) != null;
    }

    @Override
    public Object run(Hlop hlop) {
        StagedTileOp op = hlop.call().implementation(StagedTileOp.class);
        Region tile = hlop.region();
        float[][] buf = buffers.get();
        int inSize = TileStaging.stagedSize(tile, op.halo());
        int outSize = tile.rows() * tile.cols();
        if (buf[0].length < inSize) {
            buf[0] = new float[inSize];
        }
        if (buf[1].length < outSize) {
            buf[1] = new float[outSize];
        }
        TileStaging.gather(op.src(), tile, op.halo(), buf[0], 0);
        FloatMatrix out = FloatMatrix.wrap(buf[1], 0, tile.rows(), tile.cols(), tile.cols());
        op.body().accept(TileStaging.stagedView(buf[0], 0, tile, op.halo()), out);
        op.dst().region(tile).copyFrom(out);
        return null;
    }
}
