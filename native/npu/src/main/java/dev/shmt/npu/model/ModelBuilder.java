package dev.shmt.npu.model;

import dev.shmt.npu.quant.QuantParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsWeightsFormat;
import org.tensorflow.lite.schema.MulOptionsT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Writes {@code .tflite} models from Java: one subgraph, static shapes, the few ops SHMT's NPU VOPs
 * need. It exists so VOP models can be generated (and int8-calibrated) at run time from weights held
 * in Java, without Python or the TFLite converter.
 *
 * <p>The element type follows the inputs: a tensor declared with {@link QuantParams} is int8 and every
 * op consuming it is int8 (weights symmetric int8, bias int32, output int8 with the caller's {@code
 * outQ}); a tensor declared without is float32 and so is everything computed from it. Each op checks
 * its arguments completely before it adds anything, so a rejected call leaves the builder unchanged.
 *
 * <p>Not thread-safe. {@link #build()} may be called more than once.
 */
public final class ModelBuilder {
    /** TFLite's fixed int8 output parameters for LOGISTIC: [0, 1) in steps of 1/256. */
    public static final QuantParams LOGISTIC_INT8 = QuantParams.int8(1f / 256, -128);

    /** TFLite's fixed int8 output parameters for TANH: [-1, 1) in steps of 1/128. */
    public static final QuantParams TANH_INT8 = QuantParams.int8(1f / 128, 0);

    /**
     * A tensor of the model under construction: a subgraph input or an op's output. Only usable with
     * the builder that made it.
     */
    public static final class Tensor {
        private final ModelBuilder owner;
        final int index;
        private final String name;
        private final int[] shape;
        private final QuantParams quant;

        private Tensor(ModelBuilder owner, int index, String name, int[] shape, QuantParams quant) {
            this.owner = owner;
            this.index = index;
            this.name = name;
            this.shape = shape;
            this.quant = quant;
        }

        public String name() {
            return name;
        }

        public int[] shape() {
            return shape.clone();
        }

        /** The int8 parameters, or null for a float32 tensor. */
        public QuantParams quant() {
            return quant;
        }

        public boolean quantized() {
            return quant != null;
        }

        int dim(int i) {
            return shape[i];
        }

        int rank() {
            return shape.length;
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape) + (quant == null ? " float32" : " int8 " + quant);
        }
    }

    private final String description;
    private final List<TensorT> tensors = new ArrayList<>();
    private final List<byte[]> buffers = new ArrayList<>();
    private final List<OperatorT> operators = new ArrayList<>();
    private final List<OperatorCodeT> opcodes = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** @param description stored in the model's {@code description} field */
    public ModelBuilder(String description) {
        this.description = Objects.requireNonNull(description, "description");
        buffers.add(new byte[0]); // buffer 0: TFLite's sentinel for tensors without constant data
    }

    /**
     * Declares the next subgraph input.
     *
     * @param quant int8 parameters, or null for float32
     * @param shape NHWC for images ({@code 1, rows, cols, channels}), {@code batch, features} for FC
     */
    public Tensor input(String name, QuantParams quant, int... shape) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape of input '" + name + "' is empty; give at least one dimension");
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("shape of input '" + name + "' must have dimensions >= 1, got "
                        + Arrays.toString(shape));
            }
        }
        requireInt8("quant", quant);
        if (names.contains(name)) {
            throw new IllegalArgumentException("name '" + name + "' is already used by another tensor");
        }
        Tensor t = activation(name, shape.clone(), quant);
        inputs.add(t.index);
        return t;
    }

    /**
     * A 2-D convolution of NHWC {@code x} with {@code conv}'s {@code [outC][kh][kw][inC]} weights.
     *
     * @param outQ the int8 output parameters when {@code x} is int8; null when it is float32
     * @param scales int8 weight granularity (per channel: over output channels); ignored for float32
     */
    public Tensor conv2d(Tensor x, Conv conv, QuantParams outQ, WeightScales scales) {
        check("x", x);
        Objects.requireNonNull(conv, "conv");
        requireRank("x", x, 4, "NHWC");
        if (conv.inChannels() != x.dim(3)) {
            throw new IllegalArgumentException("conv weights have " + conv.weights.length + " values, i.e. "
                    + conv.inChannels() + " input channels for [outC=" + conv.outChannels + "][kh=" + conv.kh
                    + "][kw=" + conv.kw + "][inC], but x " + Arrays.toString(x.shape) + " has " + x.dim(3));
        }
        checkTypes("x", x, outQ, scales);
        int[] out = convOutput(x, conv, conv.outChannels);
        Conv2DOptionsT o = new Conv2DOptionsT();
        o.setPadding(conv.padding.code);
        o.setStrideH(conv.strideH);
        o.setStrideW(conv.strideW);
        o.setDilationHFactor(1);
        o.setDilationWFactor(1);
        o.setFusedActivationFunction(conv.activation.code);
        return weighted(BuiltinOp.CONV_2D, x, conv.weights,
                new int[] {conv.outChannels, conv.kh, conv.kw, x.dim(3)}, conv.outChannels, false, 0, conv.bias,
                out, outQ, scales, options(BuiltinOptions.Conv2DOptions, o));
    }

    /**
     * A depthwise convolution (depth multiplier 1) of NHWC {@code x}: channel {@code c} of the output
     * only sees channel {@code c} of the input. {@code conv} holds {@code [1][kh][kw][C]} weights and
     * {@code outChannels == C}, the channel count of {@code x}.
     *
     * @param scales int8 weight granularity (per channel: over the last weight axis); ignored for float32
     */
    public Tensor depthwiseConv2d(Tensor x, Conv conv, QuantParams outQ, WeightScales scales) {
        check("x", x);
        Objects.requireNonNull(conv, "conv");
        requireRank("x", x, 4, "NHWC");
        int c = x.dim(3);
        if (conv.outChannels != c || conv.inChannels() != 1) {
            throw new IllegalArgumentException("depthwise conv weights must be [1][kh][kw][C] with C = the "
                    + c + " channels of x " + Arrays.toString(x.shape) + ", got outChannels " + conv.outChannels
                    + " and " + conv.weights.length + " values for kh=" + conv.kh + ", kw=" + conv.kw);
        }
        checkTypes("x", x, outQ, scales);
        int[] out = convOutput(x, conv, c);
        DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
        o.setPadding(conv.padding.code);
        o.setStrideH(conv.strideH);
        o.setStrideW(conv.strideW);
        o.setDepthMultiplier(1);
        o.setDilationHFactor(1);
        o.setDilationWFactor(1);
        o.setFusedActivationFunction(conv.activation.code);
        return weighted(BuiltinOp.DEPTHWISE_CONV_2D, x, conv.weights, new int[] {1, conv.kh, conv.kw, c}, c, true, 3,
                conv.bias, out, outQ, scales, options(BuiltinOptions.DepthwiseConv2DOptions, o));
    }

    /**
     * {@code y = x W^T + bias} for {@code x} of shape {@code [batch, in]}.
     *
     * @param weights {@code [outFeatures][in]}, row-major
     * @param bias {@code outFeatures} values, or null for none
     * @param scales int8 weight granularity (per channel: one scale per output row); ignored for float32
     */
    public Tensor fullyConnected(Tensor x, float[] weights, int outFeatures, float[] bias, Activation activation,
            QuantParams outQ, WeightScales scales) {
        check("x", x);
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(activation, "activation");
        requireRank("x", x, 2, "[batch, features]");
        if (outFeatures < 1) {
            throw new IllegalArgumentException("outFeatures must be >= 1, got " + outFeatures);
        }
        int in = x.dim(1);
        if (weights.length != (long) outFeatures * in) {
            throw new IllegalArgumentException("weights has " + weights.length + " values but [outFeatures="
                    + outFeatures + "][in=" + in + "] needs " + (long) outFeatures * in);
        }
        if (bias != null && bias.length != outFeatures) {
            throw new IllegalArgumentException("bias has " + bias.length + " values but outFeatures is "
                    + outFeatures);
        }
        checkFinite("weights", weights);
        if (bias != null) {
            checkFinite("bias", bias);
        }
        checkTypes("x", x, outQ, scales);
        FullyConnectedOptionsT o = new FullyConnectedOptionsT();
        o.setFusedActivationFunction(activation.code);
        o.setWeightsFormat(FullyConnectedOptionsWeightsFormat.DEFAULT);
        o.setKeepNumDims(false);
        return weighted(BuiltinOp.FULLY_CONNECTED, x, weights, new int[] {outFeatures, in}, outFeatures, false, 0,
                bias, new int[] {x.dim(0), outFeatures}, outQ, scales,
                options(BuiltinOptions.FullyConnectedOptions, o));
    }

    /** Elementwise {@code a + b}; both of the same shape and type. */
    public Tensor add(Tensor a, Tensor b, Activation activation, QuantParams outQ) {
        checkBinary(a, b, activation, outQ);
        AddOptionsT o = new AddOptionsT();
        o.setFusedActivationFunction(activation.code);
        return simple(BuiltinOp.ADD, new Tensor[] {a, b}, outQ, options(BuiltinOptions.AddOptions, o));
    }

    /** Elementwise {@code a * b}; both of the same shape and type. */
    public Tensor mul(Tensor a, Tensor b, Activation activation, QuantParams outQ) {
        checkBinary(a, b, activation, outQ);
        MulOptionsT o = new MulOptionsT();
        o.setFusedActivationFunction(activation.code);
        return simple(BuiltinOp.MUL, new Tensor[] {a, b}, outQ, options(BuiltinOptions.MulOptions, o));
    }

    /** {@code 1 / (1 + exp(-x))}; an int8 result has TFLite's fixed {@link #LOGISTIC_INT8} parameters. */
    public Tensor logistic(Tensor x) {
        check("x", x);
        return simple(BuiltinOp.LOGISTIC, new Tensor[] {x}, x.quantized() ? LOGISTIC_INT8 : null, null);
    }

    /** {@code tanh(x)}; an int8 result has TFLite's fixed {@link #TANH_INT8} parameters. */
    public Tensor tanh(Tensor x) {
        check("x", x);
        return simple(BuiltinOp.TANH, new Tensor[] {x}, x.quantized() ? TANH_INT8 : null, null);
    }

    /**
     * {@code max(x, 0)}.
     *
     * @param outQ required for int8 {@code x} (TFLite rescales to it), null for float32
     */
    public Tensor relu(Tensor x, QuantParams outQ) {
        check("x", x);
        checkTypes("x", x, outQ, WeightScales.PER_TENSOR);
        return simple(BuiltinOp.RELU, new Tensor[] {x}, outQ, null);
    }

    /** Marks {@code y} as the next subgraph output; outputs are numbered in the order of these calls. */
    public ModelBuilder output(Tensor y) {
        check("y", y);
        if (outputs.contains(y.index)) {
            throw new IllegalArgumentException("y '" + y.name + "' is already an output");
        }
        outputs.add(y.index);
        return this;
    }

    /** The {@code .tflite} flatbuffer (schema version 3, identifier "TFL3"), position 0. */
    public ByteBuffer build() {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("model '" + description + "' has no inputs; declare them with input()");
        }
        if (outputs.isEmpty()) {
            throw new IllegalStateException("model '" + description + "' has no outputs; mark them with output()");
        }
        SubGraphT g = new SubGraphT();
        g.setName("main");
        g.setTensors(tensors.toArray(new TensorT[0]));
        g.setOperators(operators.toArray(new OperatorT[0]));
        g.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
        g.setOutputs(outputs.stream().mapToInt(Integer::intValue).toArray());
        return FlatbufferWriter.write(description, opcodes, g, buffers);
    }

    // ---- argument checks: all before anything is added ----

    private void check(String what, Tensor t) {
        Objects.requireNonNull(t, what);
        if (t.owner != this) {
            throw new IllegalArgumentException(what + " '" + t.name + "' belongs to another ModelBuilder");
        }
    }

    private static void requireRank(String what, Tensor t, int rank, String layout) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + " (" + layout + "), got shape "
                    + Arrays.toString(t.shape));
        }
    }

    /** The op's output type follows its input: int8 needs outQ (and weight scales), float32 refuses it. */
    private static void checkTypes(String what, Tensor x, QuantParams outQ, WeightScales scales) {
        requireInt8("outQ", outQ);
        if (x.quantized()) {
            if (outQ == null) {
                throw new IllegalArgumentException("outQ is null but " + what + " '" + x.name
                        + "' is int8: an int8 op needs its output's scale and zero point");
            }
            if (scales == null) {
                throw new IllegalArgumentException("scales is null but " + what + " '" + x.name
                        + "' is int8: choose PER_TENSOR or PER_CHANNEL weight scales");
            }
        } else if (outQ != null) {
            throw new IllegalArgumentException("outQ is " + outQ + " but " + what + " '" + x.name
                    + "' is float32: a float op has a float32 output; pass null");
        }
    }

    private void checkBinary(Tensor a, Tensor b, Activation activation, QuantParams outQ) {
        check("a", a);
        check("b", b);
        Objects.requireNonNull(activation, "activation");
        if (!Arrays.equals(a.shape, b.shape)) {
            throw new IllegalArgumentException("a " + Arrays.toString(a.shape) + " and b " + Arrays.toString(b.shape)
                    + " must have the same shape (no broadcasting)");
        }
        if (a.quantized() != b.quantized()) {
            throw new IllegalArgumentException("a '" + a.name + "' is " + (a.quantized() ? "int8" : "float32")
                    + " but b '" + b.name + "' is " + (b.quantized() ? "int8" : "float32") + "; mixed types");
        }
        checkTypes("a", a, outQ, WeightScales.PER_TENSOR);
    }

    /** uint8 parameters would be written as int8 with a zero point TFLite reads differently. */
    private static void requireInt8(String what, QuantParams q) {
        if (q != null && (q.qmin() != QuantParams.INT8_MIN || q.qmax() != QuantParams.INT8_MAX)) {
            throw new IllegalArgumentException(what + " " + q + " is not int8: its codes must span ["
                    + QuantParams.INT8_MIN + ", " + QuantParams.INT8_MAX + "]");
        }
    }

    private static int[] convOutput(Tensor x, Conv conv, int outChannels) {
        int oh = conv.padding.outputSize(x.dim(1), conv.kh, conv.strideH);
        int ow = conv.padding.outputSize(x.dim(2), conv.kw, conv.strideW);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv kernel " + conv.kh + " x " + conv.kw + " does not fit x "
                    + Arrays.toString(x.shape) + " with " + conv.padding + " padding");
        }
        return new int[] {x.dim(0), oh, ow, outChannels};
    }

    static void checkFinite(String what, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + v[i] + "; constants must be finite");
            }
        }
    }

    // ---- emission ----

    /** An op with constant weights and bias: float32 as given, or int8 weights with an int32 bias. */
    private Tensor weighted(BuiltinOp op, Tensor x, float[] w, int[] wShape, int channels, boolean channelLast,
            int quantDim, float[] bias, int[] outShape, QuantParams outQ, WeightScales scales,
            BuiltinOptionsUnion opts) {
        String base = op.label() + "_" + operators.size();
        int wIndex;
        int bIndex;
        if (x.quantized()) {
            QuantizedWeights q = QuantizedWeights.quantize(w, channels, channelLast, scales);
            float[] biasScales = q.biasScales(x.quant.scale());
            wIndex = constant(base + "/weights", wShape, TensorType.INT8, q.codes,
                    quantization(q.scales, quantDim));
            bIndex = constant(base + "/bias", new int[] {channels}, TensorType.INT32,
                    littleEndian(QuantizedWeights.quantizeBias(bias, channels, biasScales)),
                    quantization(biasScales, 0));
        } else {
            wIndex = constant(base + "/weights", wShape, TensorType.FLOAT32, littleEndian(w), null);
            bIndex = constant(base + "/bias", new int[] {channels}, TensorType.FLOAT32,
                    littleEndian(bias == null ? new float[channels] : bias), null);
        }
        Tensor y = activation(base, outShape, outQ);
        operator(op, x.quantized(), new int[] {x.index, wIndex, bIndex}, y.index, opts);
        return y;
    }

    private Tensor simple(BuiltinOp op, Tensor[] in, QuantParams outQ, BuiltinOptionsUnion opts) {
        Tensor y = activation(op.label() + "_" + operators.size(), in[0].shape.clone(), outQ);
        int[] idx = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            idx[i] = in[i].index;
        }
        operator(op, in[0].quantized(), idx, y.index, opts);
        return y;
    }

    private Tensor activation(String name, int[] shape, QuantParams q) {
        TensorT t = new TensorT();
        t.setName(name);
        t.setShape(shape);
        t.setBuffer(0);
        if (q == null) {
            t.setType(TensorType.FLOAT32);
        } else {
            t.setType(TensorType.INT8);
            QuantizationParametersT p = new QuantizationParametersT();
            p.setScale(new float[] {q.scale()});
            p.setZeroPoint(new long[] {q.zeroPoint()});
            t.setQuantization(p);
        }
        names.add(name);
        tensors.add(t);
        return new Tensor(this, tensors.size() - 1, name, shape, q);
    }

    private int constant(String name, int[] shape, byte type, byte[] data, QuantizationParametersT q) {
        buffers.add(data);
        TensorT t = new TensorT();
        t.setName(name);
        t.setShape(shape);
        t.setType(type);
        t.setBuffer(buffers.size() - 1);
        if (q != null) {
            t.setQuantization(q);
        }
        names.add(name);
        tensors.add(t);
        return tensors.size() - 1;
    }

    /** Symmetric parameters: zero points 0; {@code dim} is the channel axis when there are several. */
    private static QuantizationParametersT quantization(float[] scales, int dim) {
        QuantizationParametersT p = new QuantizationParametersT();
        p.setScale(scales.clone());
        p.setZeroPoint(new long[scales.length]);
        p.setQuantizedDimension(scales.length > 1 ? dim : 0);
        return p;
    }

    private void operator(BuiltinOp op, boolean int8, int[] in, int out, BuiltinOptionsUnion opts) {
        OperatorT o = new OperatorT();
        o.setOpcodeIndex(opcode(op, int8));
        o.setInputs(in);
        o.setOutputs(new int[] {out});
        if (opts != null) {
            o.setBuiltinOptions(opts);
        }
        operators.add(o);
    }

    /**
     * The operator-code index for (op, version). Both code fields are set: readers before schema 3a
     * only know {@code deprecated_builtin_code}, newer ones take the larger of the two.
     */
    private int opcode(BuiltinOp op, boolean int8) {
        int version = op.version(int8);
        for (int i = 0; i < opcodes.size(); i++) {
            OperatorCodeT c = opcodes.get(i);
            if (c.getBuiltinCode() == op.code && c.getVersion() == version) {
                return i;
            }
        }
        OperatorCodeT c = new OperatorCodeT();
        c.setBuiltinCode(op.code);
        c.setDeprecatedBuiltinCode((byte) Math.min(op.code, 127));
        c.setVersion(version);
        opcodes.add(c);
        return opcodes.size() - 1;
    }

    private static BuiltinOptionsUnion options(byte type, Object value) {
        BuiltinOptionsUnion u = new BuiltinOptionsUnion();
        u.setType(type);
        u.setValue(value);
        return u;
    }

    private static byte[] littleEndian(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static byte[] littleEndian(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }
}
