package dev.shmt.runtime.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest {@code GLIBC_} and {@code GLIBCXX_} symbol versions a shared library refers to, read from the
 * version strings in its bytes (what {@code objdump -T} lists), and what this machine's glibc and
 * libstdc++ provide. A native library needs a newer one than the machine has: it will not load.
 *
 * @param glibc "2.34", or "" when none is named
 * @param glibcxx "3.4.30", or "" when none is named
 */
public record GlibcVersions(String glibc, String glibcxx) {
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern GLIBCXX = Pattern.compile("GLIBCXX_(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final List<String> LIB_DIRS = List.of("/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib");

    /** The newest versions named in {@code elf}'s bytes. */
    public static GlibcVersions neededBy(byte[] elf) {
        String text = new String(elf, StandardCharsets.ISO_8859_1);
        return new GlibcVersions(newest(GLIBC, text), newest(GLIBCXX, text));
    }

    /** The same for a resource on the class path; null when it is not there. */
    public static GlibcVersions neededByResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : neededBy(in.readAllBytes());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What this machine provides: the newest version its libc.so.6 and libstdc++.so.6 define, from the first
     * of the usual library folders that holds them. "" for one not found.
     */
    public static GlibcVersions ofHost() {
        return new GlibcVersions(newestIn("libc.so.6", GLIBC), newestIn("libstdc++.so.6", GLIBCXX));
    }

    private static String newestIn(String file, Pattern p) {
        for (String d : LIB_DIRS) {
            Path f = HostRoot.path(d + "/" + file);
            if (Files.isReadable(f)) {
                try {
                    return newest(p, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    return "";
                }
            }
        }
        return "";
    }

    private static String newest(Pattern p, String text) {
        String best = "";
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (compare(m.group(1), best) > 0) {
                best = m.group(1);
            }
        }
        return best;
    }

    /** Compares dotted versions numerically; "" is older than everything. */
    public static int compare(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? (b.isEmpty() ? 0 : -1) : 1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Null when {@code host} provides what this needs; otherwise what is missing. */
    public String shortfall(GlibcVersions host) {
        StringBuilder s = new StringBuilder();
        if (!glibc.isEmpty() && !host.glibc.isEmpty() && compare(glibc, host.glibc) > 0) {
            s.append("needs GLIBC_").append(glibc).append(", the machine's glibc is ").append(host.glibc);
        }
        if (!glibcxx.isEmpty() && !host.glibcxx.isEmpty() && compare(glibcxx, host.glibcxx) > 0) {
            s.append(s.length() > 0 ? "; " : "").append("needs GLIBCXX_").append(glibcxx)
                    .append(", the machine's libstdc++ has ").append(host.glibcxx);
        }
        return s.length() == 0 ? null : s.toString();
    }

    /** "GLIBC_2.34, GLIBCXX_3.4.30". */
    public String line() {
        return (glibc.isEmpty() ? "no GLIBC_" : "GLIBC_" + glibc) + ", "
                + (glibcxx.isEmpty() ? "no GLIBCXX_" : "GLIBCXX_" + glibcxx);
    }
}
