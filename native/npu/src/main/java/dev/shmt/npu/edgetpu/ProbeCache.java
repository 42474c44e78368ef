package dev.shmt.npu.edgetpu;

import dev.shmt.npu.train.AtomicFiles;
import dev.shmt.npu.train.ModelCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Probe verdicts on disk, one small properties file per (SHA-256 of the libedgetpu file, TFLite
 * release), in {@code edgetpu-probe/} under the model cache directory. The pair decides the outcome:
 * another libedgetpu build or another TFLite is another file.
 */
final class ProbeCache {
    /** Bump when the probe changes what it checks, so older verdicts are not trusted. */
    static final int FORMAT = 1;

    private final Path directory;

    ProbeCache(Path directory) {
        this.directory = directory;
    }

    /** {@code <model cache>/edgetpu-probe}: see {@link ModelCache#defaultDirectory()}. */
    static ProbeCache standard() {
        return new ProbeCache(ModelCache.defaultDirectory().resolve("edgetpu-probe"));
    }

    /** What a verdict file holds. */
    record Entry(boolean passed, String what, String probedAt, String library, String libraryVersion) {}

    Path file(String librarySha256, String tfliteVersion, String artifactVersion) {
        String release = (tfliteVersion + "_" + artifactVersion).replaceAll("[^A-Za-z0-9._-]", "-");
        return directory.resolve(librarySha256 + "_tflite-" + release + ".properties");
    }

    /** The verdict in {@code file}; empty when there is none, or one from another probe format. */
    Optional<Entry> read(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Edge TPU probe verdict " + file, e);
        }
        String verdict = p.getProperty("verdict");
        if (!String.valueOf(FORMAT).equals(p.getProperty("format"))
                || !("passed".equals(verdict) || "failed".equals(verdict))) {
            return Optional.empty(); // an older probe wrote it: probe again and overwrite it
        }
        return Optional.of(new Entry("passed".equals(verdict), p.getProperty("what", ""), p.getProperty("probed", "?"),
                p.getProperty("library", "?"), p.getProperty("library.version", "?")));
    }

    /** Writes {@code e} to {@code file} through a temporary file, so readers never see half of it. */
    void write(Path file, Entry e, String sha256, String tfliteRelease) {
        Properties p = new Properties();
        p.setProperty("format", String.valueOf(FORMAT));
        p.setProperty("verdict", e.passed() ? "passed" : "failed");
        p.setProperty("what", e.what());
        p.setProperty("probed", e.probedAt());
        p.setProperty("library", e.library());
        p.setProperty("library.version", e.libraryVersion());
        p.setProperty("library.sha256", sha256);
        p.setProperty("tflite", tfliteRelease);
        try {
            Files.createDirectories(directory);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.store(bytes, "SHMT Edge TPU probe verdict: delete this file (or set SHMT_EDGETPU_PROBE=force) to probe again");
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the Edge TPU probe verdict to " + directory, ex);
        }
    }
}
