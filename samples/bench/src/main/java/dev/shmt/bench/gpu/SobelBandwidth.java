package dev.shmt.bench.gpu;

import dev.shmt.api.GpuKernel;
import dev.shmt.gpu.CudaDriver;
import dev.shmt.gpu.GpuDevice;
import dev.shmt.gpu.KernelLaunch;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ./shmt gpu-bandwidth}: the Sobel kernel on an N x N image already in device memory, timed with
 * CUDA events, as achieved memory bandwidth (one read of each input cell and one write of each output
 * cell) next to the device-to-device copy rate of the same bytes, measured in the same run.
 */
public final class SobelBandwidth {
    private static final int FLOAT = Float.BYTES;

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
        CudaDriver cu = gpu.driverOnThisThread();
        long sobel = gpu.function(SobelBandwidth.class.getClassLoader(),
                "dev/shmt/apps/sobel/sobel.ptx", "sobel3");
        int w = n + 2; // the input carries a one-cell halo on each side
        long[] inPitch = new long[1];
        long[] outPitch = new long[1];
        long[] in = new long[1];
        long[] dst = new long[1];
        long[] copy = new long[1];
        long[] stream = new long[1];
        long[] start = new long[1];
        long[] end = new long[1];
        long bytes = (long) n * n * FLOAT;
        try {
            cu.check(cu.cuMemAllocPitch(in, inPitch, (long) w * FLOAT, w, FLOAT), "cuMemAllocPitch");
            cu.check(cu.cuMemAllocPitch(dst, outPitch, (long) n * FLOAT, n, FLOAT), "cuMemAllocPitch");
            cu.check(cu.cuMemAlloc(copy, bytes), "cuMemAlloc");
            cu.check(cu.cuStreamCreate(stream, 0), "cuStreamCreate");
            cu.check(cu.cuEventCreate(start, 0), "cuEventCreate");
            cu.check(cu.cuEventCreate(end, 0), "cuEventCreate");
            fill(cu, in[0], inPitch[0], w);
            CudaDriver.KernelArgs params = cu.newKernelArgs();
            params.pointer(in[0] + inPitch[0] + FLOAT);
            params.i32((int) (inPitch[0] / FLOAT));
            params.pointer(dst[0]);
            params.i32((int) (outPitch[0] / FLOAT));
            params.i32(n);
            params.i32(n);
            int nn = n;
            Timer timer = new Timer(cu, stream[0], start[0], end[0]);
            float[] kernelMs = timer.time(repeat,
                    () -> KernelLaunch.launch(cu, sobel, GpuKernel.Launch.PER_CELL, nn, nn, stream[0], params));
            float[] copyMs = timer.time(repeat,
                    () -> cu.check(cu.cuMemcpyDtoDAsync(copy[0], dst[0], bytes, stream[0]), "cuMemcpyDtoDAsync"));
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
            for (long p : new long[] {in[0], dst[0], copy[0]}) {
                if (p != 0) {
                    cu.cuMemFree(p);
                }
            }
            for (long e : new long[] {start[0], end[0]}) {
                if (e != 0) {
                    cu.cuEventDestroy(e);
                }
            }
            if (stream[0] != 0) {
                cu.cuStreamDestroy(stream[0]);
            }
        }
    }

    /** Times work on one stream with a pair of events. */
    private record Timer(CudaDriver cu, long stream, long start, long end) {
        /** Milliseconds of each of {@code repeat} runs after two warm-up runs. */
        float[] time(int repeat, Runnable work) {
            work.run();
            work.run();
            float[] ms = new float[repeat];
            for (int i = 0; i < repeat; i++) {
                cu.check(cu.cuEventRecord(start, stream), "cuEventRecord");
                work.run();
                cu.check(cu.cuEventRecord(end, stream), "cuEventRecord");
                cu.check(cu.cuEventSynchronize(end), "cuEventSynchronize");
                float[] t = new float[1];
                cu.check(cu.cuEventElapsedTime(t, start, end), "cuEventElapsedTime");
                ms[i] = t[0];
            }
            return ms;
        }
    }

    private static void fill(CudaDriver cu, long in, long pitch, int w) {
        SplittableRandom rnd = new SplittableRandom(8192);
        float[] row = new float[w];
        for (int r = 0; r < w; r++) {
            for (int c = 0; c < w; c++) {
                row[c] = (float) rnd.nextDouble();
            }
            cu.check(cu.cuMemcpyHtoD(in + r * pitch, row, (long) w * FLOAT), "cuMemcpyHtoD");
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
