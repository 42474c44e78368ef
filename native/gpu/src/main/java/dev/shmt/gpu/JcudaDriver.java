package dev.shmt.gpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUDA_MEMCPY2D;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmemorytype;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * The CUDA driver through JCuda's JNI binding, where JCuda publishes its natives (linux-x86_64). JCuda wraps
 * every handle and pointer in an object; this class turns them into the 64-bit values of {@link CudaDriver}
 * and back, through JCuda's own field for the native value.
 */
final class JcudaDriver implements CudaDriver {
    private static final VarHandle NATIVE_POINTER;

    static {
        try {
            NATIVE_POINTER = MethodHandles.privateLookupIn(NativePointerObject.class, MethodHandles.lookup())
                    .findVarHandle(NativePointerObject.class, "nativePointer", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    JcudaDriver() {
        JCudaDriver.setExceptionsEnabled(false);
    }

    private static long value(NativePointerObject o) {
        return (long) NATIVE_POINTER.get(o);
    }

    private static <T extends NativePointerObject> T of(T fresh, long value) {
        NATIVE_POINTER.set(fresh, value);
        return fresh;
    }

    private static CUdeviceptr dev(long p) {
        return of(new CUdeviceptr(), p);
    }

    private static CUstream stream(long s) {
        return s == 0 ? null : of(new CUstream(), s);
    }

    private static CUdevice device(int ordinal) {
        // JCuda's CUdevice carries the driver's int device number as its native value.
        return of(new CUdevice(), ordinal);
    }

    @Override
    public String binding() {
        return "jcuda " + JcudaBinding.VERSION;
    }

    @Override
    public int cuInit(int flags) {
        return JCudaDriver.cuInit(flags);
    }

    @Override
    public int cuDriverGetVersion(int[] version) {
        return JCudaDriver.cuDriverGetVersion(version);
    }

    @Override
    public int cuDeviceGetCount(int[] count) {
        return JCudaDriver.cuDeviceGetCount(count);
    }

    @Override
    public int cuDeviceGet(int[] device, int ordinal) {
        CUdevice d = new CUdevice();
        int r = JCudaDriver.cuDeviceGet(d, ordinal);
        device[0] = (int) value(d);
        return r;
    }

    @Override
    public int cuDeviceGetName(byte[] name, int device) {
        return JCudaDriver.cuDeviceGetName(name, name.length, device(device));
    }

    @Override
    public int cuDeviceTotalMem(long[] bytes, int device) {
        return JCudaDriver.cuDeviceTotalMem(bytes, device(device));
    }

    @Override
    public int cuDeviceGetAttribute(int[] value, int attribute, int device) {
        return JCudaDriver.cuDeviceGetAttribute(value, attribute, device(device));
    }

    @Override
    public int cuDevicePrimaryCtxRetain(long[] context, int device) {
        CUcontext c = new CUcontext();
        int r = JCudaDriver.cuDevicePrimaryCtxRetain(c, device(device));
        context[0] = value(c);
        return r;
    }

    @Override
    public int cuDevicePrimaryCtxRelease(int device) {
        return JCudaDriver.cuDevicePrimaryCtxRelease(device(device));
    }

    @Override
    public int cuCtxSetCurrent(long context) {
        return JCudaDriver.cuCtxSetCurrent(of(new CUcontext(), context));
    }

    @Override
    public int cuMemGetInfo(long[] free, long[] total) {
        return JCudaDriver.cuMemGetInfo(free, total);
    }

    @Override
    public int cuModuleLoadData(long[] module, byte[] image) {
        CUmodule m = new CUmodule();
        int r = JCudaDriver.cuModuleLoadData(m, image);
        module[0] = value(m);
        return r;
    }

    @Override
    public int cuModuleLoadDataJit(long[] module, byte[] ptx, byte[] errorLog) {
        CUmodule m = new CUmodule();
        JITOptions jit = new JITOptions();
        jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, errorLog.length);
        jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[errorLog.length]);
        int r = JCudaDriver.cuModuleLoadDataJIT(m, Pointer.to(ptx), jit);
        byte[] log = jit.getBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
        if (log != null) {
            System.arraycopy(log, 0, errorLog, 0, Math.min(log.length, errorLog.length));
        }
        module[0] = value(m);
        return r;
    }

    @Override
    public int cuModuleGetFunction(long[] function, long module, String name) {
        CUfunction f = new CUfunction();
        int r = JCudaDriver.cuModuleGetFunction(f, of(new CUmodule(), module), name);
        function[0] = value(f);
        return r;
    }

    @Override
    public int cuModuleUnload(long module) {
        return JCudaDriver.cuModuleUnload(of(new CUmodule(), module));
    }

    @Override
    public int cuMemAlloc(long[] pointer, long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        pointer[0] = value(p);
        return r;
    }

    @Override
    public int cuMemAllocPitch(long[] pointer, long[] pitch, long widthBytes, long height, int elementBytes) {
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAllocPitch(p, pitch, widthBytes, height, elementBytes);
        pointer[0] = value(p);
        return r;
    }

    @Override
    public int cuMemFree(long pointer) {
        return JCudaDriver.cuMemFree(dev(pointer));
    }

    @Override
    public int cuMemHostAlloc(long[] pointer, long bytes) {
        Pointer p = new Pointer();
        int r = JCudaDriver.cuMemHostAlloc(p, bytes, 0);
        pointer[0] = value(p);
        return r;
    }

    @Override
    public int cuMemFreeHost(long pointer) {
        return JCudaDriver.cuMemFreeHost(of(new Pointer(), pointer));
    }

    @Override
    public ByteBuffer hostBuffer(long address, long bytes) {
        // JCuda gives a buffer only for the Pointer object it allocated; any address will do for JNA's.
        return new com.sun.jna.Pointer(address).getByteBuffer(0, bytes);
    }

    @Override
    public int cuMemcpyHtoD(long device, float[] host, long bytes) {
        return JCudaDriver.cuMemcpyHtoD(dev(device), Pointer.to(host), bytes);
    }

    @Override
    public int cuMemcpyHtoDAsync(long device, long host, long bytes, long stream) {
        return JCudaDriver.cuMemcpyHtoDAsync(dev(device), of(new Pointer(), host), bytes, stream(stream));
    }

    @Override
    public int cuMemcpyDtoHAsync(long host, long device, long bytes, long stream) {
        return JCudaDriver.cuMemcpyDtoHAsync(of(new Pointer(), host), dev(device), bytes, stream(stream));
    }

    @Override
    public int cuMemcpyDtoDAsync(long to, long from, long bytes, long stream) {
        return JCudaDriver.cuMemcpyDtoDAsync(dev(to), dev(from), bytes, stream(stream));
    }

    @Override
    public int cuMemsetD32Async(long device, int value, long count, long stream) {
        return JCudaDriver.cuMemsetD32Async(dev(device), value, count, stream(stream));
    }

    @Override
    public int cuStreamCreate(long[] stream, int flags) {
        CUstream s = new CUstream();
        int r = JCudaDriver.cuStreamCreate(s, flags);
        stream[0] = value(s);
        return r;
    }

    @Override
    public int cuStreamSynchronize(long stream) {
        return JCudaDriver.cuStreamSynchronize(stream(stream));
    }

    @Override
    public int cuStreamDestroy(long stream) {
        return JCudaDriver.cuStreamDestroy(stream(stream));
    }

    @Override
    public int cuEventCreate(long[] event, int flags) {
        CUevent e = new CUevent();
        int r = JCudaDriver.cuEventCreate(e, flags);
        event[0] = value(e);
        return r;
    }

    @Override
    public int cuEventRecord(long event, long stream) {
        return JCudaDriver.cuEventRecord(of(new CUevent(), event), stream(stream));
    }

    @Override
    public int cuEventSynchronize(long event) {
        return JCudaDriver.cuEventSynchronize(of(new CUevent(), event));
    }

    @Override
    public int cuEventElapsedTime(float[] ms, long start, long end) {
        return JCudaDriver.cuEventElapsedTime(ms, of(new CUevent(), start), of(new CUevent(), end));
    }

    @Override
    public int cuEventDestroy(long event) {
        return JCudaDriver.cuEventDestroy(of(new CUevent(), event));
    }

    @Override
    public Copy2D newCopy2D() {
        CUDA_MEMCPY2D c = new CUDA_MEMCPY2D();
        return (toDevice, host, hostPitch, device, devicePitch, widthBytes, height, stream) -> {
            c.srcMemoryType = toDevice ? CUmemorytype.CU_MEMORYTYPE_HOST : CUmemorytype.CU_MEMORYTYPE_DEVICE;
            c.dstMemoryType = toDevice ? CUmemorytype.CU_MEMORYTYPE_DEVICE : CUmemorytype.CU_MEMORYTYPE_HOST;
            c.srcHost = toDevice ? of(new Pointer(), host) : null;
            c.srcDevice = toDevice ? null : dev(device);
            c.srcPitch = toDevice ? hostPitch : devicePitch;
            c.dstHost = toDevice ? null : of(new Pointer(), host);
            c.dstDevice = toDevice ? dev(device) : null;
            c.dstPitch = toDevice ? devicePitch : hostPitch;
            c.WidthInBytes = widthBytes;
            c.Height = height;
            return JCudaDriver.cuMemcpy2DAsync(c, stream(stream));
        };
    }

    @Override
    public KernelArgs newKernelArgs() {
        return new Args();
    }

    @Override
    public int cuLaunchKernel(long function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
            int sharedBytes, long stream, KernelArgs args) {
        return JCudaDriver.cuLaunchKernel(of(new CUfunction(), function), gridX, gridY, gridZ, blockX, blockY, blockZ,
                sharedBytes, stream(stream), ((Args) args).params(), null);
    }

    @Override
    public String errorName(int result) {
        String name = CUresult.stringFor(result);
        return name.startsWith("INVALID CUresult") ? null : name;
    }

    @Override
    public String errorString(int result) {
        String[] text = new String[1];
        try {
            return JCudaDriver.cuGetErrorString(result, text) == CUDA_SUCCESS ? text[0] : null;
        } catch (LinkageError e) {
            return null; // a driver without cuGetErrorString: the name alone says it
        }
    }

    /** JCuda's form of kernel parameters: a pointer to pointers, each to one value in a Java array. */
    private static final class Args implements KernelArgs {
        private final List<NativePointerObject> values = new ArrayList<>();

        Pointer params() {
            return Pointer.to(values.toArray(new NativePointerObject[0]));
        }

        @Override
        public void clear() {
            values.clear();
        }

        @Override
        public void pointer(long devicePointer) {
            values.add(Pointer.to(dev(devicePointer)));
        }

        @Override
        public void i32(int value) {
            values.add(Pointer.to(new int[] {value}));
        }

        @Override
        public void i64(long value) {
            values.add(Pointer.to(new long[] {value}));
        }

        @Override
        public void f32(float value) {
            values.add(Pointer.to(new float[] {value}));
        }

        @Override
        public void f64(double value) {
            values.add(Pointer.to(new double[] {value}));
        }
    }
}
