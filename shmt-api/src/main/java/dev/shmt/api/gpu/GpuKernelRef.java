package dev.shmt.api.gpu;

import dev.shmt.api.GpuKernel;
import java.util.Objects;

/**
 * Binds a VOP call to its CUDA kernel: the PTX resource (an absolute class-path name, loaded with
 * {@code owner}'s class loader), the kernel's entry name, its launch geometry and, for a REDUCE kernel,
 * its partial result. Generated from {@link GpuKernel}. A {@code .fatbin} resource of the same base name,
 * when present, is loaded first.
 *
 * @param partial the partial result a REDUCE kernel adds into; null for a kernel that writes {@code @Out} views
 */
public record GpuKernelRef(Class<?> owner, String resource, String function, GpuKernel.Launch launch,
        Partial partial) {
    public GpuKernelRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(launch, "launch");
        if (resource.startsWith("/")) {
            throw new IllegalArgumentException("resource is a class-loader name without a leading '/': " + resource);
        }
    }

    /** A kernel that writes {@code @Out} views, launched as {@code launch} says. */
    public GpuKernelRef(Class<?> owner, String resource, String function, GpuKernel.Launch launch) {
        this(owner, resource, function, launch, null);
    }

    /** A kernel with one thread per output cell. */
    public GpuKernelRef(Class<?> owner, String resource, String function) {
        this(owner, resource, function, GpuKernel.Launch.PER_CELL);
    }

    /**
     * A REDUCE kernel's partial result: {@code length} elements of {@code type} in device memory, zeroed
     * before each HLOP and returned as a new {@code javaType} array ({@link GpuKernel#partialLength()},
     * {@link GpuKernel#partialType()} and the VOP's return type).
     */
    public record Partial(GpuKernel.PartialType type, int length, Class<?> javaType) {
        public Partial {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(javaType, "javaType");
            if (length < 1) {
                throw new IllegalArgumentException("partial length must be >= 1, got " + length);
            }
            if (!type.javaTypes().contains(javaType)) {
                throw new IllegalArgumentException("a " + type + " partial converts exactly to "
                        + type.javaTypes().stream().map(Class::getSimpleName).toList() + ", not to "
                        + javaType.getSimpleName());
            }
        }
    }
}
