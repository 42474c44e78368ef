package dev.shmt.gpu;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The CUDA driver through JNA's direct mapping straight into {@code libcuda.so.1}: no native code of ours,
 * so it loads wherever JNA does (linux-aarch64 included, where JCuda publishes no natives). Every entry
 * point is the one {@code cuda.h} maps its name to: {@code cuMemAlloc} is {@code cuMemAlloc_v2} there, and
 * the plain symbols are the legacy ones with 32-bit sizes and pointers. Handles and pointers are passed as
 * 64-bit values, which is what they are on every platform this binding loads on.
 */
final class JnaDriver implements CudaDriver {
    /** JIT option numbers (cuda.h, CUjit_option). */
    private static final int CU_JIT_ERROR_LOG_BUFFER = 5;
    private static final int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    private static final int CU_MEMORYTYPE_HOST = 1;
    private static final int CU_MEMORYTYPE_DEVICE = 2;

    private final NativeLibrary library;
    private final String primaryCtxRelease;

    private JnaDriver(NativeLibrary library, String primaryCtxRelease) {
        this.library = library;
        this.primaryCtxRelease = primaryCtxRelease;
    }

    /**
     * Binds {@code libraryName} (dlopen's search, or a path). Throws {@link UnsatisfiedLinkError} when the
     * library or one of its entry points is missing, naming which.
     */
    static JnaDriver load(String libraryName) {
        if (Native.POINTER_SIZE != 8) {
            throw new UnsatisfiedLinkError("the JNA CUDA binding needs a 64-bit JVM (pointers here are "
                    + Native.POINTER_SIZE + " bytes)");
        }
        NativeLibrary lib = NativeLibrary.getInstance(libraryName);
        Native.register(Lib.class, lib);
        // cuda.h maps cuDevicePrimaryCtxRelease to its _v2 from CUDA 11.0 on; a CUDA 10.2 driver (JetPack
        // 4.6) has only the original, which does the same.
        String release = has(lib, "cuDevicePrimaryCtxRelease_v2") ? "cuDevicePrimaryCtxRelease_v2"
                : "cuDevicePrimaryCtxRelease";
        return new JnaDriver(lib, release);
    }

