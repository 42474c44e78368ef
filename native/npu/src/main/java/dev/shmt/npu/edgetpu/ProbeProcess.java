package dev.shmt.npu.edgetpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link EdgeTpuProbeChild} in a child JVM (this JVM's java, this JVM's class path) and turns how
 * it ended into an {@link Outcome}: what it printed, its exit status, the JVM's crash report, or the
 * step it was stuck in when the timeout killed it.
 */
final class ProbeProcess {
    /** The JVM start, TFLite's loading and the CPU reference: generous, since no libedgetpu code runs yet. */
    static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

    private static final AtomicInteger STARTED = new AtomicInteger();

    /** For failures that are not libedgetpu's: the way around a probe that cannot run here. */
    private static final String OFF_HINT = " (" + ProbeSettings.ENV + "=off skips the probe, at the risk of the crash"
            + " it guards against)";

    private static final Map<String, String> STEPS = Map.of(
            EdgeTpuProbeChild.TFLITE, "while loading TensorFlow Lite",
            EdgeTpuProbeChild.REFERENCE, "while computing the CPU reference",
            EdgeTpuProbeChild.LIBRARY, "while loading libedgetpu",
            EdgeTpuProbeChild.DELEGATE, "while creating the delegate (edgetpu_create_delegate)",
            EdgeTpuProbeChild.INTERPRETER, "while TensorFlow Lite handed the model to the delegate (its Prepare)",
            EdgeTpuProbeChild.INVOKE, "in the first invoke (the delegate's kernel)",
            EdgeTpuProbeChild.FREE, "while freeing the delegate (edgetpu_free_delegate)");

    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    /** The JVM's crash banner: "#  SIGSEGV (0xb) at pc=..." and the frame under "# Problematic frame:". */
    private static final Pattern CRASH_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x([0-9a-fA-F]+)\\)");

    /**
     * How the child ended.
     *
     * @param passed the delegate ran the model and matched the CPU
     * @param what what happened, for causes ("signal 11 (SIGSEGV) while creating the delegate ...")
     * @param cacheable whether the same library and TFLite would do the same next time (a crash, a
     *     wrong answer) rather than something passing (a busy device, a JVM that did not start)
     * @param libraryVersion edgetpu_version() as the child read it, or null
     * @param startupMillis from the child's start until it began loading libedgetpu; -1 if it never did
     */
    record Outcome(boolean passed, String what, boolean cacheable, String libraryVersion, long startupMillis) {}

    private ProbeProcess() {}

    /** Child JVMs started by this JVM so far (tests check that a cached verdict starts none). */
    static int started() {
        return STARTED.get();
    }

    static Outcome run(String library, EdgeTpuDevice device, Duration timeout) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("shmt-edgetpu-probe");
        } catch (IOException e) {
            return new Outcome(false, "could not start the probe process: no temporary directory: " + e, false, null, -1);
        }
        try {
            return run(library, device, timeout, tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    private static Outcome run(String library, EdgeTpuDevice device, Duration timeout, Path tmp) {
        List<String> cmd = command(tmp, library, device);
        Process p;
        long start = System.nanoTime();
        try {
            // Its working directory is tmp, so nothing it leaves behind (a core) lands in the user's.
            // Its stdin stays an open pipe until the probe ends: the child exits when that pipe closes.
            p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        } catch (IOException e) {
            return new Outcome(false, "could not start the probe process " + cmd.get(0) + ": " + e.getMessage(),
                    false, null, -1);
        }
        STARTED.incrementAndGet();
        Lines out = new Lines(p);
        out.start();
        boolean killed = false;
        String killedWhy = null;
        try {
            while (!p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                long libraryAt = out.libraryAt;
                if (libraryAt == 0 && now - start > STARTUP_LIMIT.toNanos()) {
                    killedWhy = "startup";
                } else if (libraryAt != 0 && now - libraryAt > timeout.toNanos()) {
                    killedWhy = "hang";
                }
                if (killedWhy != null) {
                    p.destroyForcibly();
                    p.waitFor();
                    killed = true;
                    break;
                }
            }
            out.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(false, "the probe was interrupted", false, null, -1);
        } finally {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // the child is gone already
            }
        }
        long startup = out.libraryAt == 0 ? -1 : (out.libraryAt - start) / 1_000_000;
        List<String> lines = out.snapshot();
        Parsed r = Parsed.of(lines);
        if (killed) {
            if (killedWhy.equals("startup")) {
                return new Outcome(false, "the probe process did not reach libedgetpu within " + seconds(STARTUP_LIMIT)
                        + " (" + describe(r.step) + ")" + stderrTail(tmp) + OFF_HINT, false, r.version, startup);
            }
            return new Outcome(false, "it hung " + describe(r.step) + ": no answer " + seconds(timeout)
                    + " after loading libedgetpu (the probe process was killed; " + ProbeSettings.TIMEOUT_ENV
                    + " sets the limit)", true, r.version, startup);
        }
        int exit = p.exitValue();
        if (r.done && exit == 0) {
            if (r.wrong == 0) {
                return new Outcome(true, "its " + r.n + " output bytes matched TensorFlow Lite's CPU kernels", true,
                        r.version, startup);
            }
            return new Outcome(false, "wrong bytes " + r.wrong + " of " + r.n + " against TensorFlow Lite's CPU"
                    + " kernels (first at byte " + r.first + ": expected " + r.expected + ", got " + r.got
                    + "; off by up to " + r.maxDiff + ")", true, r.version, startup);
        }
        if (r.sizes != null) {
            return new Outcome(false, "wrong output size: " + r.sizes, true, r.version, startup);
        }
        if (r.refusedDelegate != null) {
            // Often a device that another process holds: worth asking again next time.
            return new Outcome(false, "the delegate was refused: " + r.refusedDelegate, false, r.version, startup);
        }
        if (r.refusedGraph != null) {
            return new Outcome(false, "the delegate was refused: " + r.refusedGraph, true, r.version, startup);
        }
        if (r.loadFail != null) {
            return new Outcome(false, "the probe process could not load it: " + r.loadFail, false, null, startup);
        }
        boolean inLibedgetpu = r.step != null && !r.step.equals(EdgeTpuProbeChild.TFLITE)
                && !r.step.equals(EdgeTpuProbeChild.REFERENCE);
        String signal = signal(exit, lines, tmp);
        if (signal != null) {
            String what = signal + " " + describe(r.step) + " (the probe process died with exit code " + exit
                    + frame(lines, tmp) + ")";
            return new Outcome(false, what, inLibedgetpu, r.version, startup);
        }
        String error = r.error != null ? r.error : "exit code " + exit;
        return new Outcome(false, "the probe process failed " + describe(r.step) + ": " + error + stderrTail(tmp)
                + OFF_HINT, false, r.version, startup);
    }

    /** This JVM's java with a small heap and a quick start, this JVM's class path, and the child's arguments. */
    static List<String> command(Path tmp, String library, EdgeTpuDevice device) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-XX:ErrorFile=" + tmp.resolve("hs_err_pid%p.log"));
        if (Runtime.version().feature() >= 17) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        // Settings that decide where JavaCPP and JNA find their natives, as this JVM has them.
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> k.startsWith("org.bytedeco.") || k.startsWith("jna.") || k.equals("java.library.path"))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        // JavaCPP counts the process's resident memory against twice the heap; TFLite alone exceeds 128 MB.
        cmd.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EdgeTpuProbeChild.class.getName());
        cmd.add(library);
        cmd.add(String.valueOf(device.type()));
        cmd.add(device.path());
        cmd.add(device.label());
        return cmd;
    }

    static String describe(String step) {
        return step == null ? "before the probe began (while the JVM started)" : STEPS.getOrDefault(step, "in " + step);
    }

    /**
     * "signal 11 (SIGSEGV)" when the child died of one; null when it did not. The JVM catches a signal
     * in native code, writes its crash report and exits (1 without a core dump, 134 with): the report
     * names the signal. Without a report, an exit status past 128 is death by signal (status - 128).
     */
    private static String signal(int exit, List<String> lines, Path tmp) {
        for (String text : withCrashReport(lines, tmp)) {
            Matcher m = CRASH_SIGNAL.matcher(text);
            if (m.find()) {
                return "signal " + Integer.parseInt(m.group(2), 16) + " (" + m.group(1) + ")";
            }
        }
        if (exit <= 128) {
            return null;
        }
        int sig = exit - 128;
        return "signal " + sig + (SIGNALS.containsKey(sig) ? " (" + SIGNALS.get(sig) + ")" : "");
    }

    /** "; the JVM's crash report names C [libedgetpu.so.1+0x1139] edgetpu_create_delegate+0x9", or "". */
    private static String frame(List<String> lines, Path tmp) {
        List<String> all = withCrashReport(lines, tmp);
        for (int i = 0; i + 1 < all.size(); i++) {
            if (all.get(i).contains("Problematic frame:")) {
                String f = all.get(i + 1).replaceFirst("^#\\s*", "").replaceAll("\\s+", " ").trim();
                return f.isEmpty() ? "" : "; the JVM's crash report names the frame " + f;
            }
        }
        return "";
    }

    private static List<String> withCrashReport(List<String> lines, Path tmp) {
        List<String> all = new ArrayList<>(lines);
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.filter(x -> x.getFileName().toString().startsWith("hs_err")).toList()) {
                all.addAll(Files.readAllLines(f, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // the banner on stdout is enough
        }
        return all;
    }

    /** The last lines the child wrote to stderr, for failures that are not libedgetpu's. */
    private static String stderrTail(Path tmp) {
        try {
            List<String> lines = Files.readAllLines(tmp.resolve("stderr"), StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return "";
            }
            return "; its stderr ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** Reads the child's stdout as it comes, noting when it starts on libedgetpu (the timeout's start). */
    private static final class Lines extends Thread {
        private final Process p;
        private final List<String> lines = new ArrayList<>();
        volatile long libraryAt;

        Lines(Process p) {
            super("shmt-edgetpu-probe-reader");
            setDaemon(true);
            this.p = p;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(EdgeTpuProbeChild.PREFIX + "step " + EdgeTpuProbeChild.LIBRARY)) {
                        libraryAt = System.nanoTime();
                    }
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone; what was read is all there is
            }
        }

        List<String> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }

    /** The child's own lines (see {@link EdgeTpuProbeChild}). */
    private static final class Parsed {
        String step;
        String version;
        String loadFail;
        String refusedDelegate;
        String refusedGraph;
        String error;
        String sizes;
        boolean done;
        int n;
        int wrong;
        int maxDiff;
        int first;
        int expected;
        int got;

        static Parsed of(List<String> lines) {
            Parsed r = new Parsed();
            for (String line : lines) {
                if (!line.startsWith(EdgeTpuProbeChild.PREFIX)) {
                    continue;
                }
                String s = line.substring(EdgeTpuProbeChild.PREFIX.length());
                int sp = s.indexOf(' ');
                String key = sp < 0 ? s : s.substring(0, sp);
                String rest = sp < 0 ? "" : s.substring(sp + 1);
                switch (key) {
                    case "step" -> r.step = rest;
                    case "version" -> r.version = rest;
                    case "loadfail" -> r.loadFail = rest;
                    case "refused-delegate" -> r.refusedDelegate = rest;
                    case "refused-graph" -> r.refusedGraph = rest;
                    case "error" -> r.error = rest;
                    case "sizes" -> r.sizes = "expected " + rest.replace(" ", " bytes, got ") + " bytes";
                    case "done" -> r.done = true;
                    case "result" -> {
                        String[] f = rest.split(" ");
                        r.n = Integer.parseInt(f[0]);
                        r.wrong = Integer.parseInt(f[1]);
                        r.maxDiff = Integer.parseInt(f[2]);
                        r.first = Integer.parseInt(f[3]);
                        r.expected = Integer.parseInt(f[4]);
                        r.got = Integer.parseInt(f[5]);
                    }
                    default -> { } // a line from a newer child: ignore
                }
            }
            return r;
        }
    }
}
