package dev.shmt.gpu;

import jcuda.driver.CUresult;

/** Turns the driver API's result codes into exceptions that name the call. */
final class Cuda {
    private Cuda() {}

    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new GpuException(call + " failed: " + CUresult.stringFor(result));
        }
    }

    /** "12.8" for the driver's 12080. */
    static String version(int driverVersion) {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }
}
