package dev.shmt.npu.edgetpu;

import dev.shmt.npu.kernels.StencilModel;
import dev.shmt.npu.quant.ValueRange;
import dev.shmt.npu.tflite.LiteInterpreter;
import dev.shmt.npu.tflite.TfLiteLibrary;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * The child process of {@link EdgeTpuProbe}: runs a small int8 CONV_2D model on TFLite's builtin CPU
 * kernels, then through the Edge TPU delegate, and prints how far it got. Every step is announced on
 * stdout before it starts, so when libedgetpu kills this process the parent knows which step did it.
 *
 * <p>Arguments: library (path or name), device type (0 PCIe, 1 USB), device path, device label.
 */
public final class EdgeTpuProbeChild {
    /** Every line the parent reads starts with this; anything else on stdout (a JVM crash banner) is context. */
    static final String PREFIX = "shmt-probe ";

    // Steps, in order. The parent names them in its verdicts (see EdgeTpuProbe.describe).
    static final String TFLITE = "tflite";
    static final String REFERENCE = "reference";
    static final String LIBRARY = "library";
    static final String DELEGATE = "delegate";
    static final String INTERPRETER = "interpreter";
    static final String INVOKE = "invoke";
    static final String FREE = "free";

    private EdgeTpuProbeChild() {}

    public static void main(String[] args) {
        if (args.length != 4) {
            say("error expected 4 arguments (library, device type, device path, label), got " + args.length);
            System.exit(2);
        }
        exitWithParent();
        try {
            probe(args[0], new EdgeTpuDevice(Integer.parseInt(args[1]), args[2], args[3]));
            System.exit(0);
        } catch (Throwable t) { // anything Java can still report: the parent shows it as the probe's failure
            say("error " + oneLine(String.valueOf(t)));
            System.exit(3);
        }
    }

