package dev.shmt.processor;

import static dev.shmt.processor.ProcessorErrorsTest.assertError;

import org.junit.jupiter.api.Test;

/**
 * A REDUCE VOP's {@code @GpuKernel}: the kernel takes the inputs, then the HLOP's partial result, then
 * rows and cols (fixtures/count.cu); the processor checks the declared partial and the PTX's parameters.
 */
class ReduceKernelErrorsTest {
    private static final String ADD = "    static long[] add(long[] a, long[] b) { return a; }";

    @Test
    void kernelParametersThatDoNotMatchAReduceVop() {
        assertError("[ShmtGpuKernelParams] kernel 'count16' in fixtures/count.ptx takes (.u64, .u64, .u32, .u32) but"
                        + " the VOP passes (float*, float, unsigned int*, int, int): a matrix as a pointer and an int"
                        + " stride, an array as a pointer, a scalar as its value, for REDUCE a pointer to the partial"
                        + " result, then int rows, int cols",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE, combiner = \"add\")",
                "    @GpuKernel(ptx = \"/fixtures/count.ptx\", partialLength = 16,",
                "               function = \"count16\") //!",
                "    static long[] count(@In FloatArray px, float scale) { return null; }",
                ADD,
                "}");
    }

    @Test
    void aReduceKernelWithoutItsPartialLength() {
        assertError("[ShmtGpuPartialMissing] kernel 'count16' of REDUCE VOP Ops.count needs partialLength >= 1: the"
                        + " elements of the HLOP's partial result it adds into; got 0",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE, combiner = \"add\")",
                "    @GpuKernel(ptx = \"/fixtures/count.ptx\", function = \"count16\") //!",
                "    static long[] count(@In FloatArray px) { return null; }",
                ADD,
                "}");
    }

    @Test
    void aPartialTypeTheReturnTypeCannotHold() {
        assertError("[ShmtGpuPartialType] a UINT32 partial result (the kernel's unsigned int elements) is returned"
                        + " exactly as long[], but Ops.count returns int[]",
                "class Ops {",
                "    @Vop(partition = Partition.REDUCE, combiner = \"add\")",
                "    @GpuKernel(ptx = \"/fixtures/count.ptx\", function = \"count16\", partialLength = 16,",
                "               partialType = GpuKernel.PartialType.UINT32) //!",
                "    static int[] count(@In FloatArray px) { return null; }",
                "    static int[] add(int[] a, int[] b) { return a; }",
                "}");
    }

    @Test
    void aPartialOnAKernelThatWritesOutputs() {
        assertError("[ShmtGpuPartialModel] partialLength 16 only applies to REDUCE; a TILE_2D kernel writes @Out"
                        + " views and has no partial result",
                "class Ops {",
                "    @Vop(partition = Partition.TILE_2D)",
                "    @GpuKernel(ptx = \"/fixtures/scale.ptx\", function = \"scale\",",
                "               partialLength = 16) //!",
                "    static void scale(@In FloatMatrix a, @Out FloatMatrix b, float k) {}",
                "}");
    }
}
