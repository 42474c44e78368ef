package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JNA binding calls the entry points cuda.h maps a name to, never the legacy symbol of the same name:
 * {@code cuMemAlloc} in C is {@code cuMemAlloc_v2}, and the plain {@code cuMemAlloc} the driver still exports
 * takes 32-bit pointers and sizes. (The stand-in exports those legacy symbols with their 32-bit meaning, so a
 * binding that slips shows up in the GPU tests as well; see LegacyEntryPointsOnGpuTest.)
 */
class JnaDriverNamesTest {
    /**
     * Every name cuda.h (CUDA 13.0) defines to a {@code _vN} entry point, read from its
     * {@code #define cuX cuX_vN} lines.
     */
    private static final Set<String> MAPPED = Set.of("cuArray3DCreate", "cuArray3DGetDescriptor", "cuArrayCreate",
            "cuArrayGetDescriptor", "cuCtxCreate", "cuCtxDestroy", "cuCtxPopCurrent", "cuCtxPushCurrent",
            "cuDeviceGetUuid", "cuDevicePrimaryCtxRelease", "cuDevicePrimaryCtxReset", "cuDevicePrimaryCtxSetFlags",
            "cuDeviceTotalMem", "cuEventDestroy", "cuEventElapsedTime", "cuGetProcAddress", "cuGraphAddDependencies",
            "cuGraphAddKernelNode", "cuGraphAddNode", "cuGraphExecKernelNodeSetParams", "cuGraphExecUpdate",
            "cuGraphGetEdges", "cuGraphKernelNodeGetParams", "cuGraphKernelNodeSetParams", "cuGraphNodeGetDependencies",
            "cuGraphNodeGetDependentNodes", "cuGraphRemoveDependencies", "cuGraphicsResourceGetMappedPointer",
            "cuGraphicsResourceSetMapFlags", "cuIpcOpenMemHandle", "cuLinkAddData", "cuLinkAddFile", "cuLinkCreate",
            "cuMemAdvise", "cuMemAlloc", "cuMemAllocHost", "cuMemAllocPitch", "cuMemFree", "cuMemGetAddressRange",
            "cuMemGetInfo", "cuMemHostGetDevicePointer", "cuMemHostRegister", "cuMemPrefetchAsync", "cuMemcpy2D",
            "cuMemcpy2DAsync", "cuMemcpy2DUnaligned", "cuMemcpy3D", "cuMemcpy3DAsync", "cuMemcpy3DBatchAsync",
            "cuMemcpyAtoA", "cuMemcpyAtoD", "cuMemcpyAtoH", "cuMemcpyAtoHAsync", "cuMemcpyBatchAsync", "cuMemcpyDtoA",
            "cuMemcpyDtoD", "cuMemcpyDtoDAsync", "cuMemcpyDtoH", "cuMemcpyDtoHAsync", "cuMemcpyHtoA",
            "cuMemcpyHtoAAsync", "cuMemcpyHtoD", "cuMemcpyHtoDAsync", "cuMemsetD16", "cuMemsetD2D16", "cuMemsetD2D32",
            "cuMemsetD2D8", "cuMemsetD32", "cuMemsetD8", "cuModuleGetGlobal", "cuStreamBatchMemOp",
            "cuStreamBeginCapture", "cuStreamDestroy", "cuStreamGetCaptureInfo", "cuStreamUpdateCaptureDependencies",
            "cuStreamWaitValue32", "cuStreamWaitValue64", "cuStreamWriteValue32", "cuStreamWriteValue64",
            "cuTexRefGetAddress", "cuTexRefSetAddress", "cuTexRefSetAddress2D");

    /**
     * Names whose {@code _v2} came long after CUDA 3.2 and is missing from the drivers a Jetson runs: the
     * original is what a CUDA 10.2 driver has and means the same. cuDevicePrimaryCtxRelease_v2 (CUDA 11.0) is
     * taken when present, at load; cuEventElapsedTime_v2 (CUDA 12.8) is never needed by the SDK.
     */
    private static final Set<String> LATER_V2 = Set.of("cuDevicePrimaryCtxRelease", "cuEventElapsedTime");

    @Test
    void everyDirectMappedEntryPointIsTheOneCudaHMapsTo() {
        List<String> legacy = new ArrayList<>();
        List<String> bound = new ArrayList<>();
        for (Method m : JnaDriver.Lib.class.getDeclaredMethods()) {
            if (!Modifier.isNative(m.getModifiers())) {
                continue;
            }
            bound.add(m.getName());
            if (MAPPED.contains(m.getName()) && !LATER_V2.contains(m.getName())) {
                legacy.add(m.getName() + " (cuda.h calls " + m.getName() + "_v2)");
            }
        }
        assertWithMessage("direct-mapped entry points").that(bound).containsAtLeast("cuMemAlloc_v2",
                "cuMemAllocPitch_v2", "cuMemFree_v2", "cuMemcpy2DAsync_v2", "cuMemcpyHtoDAsync_v2",
                "cuMemcpyDtoHAsync_v2", "cuStreamDestroy_v2", "cuDeviceTotalMem_v2", "cuMemGetInfo_v2", "cuMemHostAlloc",
                "cuLaunchKernel");
        assertWithMessage("legacy 32-bit entry points bound by name").that(legacy).isEmpty();
    }
}
