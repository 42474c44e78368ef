package dev.shmt.npu.tflite;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * Loads TensorFlow Lite once: JavaCPP's library (which also exports the XNNPACK delegate, unbound in
 * Java) and a JNA view of the same file for those XNNPACK entry points. Loading failures are kept as
 * the cause, so the NPU device can say why it is unavailable instead of throwing.
 */
public final class TfLiteLibrary {
    /** The XNNPACK delegate's C entry points. */
    interface Xnnpack extends Library {
        XnnpackOptions.ByValue TfLiteXNNPackDelegateOptionsDefault();

        Pointer TfLiteXNNPackDelegateCreate(XnnpackOptions options);

        void TfLiteXNNPackDelegateDelete(Pointer delegate);
    }

    /**
     * {@code TfLiteXNNPackDelegateOptions}: its two leading fields have kept their place since TFLite 2.3,
     * while fields were added after them from release to release, so {@code rest} makes this larger than
     * any release's (a few dozen bytes). Structs over 16 bytes are returned through a caller-allocated
     * buffer on x86_64 and aarch64, so each library writes its own defaults into this one, and gets them
     * back whole with only {@code flags} changed.
     */
    @Structure.FieldOrder({"numThreads", "flags", "rest"})
    public static class XnnpackOptions extends Structure {
        /** TFLITE_XNNPACK_DELEGATE_FLAG_QS8 | TFLITE_XNNPACK_DELEGATE_FLAG_QU8: int8 and uint8 kernels. */
        static final int QUANTIZED = 0x1 | 0x2;

        public int numThreads;
        public int flags;
        public byte[] rest = new byte[504];

        public static class ByValue extends XnnpackOptions implements Structure.ByValue {}
    }

    private static final Object LOCK = new Object();
    private static volatile TfLiteLibrary loaded;
    private static volatile Throwable failure;

    private final String path;
    private final String version;
    private final Xnnpack xnnpack;

    private TfLiteLibrary(String path, String version, Xnnpack xnnpack) {
        this.path = path;
        this.version = version;
        this.xnnpack = xnnpack;
    }

    /** The loaded library; throws {@link IllegalStateException} with the cause when it cannot load. */
    public static TfLiteLibrary get() {
        TfLiteLibrary lib = loaded;
        if (lib != null) {
            return lib;
        }
        synchronized (LOCK) {
            if (loaded == null && failure == null) {
                try {
                    String path = Loader.load(tensorflowlite.class);
                    String version = tensorflowlite.TfLiteVersion().getString();
                    // The same file again through JNA: dlopen hands back the already loaded image.
                    Xnnpack x = Native.load(path, Xnnpack.class);
                    loaded = new TfLiteLibrary(path, version, x);
                } catch (Throwable t) { // UnsatisfiedLinkError, or JavaCPP's own errors on an unknown platform
                    failure = t;
                }
            }
            if (loaded == null) {
                throw new IllegalStateException("TensorFlow Lite's native library did not load for "
                        + Loader.getPlatform() + ": " + failure, failure);
            }
            return loaded;
        }
    }

    /** The file JavaCPP loaded TensorFlow Lite from. */
    public String path() {
        return path;
    }

    /** TensorFlow Lite's own version string, e.g. "2.20.0". */
    public String version() {
        return version;
    }

    /**
     * The org.bytedeco:tensorflow-lite release on the class path, e.g. "2.20.0-1.5.13", from its Maven
     * metadata (kept in the shaded jar) or its manifest; "unknown" when neither is there.
     */
    public static String artifactVersion() {
        try (InputStream in = tensorflowlite.class.getResourceAsStream(
                "/META-INF/maven/org.bytedeco/tensorflow-lite/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // fall back to the manifest below
        }
        Package pkg = tensorflowlite.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        return v == null || v.isBlank() ? "unknown" : v;
    }

    /** "2.20.0 (org.bytedeco:tensorflow-lite 2.20.0-1.5.13)": the release a libedgetpu must pair with. */
    public String release() {
        return version + " (org.bytedeco:tensorflow-lite " + artifactVersion() + ")";
    }

    /**
     * A new XNNPACK delegate with the library's default options (single-threaded) plus its int8 and uint8
     * kernels, which TFLite 2.20 takes by default but 2.12 (the JetPack 4.6 release) only when asked;
     * release it with {@link #deleteXnnpack}.
     */
    public Pointer createXnnpack() {
        XnnpackOptions options = xnnpack.TfLiteXNNPackDelegateOptionsDefault();
        options.flags |= XnnpackOptions.QUANTIZED;
        Pointer d = xnnpack.TfLiteXNNPackDelegateCreate(options);
        if (d == null) {
            throw new IllegalStateException("TfLiteXNNPackDelegateCreate returned null");
        }
        return d;
    }

    public void deleteXnnpack(Pointer delegate) {
        xnnpack.TfLiteXNNPackDelegateDelete(delegate);
    }
}
