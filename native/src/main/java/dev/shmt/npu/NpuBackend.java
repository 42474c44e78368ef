package dev.shmt.npu;

import dev.shmt.npu.edgetpu.EdgeTpuDelegate;
import dev.shmt.npu.edgetpu.EdgeTpuDevice;
import dev.shmt.npu.edgetpu.EdgeTpuLibrary;
import dev.shmt.npu.tflite.Delegate;
import dev.shmt.npu.tflite.TfLiteLibrary;
import dev.shmt.npu.tflite.XnnpackDelegate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NPU device runs on, decided once when it is created: an Edge TPU, TFLite's CPU kernels
 * (with the reason there is no TPU), or nothing (with the reason TFLite itself is missing).
 */
final class NpuBackend {
    static final String LIBRARY_PROPERTY = "shmt.edgetpu.library";
    static final String LIBRARY_ENV = "SHMT_EDGETPU_LIBRARY";

    private final TfLiteLibrary tflite; // null when unavailable
    private final EdgeTpuLibrary edgetpu; // null on tflite-cpu
    private final EdgeTpuDevice tpu;
    private final String line; // "edgetpu usb:0, runtime X" or "tflite-cpu: <why>"
    private final String unavailable;

    private NpuBackend(TfLiteLibrary tflite, EdgeTpuLibrary edgetpu, EdgeTpuDevice tpu, String line, String unavailable) {
        this.tflite = tflite;
        this.edgetpu = edgetpu;
        this.tpu = tpu;
        this.line = line;
        this.unavailable = unavailable;
    }

    static NpuBackend detect() {
        NpuMode mode;
        try {
            mode = NpuMode.configured();
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
            return new NpuBackend(tflite, null, null, "tflite-cpu: Edge TPU not tried (" + NpuMode.origin() + ")", null);
        }
        String name = libraryName();
        EdgeTpuLibrary.Probe probe = EdgeTpuLibrary.probe(name);
        if (probe.found()) {
            EdgeTpuDevice first = probe.devices().get(0);
            return new NpuBackend(tflite, probe.library(), first,
                    "edgetpu " + first.label() + ", runtime " + probe.library().version(), null);
        }
        if (mode == NpuMode.EDGETPU) {
            return failed(NpuMode.origin() + " asks for the Edge TPU, but: " + probe.problem());
        }
        return new NpuBackend(tflite, null, null, "tflite-cpu: " + probe.problem(), null);
    }

    static NpuBackend failed(String why) {
        return new NpuBackend(null, null, null, "", why);
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
