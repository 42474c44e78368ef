package dev.shmt.npu;

import dev.shmt.npu.edgetpu.EdgeTpuDelegate;
import dev.shmt.npu.edgetpu.EdgeTpuDevice;
import dev.shmt.npu.edgetpu.EdgeTpuLibrary;
import dev.shmt.npu.edgetpu.EdgeTpuProbe;
import dev.shmt.npu.edgetpu.ProbeSettings;
import dev.shmt.npu.edgetpu.ProbeVerdict;
import dev.shmt.npu.tflite.Delegate;
import dev.shmt.npu.tflite.TfLiteLibrary;
import dev.shmt.npu.tflite.XnnpackDelegate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NPU device runs on, decided once when it is created: an Edge TPU, TFLite's CPU kernels
 * (with the reason there is no TPU), or nothing (with the reason TFLite itself is missing). A listed
 * Edge TPU is used only once its delegate has passed {@link EdgeTpuProbe} in a child process (or the
 * probe is switched off), since a libedgetpu that does not pair with this TFLite crashes the process.
 */
final class NpuBackend {
    static final String LIBRARY_PROPERTY = "shmt.edgetpu.library";
    static final String LIBRARY_ENV = "SHMT_EDGETPU_LIBRARY";

    private final TfLiteLibrary tflite; // null when unavailable
    private final EdgeTpuLibrary edgetpu; // null on tflite-cpu
    private final EdgeTpuDevice tpu;
    private final String line; // "edgetpu usb:0, runtime X" or "tflite-cpu: <why>"
    private final String unavailable;
    private final String probe; // the probe's summary; null when no TPU was listed or tried

    private NpuBackend(TfLiteLibrary tflite, EdgeTpuLibrary edgetpu, EdgeTpuDevice tpu, String line, String unavailable,
            String probe) {
        this.tflite = tflite;
        this.edgetpu = edgetpu;
        this.tpu = tpu;
        this.line = line;
        this.unavailable = unavailable;
        this.probe = probe;
    }

    static NpuBackend detect() {
        NpuMode mode;
        try {
            mode = NpuMode.configured();
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        ProbeSettings probeSettings;
        try {
            probeSettings = ProbeSettings.configured();
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        TfLiteLibrary tflite;
        try {
            tflite = TfLiteLibrary.get();
        } catch (IllegalStateException e) {
            return failed(e.getMessage());
        }
        if (mode == NpuMode.TFLITE_CPU) {
            return new NpuBackend(tflite, null, null, "tflite-cpu: Edge TPU not tried (" + NpuMode.origin() + ")", null,
                    null);
        }
        String name = libraryName();
        EdgeTpuLibrary.Probe probe = EdgeTpuLibrary.probe(name);
        if (!probe.found()) {
            return cpuOrFail(mode, tflite, probe.problem(), null);
        }
        EdgeTpuDevice first = probe.devices().get(0);
        String tpuLine = "edgetpu " + first.label() + ", runtime " + probe.library().version();
        if (probeSettings.mode() == ProbeSettings.Mode.OFF) {
            String skipped = "probe skipped (" + probeSettings.origin() + ")";
            return new NpuBackend(tflite, probe.library(), first, tpuLine + ", " + skipped, null, skipped);
        }
        ProbeVerdict verdict = EdgeTpuProbe.check(probe.library(), first, tflite, probeSettings);
        if (!verdict.passed()) {
            return cpuOrFail(mode, tflite, verdict.cause(), verdict.summary());
        }
        return new NpuBackend(tflite, probe.library(), first, tpuLine, null, verdict.summary());
    }

    /** TFLite's CPU kernels because of {@code why}; unavailable instead when the user asked for the TPU. */
    private static NpuBackend cpuOrFail(NpuMode mode, TfLiteLibrary tflite, String why, String probe) {
        if (mode == NpuMode.EDGETPU) {
            return new NpuBackend(null, null, null, "", NpuMode.origin() + " asks for the Edge TPU, but: " + why, probe);
        }
        return new NpuBackend(tflite, null, null, "tflite-cpu: " + why, null, probe);
    }

    static NpuBackend failed(String why) {
        return new NpuBackend(null, null, null, "", why, null);
    }

    static String libraryName() {
        String p = System.getProperty(LIBRARY_PROPERTY);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv(LIBRARY_ENV);
        return e != null && !e.isBlank() ? e : EdgeTpuLibrary.DEFAULT_NAME;
    }

    /** Null when the device can run; otherwise why it cannot. */
    String unavailable() {
        return unavailable;
    }

    /**
     * The Edge TPU probe's verdict in one line ("passed: ...; verdict cached in ...", "failed: ...",
     * "probe skipped (SHMT_EDGETPU_PROBE=off)"); null when no Edge TPU was listed or it was not tried.
     */
    String probe() {
        return probe;
    }

    boolean onEdgeTpu() {
        return tpu != null;
    }

    /** "edgetpu usb:0, runtime X" or "tflite-cpu: no libedgetpu.so.1". */
    String line() {
        return line;
    }

    String tfliteVersion() {
        return tflite == null ? "" : tflite.version();
    }

    /**
     * Fresh delegates for one interpreter: the Edge TPU first (it takes what it can run), then XNNPACK
     * for every operation left on the CPU.
     */
    List<Delegate> delegates() {
        List<Delegate> out = new ArrayList<>(2);
        try {
            if (tpu != null) {
                out.add(new EdgeTpuDelegate(edgetpu, tpu));
            }
            out.add(new XnnpackDelegate());
        } catch (RuntimeException e) {
            out.forEach(Delegate::close);
            throw e;
        }
        return out;
    }
}
