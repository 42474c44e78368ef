package dev.shmt.runtime.affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel's own word on where threads run: {@code Cpus_allowed_list} from {@code /proc} (Linux). For
 * checking that pinning took effect, independently of the code that set it.
 */
public final class ThreadCores {
    private ThreadCores() {}

    /** The calling thread's allowed cores, in list form. */
    public static String current() throws IOException {
        return allowedList(Path.of("/proc/thread-self/status"));
    }

    /**
     * Per device, the allowed cores of each live worker thread of the runtime named {@code runtime}
     * ({@link dev.shmt.runtime.ShmtRuntime#name()}), whose workers are {@code <runtime>-<device>-<i>}.
     */
    public static Map<String, List<String>> workers(String runtime) throws IOException {
        // comm holds at most 15 characters of a thread's name; runtime names are far shorter.
        Pattern worker = Pattern.compile(Pattern.quote(runtime) + "-(.+)-\\d+");
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    Matcher m = worker.matcher(Files.readString(t.resolve("comm")).strip());
                    if (m.matches()) {
                        out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(allowedList(t.resolve("status")));
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return out;
    }

    private static String allowedList(Path status) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring("Cpus_allowed_list:".length()).strip();
            }
        }
        throw new IOException("no Cpus_allowed_list in " + status);
    }
}
