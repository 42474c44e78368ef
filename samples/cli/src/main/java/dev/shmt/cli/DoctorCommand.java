package dev.shmt.cli;

import dev.shmt.runtime.spi.DoctorCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./shmt doctor}: this machine against what each device needs, one line per thing looked at, with
 * the fix for each that is wrong. Exit code 0 when every device the machine has is usable.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks this machine against what each device needs (architecture and JVM, Jetson and "
                + "JetPack, glibc and libstdc++ against the bundled natives, CUDA driver, compute capability, "
                + "binding and kernels, Edge TPUs, their permissions, libedgetpu and its probe, TensorFlow Lite, "
                + "cores) and says how to fix what is wrong. Exit code 0 when every device this machine has is "
                + "usable, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<DoctorCheck> checks = new ArrayList<>();
        ServiceLoader.load(DoctorCheck.class, DoctorCommand.class.getClassLoader()).forEach(checks::add);
        checks.sort(Comparator.comparingInt(DoctorCheck::order));
        List<String> failed = new ArrayList<>();
        for (DoctorCheck c : checks) {
            DoctorCheck.Section s = c.check();
            String verdict = !s.present() ? "not on this machine" : s.usable() ? "OK" : "NOT USABLE";
            out.println(s.name() + ": " + verdict);
            for (DoctorCheck.Finding f : s.findings()) {
                out.println("  [" + (f.ok() ? "ok" : "!!") + "] " + f.item() + ": " + f.found());
                if (!f.ok() && !f.fix().isEmpty()) {
                    out.println("       fix: " + f.fix());
                }
            }
            if (s.present() && !s.usable()) {
                failed.add(s.name());
            }
        }
        out.println(failed.isEmpty() ? "doctor: every device this machine has is usable"
                : "doctor: not usable: " + String.join(", ", failed));
        out.flush();
        return failed.isEmpty() ? 0 : 1;
    }
}
