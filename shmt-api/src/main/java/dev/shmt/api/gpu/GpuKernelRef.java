package dev.shmt.api.gpu;

import dev.shmt.api.GpuKernel;
import java.util.Objects;

/**
 * Binds a VOP call to its CUDA kernel: the PTX resource (an absolute class-path name, loaded with
 * {@code owner}'s class loader), the kernel's entry name and its launch geometry. Generated from
 * {@link GpuKernel}. A {@code .fatbin} resource of the same base name, when present, is loaded first.
 */
public record GpuKernelRef(Class<?> owner, String resource, String function, GpuKernel.Launch launch) {
    public GpuKernelRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(launch, "launch");
        if (resource.startsWith("/")) {
            throw new IllegalArgumentException("resource is a class-loader name without a leading '/': " + resource);
        }
    }

    /** A kernel with one thread per output cell. */
    public GpuKernelRef(Class<?> owner, String resource, String function) {
        this(owner, resource, function, GpuKernel.Launch.PER_CELL);
    }
}
