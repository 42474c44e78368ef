package dev.shmt.gpu;

/** Prints the gpu device's status line: the forked JVMs of {@link GpuDetectionTest} run it. */
public final class GpuStatusMain {
    private GpuStatusMain() {}

    public static void main(String[] args) {
        for (var d : new GpuDeviceProvider().devices(new dev.shmt.runtime.spi.DeviceConfig(1))) {
            System.out.println(((GpuDevice) d).statusLine());
            d.close();
        }
    }
}
