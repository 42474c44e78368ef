package dev.shmt.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.lang.model.element.Modifier;

/** Writes the fields and methods of one VOP into {@code FooVops}: checks, partition template, bindings. */
final class VopMethods {
    static final ClassName SHMT = ClassName.get("dev.shmt.api", "Shmt");
    static final ClassName REPORT = ClassName.get("dev.shmt.api", "Report");
    static final ClassName VOP_CALL = ClassName.get("dev.shmt.api", "VopCall");
    static final ClassName ROLE = VOP_CALL.nestedClass("Role");
    static final ClassName CHECKS = ClassName.get("dev.shmt.api", "VopChecks");
    static final ClassName PARTITION = ClassName.get("dev.shmt.api", "Partition");
    static final ClassName BORDER = ClassName.get("dev.shmt.api", "Border");
    static final ClassName MATRIX = ClassName.get("dev.shmt.api", "FloatMatrix");
    static final ClassName GPU_REF = ClassName.get("dev.shmt.api.gpu", "GpuKernelRef");
    static final ClassName GPU_LAUNCH = ClassName.get("dev.shmt.api", "GpuKernel", "Launch");
    static final ClassName GPU_PARTIAL = GPU_REF.nestedClass("Partial");
    static final ClassName GPU_PARTIAL_TYPE = ClassName.get("dev.shmt.api", "GpuKernel", "PartialType");
    static final ClassName NPU_KERNEL = ClassName.get("dev.shmt.api.npu", "NpuKernel");
    static final ClassName CRITICALITY = ClassName.get("dev.shmt.api", "CriticalityMetric");
    static final ClassName DEVICE_KIND = ClassName.get("dev.shmt.api", "DeviceKind");

    private final VopModel vop;
    private final ClassName owner;
    private final String nameField;
    private final String gpuField;
    private final String npuField;
    private final String criticalityField;
    private final List<ParameterSpec> params = new ArrayList<>();
    private final NameAllocator locals = new NameAllocator();

    VopMethods(VopModel vop, ClassName owner, NameAllocator fields) {
        this.vop = vop;
        this.owner = owner;
        String base = constant(vop.name());
        this.nameField = fields.newName(base);
        this.gpuField = vop.gpu() == null ? null : fields.newName(base + "_GPU");
        this.npuField = vop.npuModel() == null ? null : fields.newName(base + "_NPU");
        this.criticalityField = vop.criticality() == null ? null : fields.newName(base + "_CRITICALITY");
        for (ParamModel p : vop.params()) {
            locals.newName(p.name(), p);
            params.add(ParameterSpec.builder(TypeName.get(p.type()), p.name()).build());
        }
    }

