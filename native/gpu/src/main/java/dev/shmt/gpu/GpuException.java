package dev.shmt.gpu;

/** A CUDA call that failed, named with the driver's error: the runtime re-runs the HLOP elsewhere. */
public final class GpuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GpuException(String message) {
        super(message);
    }
}
