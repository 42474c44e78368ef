package dev.shmt.processor;

import static dev.shmt.processor.ProcessorErrorsTest.assertError;
import static dev.shmt.processor.ProcessorErrorsTest.assertWarning;

import org.junit.jupiter.api.Test;

/**
 * {@code @EmulationCost}: positive finite numbers, one per device kind, only for kinds the VOP runs on, and,
 * once a VOP declares any, one for each kind it runs on.
 */
class EmulationCostErrorsTest {
    private static final String GPU_KERNEL = "    @GpuKernel(ptx = \"/fixtures/scale.ptx\", function = \"scale\")";

    @Test
    void aCostOfNoOperations() {
        assertError("[ShmtCostValue] emulation cost opsPerCell for CPU must be a positive finite number (per cell:"
                        + " operations, or bytes of device memory traffic), got 0.0",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 0, bytesPerCell = 8) //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void aCostThatIsNotANumber() {
        assertError("[ShmtCostValue] emulation cost bytesPerCell for CPU must be a positive finite number",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1,",
                "                   bytesPerCell = Double.POSITIVE_INFINITY) //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void twoCostsForOneKind() {
        assertError("[ShmtCostDuplicate] Ops.copy has two emulation costs for CPU: one per device kind",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 2, bytesPerCell = 8) //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void aGpuCostWithoutAGpuKernel() {
        assertError("[ShmtCostUnimplemented] an emulation cost for GPU, but Ops.copy has no @GpuKernel, so no GPU"
                        + " device runs it",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8)",
                "    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 1, bytesPerCell = 8) //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void anNpuCostWithoutAnNpuModel() {
        assertError("[ShmtCostUnimplemented] an emulation cost for NPU, but Ops.copy has no @NpuModel, so no NPU"
                        + " device runs it",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 1, bytesPerCell = 8) //!",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8)",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void aCostForOtherDevices() {
        assertError("[ShmtCostUnimplemented] an emulation cost for OTHER, but Ops.copy runs on no OTHER device:"
                        + " emulation costs are for CPU, GPU (@GpuKernel) and NPU (@NpuModel)",
                "class Ops {",
                "    @Vop(partition = Partition.ELEMENTWISE)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8)",
                "    @EmulationCost(kind = DeviceKind.OTHER, opsPerCell = 1, bytesPerCell = 8) //!",
                "    static void copy(@In FloatArray a, @Out FloatArray b) {}",
                "}");
    }

    @Test
    void noGpuCostForAVopWithAGpuKernel() {
        assertError("[ShmtCostMissing] Ops.scale declares emulation costs but none for GPU, which runs it"
                        + " (@GpuKernel): add @EmulationCost(kind = DeviceKind.GPU, opsPerCell = ..., bytesPerCell ="
                        + " ...), else an emulated device of that kind declines it",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                GPU_KERNEL,
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8)",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {} //!",
                "}");
    }

    @Test
    void noCpuCost() {
        assertError("[ShmtCostMissing] Ops.scale declares emulation costs but none for CPU, which runs it (its body)",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                GPU_KERNEL,
                "    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 1, bytesPerCell = 8)",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {} //!",
                "}");
    }

    @Test
    void noNpuCostForAVopWithAnNpuModel() {
        assertError("[ShmtCostMissing] Ops.copy declares emulation costs but none for NPU, which runs it (@NpuModel)",
                "class Ops {",
                "    public static final class Model implements dev.shmt.api.npu.NpuKernel {",
                "        public Object run(dev.shmt.api.npu.NpuContext n, VopCall c, Region r) { return null; }",
                "    }",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @NpuModel(Model.class)",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8)",
                "    static void copy(@In FloatMatrix a, @Out FloatMatrix b) {} //!",
                "}");
    }

    @Test
    void aCostWithoutVopWarns() {
        assertWarning("[ShmtImplWithoutVop] @EmulationCost on copy has no effect without @Vop",
                "class Ops {",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8) //!",
                "    static void copy(FloatArray a, FloatArray b) {}",
                "}");
    }

    @Test
    void repeatedCostsWithoutVopWarn() {
        assertWarning("[ShmtImplWithoutVop] @EmulationCost on scale has no effect without @Vop",
                "class Ops {",
                "    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 1, bytesPerCell = 8) //!",
                "    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 1, bytesPerCell = 8)",
                "    static void scale(FloatMatrix a, FloatMatrix b, float k) {}",
                "}");
    }
}
