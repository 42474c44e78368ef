package dev.shmt.samples;

import java.util.Arrays;

/** Entry point of the {@code ./shmt} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        try {
            dispatch(args);
        } catch (IllegalArgumentException e) {
            // Bad options are the user's to fix: say what was wrong, no stack trace.
            System.err.println("shmt: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void dispatch(String[] args) throws Exception {
        String cmd = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (cmd) {
            case "demo":
                System.exit(StencilDemo.run(rest, System.out));
                break;
            case "devices":
                System.exit(DevicesCommand.run(System.out));
                break;
            case "gpu-bandwidth":
                System.exit(dev.shmt.gpu.SobelBandwidth.run(rest, System.out));
                break;
            case "jmh":
                org.openjdk.jmh.Main.main(rest);
                break;
            case "help":
            case "-h":
            case "--help":
                System.out.println(usage());
                break;
            default:
                System.err.println("unknown command '" + cmd + "'\n" + usage());
                System.exit(2);
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: ./shmt <command> [options]",
                "  devices                        every device found, with the cause for each unavailable one",
                "  demo [--vop blur5|sharpen3|sobel] [--size N] [--tile T] [--policy P] [--cpu-threads N] [--repeat R]",
                "                                 a tiled 2-D stencil on every available device, with its report",
                "                                 (sharpen3 and sobel also run on the NPU, int8: their error is reported)",
                "  gpu-bandwidth [--size N] [--repeat R]",
                "                                 the Sobel kernel's memory bandwidth on the GPU (default 8192 x 8192)",
                "                                 against the device-to-device copy rate",
                "  jmh [JMH options] [regex]      the runtime's JMH benchmarks (e.g. ./shmt jmh HlopOverhead, NpuStencil)");
    }
}
