package dev.shmt.npu.edgetpu;

import dev.shmt.npu.tflite.TfLiteLibrary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides whether libedgetpu's delegate may enter this JVM. A libedgetpu built against another
 * TensorFlow commit than the TFLite loaded here segfaults inside TFLite (google-coral/edgetpu#812), and
 * a segfault takes the whole JVM with it; so the delegate is first tried in a child JVM ({@link
 * ProbeProcess}) on a small int8 model, and only a correct answer there lets the NPU device use it. The
 * verdict is kept per (libedgetpu file hash, TFLite release) in {@link ProbeCache}.
 */
public final class EdgeTpuProbe {
    private EdgeTpuProbe() {}

    /** Child JVMs this JVM has started to probe libedgetpu. */
    public static int childrenStarted() {
        return ProbeProcess.started();
    }

    /** The verdict for {@code lib}'s delegate on {@code device} with {@code tflite}; never throws. */
    public static ProbeVerdict check(EdgeTpuLibrary lib, EdgeTpuDevice device, TfLiteLibrary tflite,
            ProbeSettings settings) {
        return check(lib, device, tflite, settings, ProbeCache.standard());
    }

    static ProbeVerdict check(EdgeTpuLibrary lib, EdgeTpuDevice device, TfLiteLibrary tflite, ProbeSettings settings,
            ProbeCache cache) {
        Path file = lib.file();
        String shown = file != null ? file.toString() : lib.name();
        String sha = file == null ? null : sha256(file);
        Path cacheFile = sha == null ? null : cache.file(sha, tflite.version(), TfLiteLibrary.artifactVersion());
        String subject = "the Edge TPU delegate of " + shown + " (runtime " + lib.version() + ") with TensorFlow Lite "
                + tflite.release();
        String reprobe = "delete that file or set " + ProbeSettings.ENV + "=force to probe again";

        if (cacheFile != null && settings.mode() == ProbeSettings.Mode.ON) {
            Optional<ProbeCache.Entry> hit;
            try {
                hit = cache.read(cacheFile);
            } catch (UncheckedIOException e) {
                hit = Optional.empty(); // unreadable: probe as if it were absent
            }
            if (hit.isPresent()) {
                ProbeCache.Entry e = hit.get();
                String from = "verdict read from the probe cache (" + cacheFile + ", probed " + e.probedAt() + "): "
                        + reprobe;
                return e.passed()
                        ? new ProbeVerdict(true, null, "passed: " + e.what() + "; " + from, true, cacheFile, -1)
                        : failure(subject, e.what(), tflite.version(), from, true, cacheFile, -1);
            }
        }

        ProbeProcess.Outcome o = ProbeProcess.run(file != null ? file.toString() : lib.name(), device,
                settings.timeout());
        String where;
        Path kept = null;
        if (!o.cacheable()) {
            where = "not cached: the next start probes again";
        } else if (cacheFile == null) {
            where = "not cached: the library's file could not be located to hash it";
        } else {
            String probedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                cache.write(cacheFile, new ProbeCache.Entry(o.passed(), o.what(), probedAt, shown, lib.version()), sha,
                        tflite.release());
                kept = cacheFile;
                where = "verdict cached in " + cacheFile + ", so later starts skip the probe; " + reprobe;
            } catch (UncheckedIOException e) {
                where = "not cached: " + e.getMessage() + ": " + e.getCause().getMessage();
            }
        }
        if (o.passed()) {
            return new ProbeVerdict(true, null, "passed: " + o.what() + "; " + where, false, kept, o.startupMillis());
        }
        return failure(subject, o.what(), tflite.version(), where, false, kept, o.startupMillis());
    }

    private static ProbeVerdict failure(String subject, String what, String tfliteVersion, String where,
            boolean fromCache, Path cacheFile, long startupMillis) {
        String cause = subject + " failed its probe in a separate process: " + what + ". " + EdgeTpuPairings.known()
                + " " + EdgeTpuPairings.forTflite(tfliteVersion) + " " + capitalized(where);
        return new ProbeVerdict(false, cause, "failed: " + what + "; " + where, fromCache, cacheFile, startupMillis);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Lower-case hex SHA-256 of {@code file}'s bytes; null when it cannot be read (then nothing is cached). */
    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
