package dev.shmt.api.gpu;

import java.util.Objects;

/**
 * Binds a VOP call to its CUDA kernel: the PTX resource (an absolute class-path name, loaded with
 * {@code owner}'s class loader) and the kernel's entry name. Generated from {@link dev.shmt.api.GpuKernel}.
 */
public record GpuKernelRef(Class<?> owner, String resource, String function) {
    public GpuKernelRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(function, "function");
        if (resource.startsWith("/")) {
            throw new IllegalArgumentException("resource is a class-loader name without a leading '/': " + resource);
        }
    }
}
