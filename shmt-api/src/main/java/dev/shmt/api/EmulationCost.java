package dev.shmt.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one cell of a {@link Vop} costs a device of one kind, for emulation only: an emulated device (a
 * device of a profile, {@code Shmt.builder().emulate(...)}) models each HLOP's compute time as a roofline,
 * {@code cells x max(opsPerCell / peak_gops, bytesPerCell / memory_gbs)} nanoseconds, with the peak
 * throughput and memory bandwidth its profile gives, and adds its fixed cost per HLOP and its bus copies.
 * Real devices ignore it. One per device kind the VOP runs on; the processor checks at compile time that
 * once a VOP declares any, it declares one for each kind it implements: CPU always, GPU with a
 * {@link GpuKernel}, NPU with an {@link NpuModel}. Without a cost for its kind, an emulated device
 * declines the VOP, unless its profile gives the VOP a cost of its own (a measured profile does).
 *
 * <p>How to count, per cell of the call's domain (a cell of its first {@code @Out} view; for
 * {@link Partition#REDUCE} an element of its input), for the implementation that kind runs:
 * <ul>
 *   <li>{@link #opsPerCell}: arithmetic operations as the peak counts them, a multiply-add as 2 (a 3 x 3
 *       convolution is 18); a division, square root or exponential as 1 unless the kernel expands it.
 *       For the NPU, the int8 operations of the model's layers per cell, counted the same way (a dense
 *       layer of n inputs and m outputs: 2nm).
 *   <li>{@link #bytesPerCell}: bytes the kernel reads and writes in the device's own memory, each value
 *       once (one float in and one out: 8; the NPU's int8 tensors: 1 byte a value). Not the copies between
 *       host and device: the profile's bus models those from the VOP's views.
 * </ul>
 * Example: {@code @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 40, bytesPerCell = 8)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@Repeatable(EmulationCost.List.class)
public @interface EmulationCost {
    /** The kind of device this cost is for: CPU, GPU or NPU. */
    DeviceKind kind();

    /** Operations per cell, a positive finite number. */
    double opsPerCell();

    /** Bytes of device memory traffic per cell, a positive finite number. */
    double bytesPerCell();

    /** Holds a VOP's repeated {@link EmulationCost}s; written by the compiler, not by hand. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.METHOD)
    @interface List {
        EmulationCost[] value();
    }
}