    private static boolean has(NativeLibrary lib, String symbol) {
        try {
            lib.getFunction(symbol);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** The path JNA loaded libcuda from. */
    String path() {
        return library.getFile() != null ? library.getFile().getPath() : library.getName();
    }

    @Override
    public String binding() {
        return "jna " + Native.VERSION;
    }

    @Override
    public int cuInit(int flags) {
        return Lib.cuInit(flags);
    }

    @Override
    public int cuDriverGetVersion(int[] version) {
        return Lib.cuDriverGetVersion(version);
    }

    @Override
    public int cuDeviceGetCount(int[] count) {
        return Lib.cuDeviceGetCount(count);
    }

    @Override
    public int cuDeviceGet(int[] device, int ordinal) {
        return Lib.cuDeviceGet(device, ordinal);
    }

    @Override
    public int cuDeviceGetName(byte[] name, int device) {
        return Lib.cuDeviceGetName(name, name.length, device);
    }

    @Override
    public int cuDeviceTotalMem(long[] bytes, int device) {
        return Lib.cuDeviceTotalMem_v2(bytes, device);
    }

    @Override
    public int cuDeviceGetAttribute(int[] value, int attribute, int device) {
        return Lib.cuDeviceGetAttribute(value, attribute, device);
    }

    @Override
    public int cuDevicePrimaryCtxRetain(long[] context, int device) {
        return Lib.cuDevicePrimaryCtxRetain(context, device);
    }

    @Override
    public int cuDevicePrimaryCtxRelease(int device) {
        Function f = library.getFunction(primaryCtxRelease);
        return f.invokeInt(new Object[] {device});
    }

    @Override
    public int cuCtxSetCurrent(long context) {
        return Lib.cuCtxSetCurrent(context);
    }

    @Override
    public int cuMemGetInfo(long[] free, long[] total) {
        return Lib.cuMemGetInfo_v2(free, total);
    }

    @Override
    public int cuModuleLoadData(long[] module, byte[] image) {
        return Lib.cuModuleLoadData(module, image);
    }

    @Override
    public int cuModuleLoadDataJit(long[] module, byte[] ptx, byte[] errorLog) {
        try (Memory log = new Memory(errorLog.length)) {
            log.clear();
            int r = Lib.cuModuleLoadDataEx(module, ptx, 2,
                    new int[] {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES},
                    new long[] {Pointer.nativeValue(log), errorLog.length});
            log.read(0, errorLog, 0, errorLog.length);
            return r;
        }
    }

    @Override
    public int cuModuleGetFunction(long[] function, long module, String name) {
        return Lib.cuModuleGetFunction(function, module, name);
    }

    @Override
    public int cuModuleUnload(long module) {
        return Lib.cuModuleUnload(module);
    }

    @Override
    public int cuMemAlloc(long[] pointer, long bytes) {
        return Lib.cuMemAlloc_v2(pointer, bytes);
    }

    @Override
    public int cuMemAllocPitch(long[] pointer, long[] pitch, long widthBytes, long height, int elementBytes) {
        return Lib.cuMemAllocPitch_v2(pointer, pitch, widthBytes, height, elementBytes);
    }

    @Override
    public int cuMemFree(long pointer) {
        return Lib.cuMemFree_v2(pointer);
    }

    @Override
    public int cuMemHostAlloc(long[] pointer, long bytes) {
        return Lib.cuMemHostAlloc(pointer, bytes, 0);
    }

    @Override
    public int cuMemFreeHost(long pointer) {
        return Lib.cuMemFreeHost(pointer);
    }

    @Override
    public ByteBuffer hostBuffer(long address, long bytes) {
        return new Pointer(address).getByteBuffer(0, bytes);
    }

    @Override
    public int cuMemcpyHtoD(long device, float[] host, long bytes) {
        if (bytes > (long) host.length * Float.BYTES) {
            throw new IllegalArgumentException("cuMemcpyHtoD: " + bytes + " bytes from a float[" + host.length + "]");
        }
        return Lib.cuMemcpyHtoD_v2(device, host, bytes);
    }

    @Override
    public int cuMemcpyHtoDAsync(long device, long host, long bytes, long stream) {
        return Lib.cuMemcpyHtoDAsync_v2(device, host, bytes, stream);
    }

    @Override
    public int cuMemcpyDtoHAsync(long host, long device, long bytes, long stream) {
        return Lib.cuMemcpyDtoHAsync_v2(host, device, bytes, stream);
    }

    @Override
    public int cuMemcpyDtoDAsync(long to, long from, long bytes, long stream) {
        return Lib.cuMemcpyDtoDAsync_v2(to, from, bytes, stream);
    }

    @Override
    public int cuMemsetD32Async(long device, int value, long count, long stream) {
        return Lib.cuMemsetD32Async(device, value, count, stream);
    }

    @Override
    public int cuStreamCreate(long[] stream, int flags) {
        return Lib.cuStreamCreate(stream, flags);
    }

    @Override
    public int cuStreamSynchronize(long stream) {
        return Lib.cuStreamSynchronize(stream);
    }

    @Override
    public int cuStreamDestroy(long stream) {
        return Lib.cuStreamDestroy_v2(stream);
    }

    @Override
    public int cuEventCreate(long[] event, int flags) {
        return Lib.cuEventCreate(event, flags);
    }

    @Override
    public int cuEventRecord(long event, long stream) {
        return Lib.cuEventRecord(event, stream);
    }

    @Override
    public int cuEventSynchronize(long event) {
        return Lib.cuEventSynchronize(event);
    }

    @Override
    public int cuEventElapsedTime(float[] ms, long start, long end) {
        return Lib.cuEventElapsedTime(ms, start, end);
    }

    @Override
    public int cuEventDestroy(long event) {
        return Lib.cuEventDestroy_v2(event);
    }

    @Override
    public Copy2D newCopy2D() {
        return new NativeCopy2D();
    }

    @Override
    public KernelArgs newKernelArgs() {
        return new NativeArgs();
    }

    @Override
    public int cuLaunchKernel(long function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
            int sharedBytes, long stream, KernelArgs args) {
        return Lib.cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedBytes, stream,
                ((NativeArgs) args).pointers(), 0L);
    }

    @Override
    public String errorName(int result) {
        long[] text = new long[1];
        return Lib.cuGetErrorName(result, text) == CUDA_SUCCESS && text[0] != 0 ? new Pointer(text[0]).getString(0)
                : null;
    }

    @Override
    public String errorString(int result) {
        long[] text = new long[1];
        return Lib.cuGetErrorString(result, text) == CUDA_SUCCESS && text[0] != 0 ? new Pointer(text[0]).getString(0)
                : null;
    }

    /**
     * CUDA_MEMCPY2D in native memory (128 bytes: size_t and pointer fields, the two memory-type enums padded to
     * 8), written field by field for each copy. It is read by the call, so reuse is safe once it returns.
     */
    private static final class NativeCopy2D implements Copy2D {
        private final Memory struct = new Memory(128);
        private final long address = Pointer.nativeValue(struct);

        NativeCopy2D() {
            struct.clear();
        }

        @Override
        public int copyAsync(boolean toDevice, long host, long hostPitch, long device, long devicePitch, long widthBytes,
                long height, long stream) {
            // source: srcXInBytes 0, srcY 8, srcMemoryType 16, srcHost 24, srcDevice 32, srcArray 40, srcPitch 48
            struct.setInt(16, toDevice ? CU_MEMORYTYPE_HOST : CU_MEMORYTYPE_DEVICE);
            struct.setLong(24, toDevice ? host : 0);
            struct.setLong(32, toDevice ? 0 : device);
            struct.setLong(48, toDevice ? hostPitch : devicePitch);
            // destination: dstXInBytes 56, dstY 64, dstMemoryType 72, dstHost 80, dstDevice 88, dstArray 96,
            // dstPitch 104; then WidthInBytes 112, Height 120
            struct.setInt(72, toDevice ? CU_MEMORYTYPE_DEVICE : CU_MEMORYTYPE_HOST);
            struct.setLong(80, toDevice ? 0 : host);
            struct.setLong(88, toDevice ? device : 0);
            struct.setLong(104, toDevice ? devicePitch : hostPitch);
            struct.setLong(112, widthBytes);
            struct.setLong(120, height);
            return Lib.cuMemcpy2DAsync_v2(address, stream);
        }
    }

    /**
     * One 8-byte slot per parameter value and, beside them, the array of pointers to the slots that
     * cuLaunchKernel reads: the pointers never change, so a launch only writes values.
     */
    private static final class NativeArgs implements KernelArgs {
        private Memory values;
        private Memory pointers;
        private int capacity;
        private int count;

        NativeArgs() {
            grow(16);
        }

        private void grow(int slots) {
            Memory v = new Memory(8L * slots);
            Memory p = new Memory(8L * slots);
            if (values != null) {
                v.write(0, values.getByteArray(0, 8 * count), 0, 8 * count);
            }
            for (int i = 0; i < slots; i++) {
                p.setLong(8L * i, Pointer.nativeValue(v) + 8L * i);
            }
            values = v;
            pointers = p;
            capacity = slots;
        }

        private long slot() {
            if (count == capacity) {
                grow(2 * capacity);
            }
            return 8L * count++;
        }

        long pointers() {
            return Pointer.nativeValue(pointers);
        }

        @Override
        public void clear() {
            count = 0;
        }

        @Override
        public void pointer(long devicePointer) {
            values.setLong(slot(), devicePointer);
        }

        @Override
        public void i32(int value) {
            values.setInt(slot(), value);
        }

        @Override
        public void i64(long value) {
            values.setLong(slot(), value);
        }

        @Override
        public void f32(float value) {
            values.setFloat(slot(), value);
        }

        @Override
        public void f64(double value) {
            values.setDouble(slot(), value);
        }
    }

    /**
     * The direct-mapped entry points. Each Java name is the exported symbol; {@code JnaDriverNamesTest} keeps
     * them to the names cuda.h maps to.
     */
    static final class Lib {
        private Lib() {}

        static native int cuInit(int flags);

        static native int cuDriverGetVersion(int[] version);

        static native int cuDeviceGetCount(int[] count);

        static native int cuDeviceGet(int[] device, int ordinal);

        static native int cuDeviceGetName(byte[] name, int length, int device);

        static native int cuDeviceTotalMem_v2(long[] bytes, int device);

        static native int cuDeviceGetAttribute(int[] value, int attribute, int device);

        static native int cuDevicePrimaryCtxRetain(long[] context, int device);

        static native int cuCtxSetCurrent(long context);

        static native int cuMemGetInfo_v2(long[] free, long[] total);

        static native int cuModuleLoadData(long[] module, byte[] image);

        static native int cuModuleLoadDataEx(long[] module, byte[] image, int options, int[] keys, long[] values);

        static native int cuModuleGetFunction(long[] function, long module, String name);

        static native int cuModuleUnload(long module);

        static native int cuMemAlloc_v2(long[] pointer, long bytes);

        static native int cuMemAllocPitch_v2(long[] pointer, long[] pitch, long widthBytes, long height, int elementBytes);

        static native int cuMemFree_v2(long pointer);

        static native int cuMemHostAlloc(long[] pointer, long bytes, int flags);

        static native int cuMemFreeHost(long pointer);

        static native int cuMemcpyHtoD_v2(long device, float[] host, long bytes);

        static native int cuMemcpyHtoDAsync_v2(long device, long host, long bytes, long stream);

        static native int cuMemcpyDtoHAsync_v2(long host, long device, long bytes, long stream);

        static native int cuMemcpyDtoDAsync_v2(long to, long from, long bytes, long stream);

        static native int cuMemcpy2DAsync_v2(long copy, long stream);

        static native int cuMemsetD32Async(long device, int value, long count, long stream);

        static native int cuStreamCreate(long[] stream, int flags);

        static native int cuStreamSynchronize(long stream);

        static native int cuStreamDestroy_v2(long stream);

        static native int cuEventCreate(long[] event, int flags);

        static native int cuEventRecord(long event, long stream);

        static native int cuEventSynchronize(long event);

        static native int cuEventElapsedTime(float[] ms, long start, long end);

        static native int cuEventDestroy_v2(long event);

        static native int cuLaunchKernel(long function, int gridX, int gridY, int gridZ, int blockX, int blockY,
                int blockZ, int sharedBytes, long stream, long params, long extra);

        static native int cuGetErrorName(int result, long[] name);

        static native int cuGetErrorString(int result, long[] text);
    }
}