    void addTo(TypeSpec.Builder cls) {
        cls.addField(FieldSpec.builder(String.class, nameField, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", vop.displayName()).build());
        if (gpuField != null) {
            VopModel.GpuBinding gpu = vop.gpu();
            CodeBlock partial = gpu.partialType() == null ? CodeBlock.of("null")
                    : CodeBlock.of("new $T($T.$L, $L, $T.class)", GPU_PARTIAL, GPU_PARTIAL_TYPE, gpu.partialType(),
                            gpu.partialLength(), TypeName.get(vop.returnType()));
            cls.addField(FieldSpec.builder(GPU_REF, gpuField, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T($T.class, $S, $S, $T.$L, $L)", GPU_REF, owner, gpu.resource(),
                            gpu.function(), GPU_LAUNCH, gpu.launch(), partial)
                    .build());
        }
        if (npuField != null) {
            ClassName model = ClassName.get(vop.npuModel());
            cls.addField(FieldSpec.builder(model, npuField, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", model).build());
        }
        if (criticalityField != null) {
            // One float[] per @In view, in order: the samples the policy read of each.
            long inputs = vop.params().stream().filter(p -> p.isView() && p.role() == VopCall.Role.IN).count();
            CodeBlock args = CodeBlock.join(LongStream.range(0, inputs)
                    .mapToObj(i -> CodeBlock.of("samples[$L]", i)).toList(), ", ");
            cls.addField(FieldSpec.builder(CRITICALITY, criticalityField, Modifier.PRIVATE, Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer("$T.named($S, samples -> $T.$N($L))", CRITICALITY,
                            owner.simpleName() + "." + vop.criticality(), owner, vop.criticality(), args)
                    .build());
        }
        String shmt = locals.newName("shmt");
        String call = locals.newName("call");
        String region = locals.newName("region");
        String args = vop.params().stream().map(ParamModel::name).collect(Collectors.joining(", "));
        TypeName result = TypeName.get(vop.returnType());
        String reportMethod = vop.reduces() ? vop.name() + "WithReport" : vop.name();

        cls.addMethod(MethodSpec.methodBuilder(vop.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Runs {@link $T#$L}\non {@link $T#defaultRuntime()}; see the overload that takes a runtime.\n",
                        owner, signature(), SHMT)
                .returns(vop.reduces() ? result : REPORT)
                .addParameters(params)
                .addStatement("return $N($T.defaultRuntime()$L)", vop.name(), SHMT, args.isEmpty() ? "" : ", " + args)
                .build());
        if (vop.reduces()) {
            MethodSpec.Builder m = MethodSpec.methodBuilder(vop.name())
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc("Runs {@link $T#$L}\non {@code $L} and returns the combined result;\n"
                            + "{@link #$L} also gives the report.\n", owner, signature(), shmt, reportMethod)
                    .returns(result)
                    .addParameter(SHMT, shmt)
                    .addParameters(params)
                    .addStatement("return ($T) $N($N$L).result()", result.box(), reportMethod, shmt,
                            args.isEmpty() ? "" : ", " + args);
            if (result instanceof ParameterizedTypeName) {
                m.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build());
            }
            cls.addMethod(m.build());
        }
        cls.addMethod(MethodSpec.methodBuilder(reportMethod)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc(executeDoc(shmt))
                .returns(REPORT)
                .addParameter(SHMT, shmt)
                .addParameters(params)
                .addCode(checks(shmt))
                .addCode(call(shmt, call, region))
                .build());
    }

    private CodeBlock executeDoc(String shmt) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Runs {@link $T#$L}\non {@code $L} as $L HLOPs", owner, signature(), shmt, vop.partition());
        switch (vop.partition()) {
            case TILE_2D -> {
                if (vop.halo() > 0) {
                    doc.add(": tiles of {@code $L} whose inputs read $L cell$L around them,\n$L past the matrix's"
                            + " edge.\n", vop.domain().name(), vop.halo(), vop.halo() == 1 ? "" : "s", vop.border());
                } else {
                    doc.add(": tiles of {@code $L}.\n", vop.domain().name());
                }
            }
            case ROWS -> doc.add(": blocks of whole rows of {@code $L}.\n", vop.domain().name());
            case ELEMENTWISE -> doc.add(": chunks of whole pages of {@code $L}.\n", vop.domain().name());
            case REDUCE -> doc.add(": chunks of {@code $L}, their partial results merged by {@link $T#$L} in order.\n",
                    vop.domain().name(), owner, vop.combiner());
        }
        doc.add("Arguments are checked before anything is written.\n\n")
                .add("@return where each HLOP ran, for how long, and what was stolen or retried");
        if (vop.reduces()) {
            doc.add(";\n    {@link $T#result()} is the combined result", REPORT);
        }
        doc.add("\n@throws IllegalArgumentException naming the argument, when one is null, shapes disagree,\n"
                + "    or an output overlaps an input");
        if (vop.check() != null) {
            doc.add(", or {@code $L.$L} refuses them", owner.simpleName(), vop.check());
        }
        doc.add(";\n    or when a hint of the runtime is larger than the data\n");
        return doc.build();
    }

    /**
     * Null checks, shape agreement with the reference view, output aliasing, and the VOP's own check, in
     * that order.
     */
    private CodeBlock checks(String shmt) {
        CodeBlock.Builder b = CodeBlock.builder()
                .addStatement("$T.notNull($N, $S, $N)", CHECKS, nameField, shmt, shmt);
        List<ParamModel> views = vop.params().stream().filter(ParamModel::isView).toList();
        for (ParamModel p : views) {
            b.addStatement("$T.notNull($N, $S, $N)", CHECKS, nameField, p.name(), p.name());
        }
        ParamModel reference = vop.reference();
        String same = switch (vop.partition()) {
            case TILE_2D -> "sameShape";
            case ROWS -> "sameRows";
            case ELEMENTWISE, REDUCE -> "sameLength";
        };
        for (ParamModel p : views) {
            if (p != reference) {
                b.addStatement("$T.$L($N, $S, $N, $S, $N)", CHECKS, same, nameField, p.name(), p.name(),
                        reference.name(), reference.name());
            }
        }
        List<ParamModel> outs = views.stream().filter(p -> p.role() == VopCall.Role.OUT).toList();
        List<ParamModel> ins = views.stream().filter(p -> p.role() == VopCall.Role.IN).toList();
        for (ParamModel o : outs) {
            for (ParamModel i : ins) {
                if (o.kind() == ParamModel.Kind.MATRIX) {
                    b.addStatement("$T.notAliased($N, $S, $N, $S, $N, $L)", CHECKS, nameField, o.name(), o.name(),
                            i.name(), i.name(), vop.halo());
                } else {
                    b.addStatement("$T.notAliased($N, $S, $N, $S, $N)", CHECKS, nameField, o.name(), o.name(),
                            i.name(), i.name());
                }
            }
        }
        for (int a = 0; a < outs.size(); a++) {
            for (int c = a + 1; c < outs.size(); c++) {
                b.addStatement("$T.separateOutputs($N, $S, $N, $S, $N)", CHECKS, nameField, outs.get(a).name(),
                        outs.get(a).name(), outs.get(c).name(), outs.get(c).name());
            }
        }
        if (vop.check() != null) {
            // Last: the VOP's own check may rely on non-null views of agreeing shapes.
            b.add("// The VOP's own conditions on its arguments, before anything runs.\n");
            b.addStatement("$T.$N($L)", owner, vop.check(),
                    vop.params().stream().map(ParamModel::name).collect(Collectors.joining(", ")));
        }
        return b.build();
    }

    /** Builds the call (partition template, implementations) and runs it. */
    private CodeBlock call(String shmt, String call, String region) {
        CodeBlock.Builder b = CodeBlock.builder();
        boolean stencil = vop.partition() == Partition.TILE_2D;
        List<String> inputViews = new ArrayList<>();
        boolean commented = false;
        for (ParamModel p : vop.params()) {
            String view = p.name();
            if (stencil && p.role() == VopCall.Role.IN) {
                view = locals.newName(p.name() + "In");
                if (!commented) {
                    b.add("// Inputs read past the whole matrix's edge by the VOP's border rule.\n");
                    commented = true;
                }
                b.addStatement("$T $N = $N.withBorder($T.$L)", MATRIX, view, p.name(), BORDER, vop.border());
            }
            inputViews.add(view);
        }
        ParamModel domain = vop.domain();
        CodeBlock.Builder chain = CodeBlock.builder()
                .add("$T $N = $T.builder($N, $T.$L)\n", VOP_CALL, call, VOP_CALL, nameField, PARTITION, vop.partition());
        if (domain.kind() == ParamModel.Kind.MATRIX) {
            chain.add(".shape($N.rows(), $N.cols())\n", domain.name(), domain.name());
        } else {
            chain.add(".length($N.length())\n", domain.name());
        }
        if (vop.halo() > 0) {
            chain.add(".halo($L)\n.border($T.$L)\n", vop.halo(), BORDER, vop.border());
        }
        if (vop.tileRows() > 0 || vop.tileCols() > 0) {
            chain.add(".tileHint($L, $L)\n", vop.tileRows(), vop.tileCols());
        }
        if (vop.tileMultiple() > 0) {
            chain.add(".tileMultiple($L)\n", vop.tileMultiple());
        }
        if (vop.chunk() > 0) {
            chain.add(".chunkHint($L)\n", vop.chunk());
        }
        if (vop.criticalFraction() >= 0) {
            chain.add(".criticalFraction($L)\n", vop.criticalFraction());
        }
        if (criticalityField != null) {
            chain.add(".criticality($N)\n", criticalityField);
        }
        for (VopCall.Cost c : vop.costs()) {
            chain.add(".cost($T.$L, $L, $L)\n", DEVICE_KIND, c.kind(), c.opsPerCell(), c.bytesPerCell());
        }
        for (int i = 0; i < vop.params().size(); i++) {
            ParamModel p = vop.params().get(i);
            chain.add(".arg($S, $T.$L, $N)\n", p.name(), ROLE, p.role(), inputViews.get(i));
        }
        List<CodeBlock> hlopArgs = new ArrayList<>();
        for (int i = 0; i < vop.params().size(); i++) {
            hlopArgs.add(hlopView(vop.params().get(i), inputViews.get(i), region));
        }
        CodeBlock body = CodeBlock.of("$T.$N($L)", owner, vop.name(), CodeBlock.join(hlopArgs, ", "));
        chain.add("// The CPU implementation: the annotated method on this HLOP's views.\n");
        if (vop.reduces()) {
            chain.add(".cpu($N -> $L)\n", region, body);
            chain.add(".<$T>combiner($T::$N)\n", TypeName.get(vop.returnType()).box(), owner, vop.combiner());
        } else {
            chain.add(".cpu($N -> {\n$>$L;\nreturn null;\n$<})\n", region, body);
        }
        if (gpuField != null) {
            chain.add(".implementation($T.class, $N)\n", GPU_REF, gpuField);
        }
        if (npuField != null) {
            chain.add(".implementation($T.class, $N)\n", NPU_KERNEL, npuField);
        }
        chain.add(".build()");
        b.addStatement("$L", chain.build());
        return b.addStatement("return $N.execute($N)", shmt, call).build();
    }

    /** The view of one argument an HLOP's CPU implementation gets. */
    private CodeBlock hlopView(ParamModel p, String view, String region) {
        return switch (p.kind()) {
            case SCALAR -> CodeBlock.of("$N", p.name());
            case ARRAY -> CodeBlock.of("$N.slice($N)", view, region);
            case MATRIX -> switch (vop.partition()) {
                case TILE_2D -> p.role() == VopCall.Role.IN
                        ? CodeBlock.of("$N.tile($N, $L)", view, region, vop.halo())
                        : CodeBlock.of("$N.region($N)", view, region);
                // Row blocks keep each view's own width: outputs may be wider than inputs (complex rows).
                default -> CodeBlock.of("$N.region($N.row(), 0, $N.rows(), $N.cols())", view, region, region, view);
            };
        };
    }

    /** {@code name(Type, Type)} for javadoc links, which must name overloads exactly; types are imported. */
    private CodeBlock signature() {
        List<CodeBlock> types = vop.params().stream().map(p -> CodeBlock.of("$T", TypeName.get(p.type()))).toList();
        return CodeBlock.of("$L($L)", vop.name(), CodeBlock.join(types, ", "));
    }

    private static String constant(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
