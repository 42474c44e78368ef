package dev.shmt.cli;

import dev.shmt.bench.gpu.SobelBandwidth;
import dev.shmt.cli.StencilDemo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * Commands that parse their own options ({@code demo}, {@code gpu-bandwidth}, {@code jmh}): picocli
 * hands them every argument unchanged.
 */
final class PassThrough {
    private PassThrough() {}

    @Command(name = "demo", description = "A tiled 2-D stencil (blur5, sharpen3 or sobel) on every available "
            + "device, checked against the untiled reference. Options: [--vop blur5|sharpen3|sobel] [--size N] "
            + "[--tile T] [--policy P] [--cpu-threads N] [--repeat R]")
    static final class Demo implements Callable<Integer> {
        @ParentCommand
        ShmtCommand shmt;

        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return StencilDemo.run(args.toArray(new String[0]), shmt.out());
        }
    }

    @Command(name = "gpu-bandwidth", description = "The Sobel kernel's memory bandwidth on the GPU against the "
            + "device-to-device copy rate. Options: [--size N] [--repeat R]")
    static final class GpuBandwidth implements Callable<Integer> {
        @ParentCommand
        ShmtCommand shmt;

        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return SobelBandwidth.run(args.toArray(new String[0]), shmt.out());
        }
    }

    @Command(name = "jmh", description = "The runtime's JMH benchmarks, e.g. ./shmt jmh HlopOverhead; takes JMH's options.")
    static final class Jmh implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(args.toArray(new String[0]));
            return 0;
        }
    }
}
