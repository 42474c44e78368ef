package dev.shmt.gpu;

import dev.shmt.api.GpuKernel;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * {@code ./shmt gpu-bandwidth}: the Sobel kernel on an N x N image already in device memory, timed with
 * CUDA events, as achieved memory bandwidth (one read of each input cell and one write of each output
 * cell) next to the device-to-device copy rate of the same bytes, measured in the same run.
 */
public final class SobelBandwidth {
    private SobelBandwidth() {}

    public static int run(String[] args, PrintStream out) {
        int n = 8192;
        int repeat = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> n = positive("--size", args, ++i);
                case "--repeat" -> repeat = positive("--repeat", args, ++i);
                default -> throw new IllegalArgumentException("gpu-bandwidth: unknown option '" + args[i]
                        + "' (expected --size N, --repeat R)");
            }
        }
        GpuDevice gpu = GpuDevice.detect(1).get(0);
        if (!gpu.status().isAvailable()) {
            out.println(gpu.statusLine());
            return 1;
        }
        try {
            out.println(gpu.statusLine());
            measure(gpu, n, repeat, out);
            return 0;
        } finally {
            gpu.close();
        }
    }

    private static void measure(GpuDevice gpu, int n, int repeat, PrintStream out) {
        gpu.context().makeCurrent();
        CUfunction sobel = gpu.context().modules().function(SobelBandwidth.class.getClassLoader(),
                "dev/shmt/gpu/kernels/stencils.ptx", "sobel3");
        int w = n + 2; // the input carries a one-cell halo on each side
        long[] inPitch = new long[1];
        long[] outPitch = new long[1];
        CUdeviceptr in = new CUdeviceptr();
        CUdeviceptr dst = new CUdeviceptr();
        CUdeviceptr copy = new CUdeviceptr();
        Cuda.check(JCudaDriver.cuMemAllocPitch(in, inPitch, (long) w * Sizeof.FLOAT, w, Sizeof.FLOAT), "cuMemAllocPitch");
        Cuda.check(JCudaDriver.cuMemAllocPitch(dst, outPitch, (long) n * Sizeof.FLOAT, n, Sizeof.FLOAT), "cuMemAllocPitch");
        long bytes = (long) n * n * Sizeof.FLOAT;
        Cuda.check(JCudaDriver.cuMemAlloc(copy, bytes), "cuMemAlloc");
        CUstream stream = new CUstream();
        CUevent start = new CUevent();
        CUevent end = new CUevent();
        try {
            Cuda.check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
            Cuda.check(JCudaDriver.cuEventCreate(start, 0), "cuEventCreate");
            Cuda.check(JCudaDriver.cuEventCreate(end, 0), "cuEventCreate");
            fill(in, inPitch[0], w);
            Pointer params = Pointer.to(Pointer.to(in.withByteOffset(inPitch[0] + Sizeof.FLOAT)),
                    Pointer.to(new int[] {(int) (inPitch[0] / Sizeof.FLOAT)}), Pointer.to(dst),
                    Pointer.to(new int[] {(int) (outPitch[0] / Sizeof.FLOAT)}), Pointer.to(new int[] {n}),
                    Pointer.to(new int[] {n}));
            int nn = n;
            float[] kernelMs = time(repeat, stream, start, end,
                    () -> KernelLaunch.launch(sobel, GpuKernel.Launch.PER_CELL, nn, nn, stream, params));
            float[] copyMs = time(repeat, stream, start, end,
                    () -> Cuda.check(JCudaDriver.cuMemcpyDtoDAsync(copy, dst, bytes, stream), "cuMemcpyDtoDAsync"));
            double moved = 2.0 * bytes; // one read and one write of every cell, for both
            double kernelGbs = moved / (median(kernelMs) * 1e6);
            double copyGbs = moved / (median(copyMs) * 1e6);
            out.printf(Locale.ROOT, "sobel3 %d x %d, %d runs: median %.3f ms (min %.3f, max %.3f) = %.0f GB/s"
                    + " (reads %d MiB + writes %d MiB)%n", n, n, repeat, median(kernelMs), min(kernelMs), max(kernelMs),
                    kernelGbs, bytes >> 20, bytes >> 20);
            out.printf(Locale.ROOT, "device-to-device copy of %d MiB: median %.3f ms = %.0f GB/s%n", bytes >> 20,
                    median(copyMs), copyGbs);
            out.printf(Locale.ROOT, "sobel3 achieves %.0f%% of the copy rate%n", 100 * kernelGbs / copyGbs);
        } finally {
            JCudaDriver.cuMemFree(in);
            JCudaDriver.cuMemFree(dst);
            JCudaDriver.cuMemFree(copy);
            JCudaDriver.cuEventDestroy(start);
            JCudaDriver.cuEventDestroy(end);
            JCudaDriver.cuStreamDestroy(stream);
        }
    }

    /** Milliseconds of each of {@code repeat} runs after two warm-up runs. */
    private static float[] time(int repeat, CUstream stream, CUevent start, CUevent end, Runnable work) {
        work.run();
        work.run();
        float[] ms = new float[repeat];
        for (int i = 0; i < repeat; i++) {
            Cuda.check(JCudaDriver.cuEventRecord(start, stream), "cuEventRecord");
            work.run();
            Cuda.check(JCudaDriver.cuEventRecord(end, stream), "cuEventRecord");
            Cuda.check(JCudaDriver.cuEventSynchronize(end), "cuEventSynchronize");
            float[] t = new float[1];
            Cuda.check(JCudaDriver.cuEventElapsedTime(t, start, end), "cuEventElapsedTime");
            ms[i] = t[0];
        }
        return ms;
    }

    private static void fill(CUdeviceptr in, long pitch, int w) {
        SplittableRandom rnd = new SplittableRandom(8192);
        float[] row = new float[w];
        for (int r = 0; r < w; r++) {
            for (int c = 0; c < w; c++) {
                row[c] = (float) rnd.nextDouble();
            }
            Cuda.check(JCudaDriver.cuMemcpyHtoD(in.withByteOffset(r * pitch), Pointer.to(row), (long) w * Sizeof.FLOAT),
                    "cuMemcpyHtoD");
        }
    }

    private static float median(float[] v) {
        float[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static float min(float[] v) {
        float m = v[0];
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static float max(float[] v) {
        float m = v[0];
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static int positive(String option, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("gpu-bandwidth: " + option + " needs a value");
        }
        try {
            int v = Integer.parseInt(args[i]);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("gpu-bandwidth: " + option + " must be a whole number >= 1, got '" + args[i] + "'");
    }
}
