package dev.shmt.gpu;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** Turns the driver API's result codes into exceptions that name the call. */
final class Cuda {
    private Cuda() {}

    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new GpuException(call + " failed: " + CUresult.stringFor(result) + description(result));
        }
    }

    /**
     * ": " and the driver's own text for the error ("invalid argument"; the host CUDA stand-in says what
     * it found wrong), or "" when it has none.
     */
    static String description(int result) {
        String[] text = new String[1];
        try {
            if (JCudaDriver.cuGetErrorString(result, text) == CUresult.CUDA_SUCCESS && text[0] != null
                    && !text[0].isBlank() && !text[0].equals(CUresult.stringFor(result))) {
                return ": " + text[0];
            }
        } catch (LinkageError e) {
            // a driver without cuGetErrorString: the code alone names the error
        }
        return "";
    }

    /** "12.8" for the driver's 12080. */
    static String version(int driverVersion) {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }
}