    /**
     * The parent holds this process's stdin open while it waits; if the parent dies, stdin ends and so
     * does this process, even when libedgetpu holds the main thread forever.
     */
    private static void exitWithParent() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; only the end matters
                }
            } catch (java.io.IOException e) {
                // a broken pipe is an end too
            }
            Runtime.getRuntime().halt(4);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void probe(String library, EdgeTpuDevice device) {
        step(TFLITE);
        say("tflite " + TfLiteLibrary.get().version());
        step(REFERENCE);
        byte[] model = model();
        byte[] input = input(model);
        byte[] expected = run(model, input, null);
        if (expected == null) {
            return; // run() said why
        }

        step(LIBRARY);
        EdgeTpuLibrary.Probe p = EdgeTpuLibrary.probe(library);
        if (p.library() == null) {
            say("loadfail " + oneLine(p.problem()));
            return;
        }
        EdgeTpuLibrary lib = p.library();
        say("version " + oneLine(lib.version()));
        step(DELEGATE);
        com.sun.jna.Pointer delegate;
        try {
            delegate = lib.createDelegate(device);
        } catch (IllegalStateException e) {
            say("refused-delegate " + oneLine(e.getMessage()));
            return;
        }
        byte[] got = run(model, input, delegate);
        step(FREE);
        lib.freeDelegate(delegate);
        if (got == null) {
            return;
        }
        compare(expected, got);
        say("done");
    }

    /** The model: a 3x3 stencil as int8 CONV_2D on 8 x 32 tiles, as the NPU device builds them. */
    private static byte[] model() {
        float[] sobelX = {-0.25f, 0, 0.25f, -0.5f, 0, 0.5f, -0.25f, 0, 0.25f};
        ByteBuffer b = new StencilModel(sobelX, 3, new ValueRange(0f, 1f)).build(8, 32);
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Fixed pseudo-random int8 input covering every code, sized from the model's input tensor. */
    private static byte[] input(byte[] model) {
        BytePointer buf = new BytePointer(model.length).put(model, 0, model.length);
        TfLiteModel m = tensorflowlite.TfLiteModelCreate(buf, model.length);
        TfLiteInterpreter it = tensorflowlite.TfLiteInterpreterCreate(m, null);
        try {
            tensorflowlite.TfLiteInterpreterAllocateTensors(it);
            byte[] in = new byte[(int) tensorflowlite.TfLiteTensorByteSize(tensorflowlite.TfLiteInterpreterGetInputTensor(it, 0))];
            SplittableRandom r = new SplittableRandom(31);
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) r.nextInt(256);
            }
            return in;
        } finally {
            tensorflowlite.TfLiteInterpreterDelete(it);
            tensorflowlite.TfLiteModelDelete(m);
            buf.close();
        }
    }

    /**
     * The model's output bytes for {@code input}, on the builtin kernels ({@code delegate} null) or with
     * the delegate alone in front of them; null (after saying why) when TFLite or the delegate refuses.
     */
    private static byte[] run(byte[] model, byte[] input, com.sun.jna.Pointer delegate) {
        boolean tpu = delegate != null;
        BytePointer buf = new BytePointer(model.length).put(model, 0, model.length);
        TfLiteModel m = tensorflowlite.TfLiteModelCreate(buf, model.length);
        TfLiteInterpreterOptions options = tensorflowlite.TfLiteInterpreterOptionsCreate();
        TfLiteInterpreter it = null;
        try {
            tensorflowlite.TfLiteInterpreterOptionsSetNumThreads(options, 1);
            if (tpu) {
                tensorflowlite.TfLiteInterpreterOptionsAddDelegate(options, LiteInterpreter.opaque(delegate));
                step(INTERPRETER); // TFLite hands the graph to the delegate's Prepare here
            }
            it = tensorflowlite.TfLiteInterpreterCreate(m, options);
            if (it == null || it.isNull()) {
                return refused(tpu, "TensorFlow Lite could not create an interpreter"
                        + (tpu ? " with the Edge TPU delegate (its Prepare failed)" : ""));
            }
            if (tensorflowlite.TfLiteInterpreterAllocateTensors(it) != tensorflowlite.kTfLiteOk) {
                return refused(tpu, "TensorFlow Lite could not allocate tensors");
            }
            TfLiteTensor in = tensorflowlite.TfLiteInterpreterGetInputTensor(it, 0);
            try (BytePointer inBytes = new BytePointer(input.length).put(input, 0, input.length)) {
                tensorflowlite.TfLiteTensorCopyFromBuffer(in, inBytes, input.length);
            }
            if (tpu) {
                step(INVOKE);
            }
            if (tensorflowlite.TfLiteInterpreterInvoke(it) != tensorflowlite.kTfLiteOk) {
                return refused(tpu, "the first invoke returned an error");
            }
            TfLiteTensor out = tensorflowlite.TfLiteInterpreterGetOutputTensor(it, 0);
            int n = (int) tensorflowlite.TfLiteTensorByteSize(out);
            byte[] result = new byte[n];
            try (BytePointer outBytes = new BytePointer(n)) {
                tensorflowlite.TfLiteTensorCopyToBuffer(out, outBytes, n);
                outBytes.get(result, 0, n);
            }
            return result;
        } finally {
            if (it != null && !it.isNull()) {
                tensorflowlite.TfLiteInterpreterDelete(it);
            }
            tensorflowlite.TfLiteInterpreterOptionsDelete(options);
            tensorflowlite.TfLiteModelDelete(m);
            buf.close();
        }
    }

    private static byte[] refused(boolean tpu, String why) {
        if (!tpu) {
            throw new IllegalStateException("the CPU reference failed: " + why); // not libedgetpu's doing
        }
        say("refused-graph " + why + " (TFLite's reason is on stderr)");
        return null;
    }

    /**
     * Bytes further apart than one code. One code is allowed: an accelerator may round its
     * requantization differently from TFLite's reference kernels (XNNPACK does, by one code at times).
     */
    private static void compare(byte[] expected, byte[] got) {
        if (got.length != expected.length) {
            say("sizes " + expected.length + " " + got.length);
            return;
        }
        int wrong = 0;
        int maxDiff = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs(expected[i] - got[i]);
            if (d > 1) {
                if (first < 0) {
                    first = i;
                }
                wrong++;
            }
            maxDiff = Math.max(maxDiff, d);
        }
        say("result " + expected.length + " " + wrong + " " + maxDiff + " " + first + " "
                + (first < 0 ? 0 : expected[first]) + " " + (first < 0 ? 0 : got[first]));
    }

    private static void step(String name) {
        say("step " + name);
    }

    private static void say(String line) {
        System.out.println(PREFIX + line);
        System.out.flush(); // before the next native call, which may never return
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
