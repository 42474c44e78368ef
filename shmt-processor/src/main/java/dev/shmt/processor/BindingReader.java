package dev.shmt.processor;

import dev.shmt.api.GpuKernel;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what a VOP names besides its body: the REDUCE combiner, its own check and criticality metric,
 * the GPU kernel and the NPU model.
 */
final class BindingReader {
    static final String GPU_KERNEL = "dev.shmt.api.GpuKernel";
    static final String NPU_MODEL = "dev.shmt.api.NpuModel";
    private static final String NPU_KERNEL = "dev.shmt.api.npu.NpuKernel";

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final PtxResources ptx;
    private final SourceText sourceText;

    BindingReader(ProcessingEnvironment env, Reporter reporter) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.reporter = reporter;
        this.ptx = new PtxResources(env.getFiler());
        this.sourceText = new SourceText(env);
    }

    /** The combiner's name, or null (reporting when REDUCE lacks one or another model has one). */
    String combiner(ExecutableElement method, AnnotationMirror vop, Partition partition) {
        AnnotationValue v = Annotations.value(elements, vop, "combiner");
        String name = (String) v.getValue();
        TypeMirror t = method.getReturnType();
        if (partition != Partition.REDUCE) {
            if (!name.isEmpty()) {
                reporter.report(Message.COMBINER_MODEL, method, vop, v, name, partition);
            }
            return null;
        }
        if (t.getKind() == TypeKind.VOID) {
            return null; // already reported: a REDUCE must return its partial result
        }
        if (name.isEmpty()) {
            reporter.report(Message.REDUCE_NO_COMBINER, method, vop, null, method.getSimpleName(), t, t, t);
            return null;
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(name) && m.getModifiers().contains(Modifier.STATIC)
                    && !m.getModifiers().contains(Modifier.PRIVATE) && m.getParameters().size() == 2
                    && types.isSameType(m.getReturnType(), t)
                    && types.isSameType(m.getParameters().get(0).asType(), t)
                    && types.isSameType(m.getParameters().get(1).asType(), t)) {
                return name;
            }
        }
        reporter.report(Message.COMBINER_MISSING, method, vop, v, name, t, name, t, t, owner.getSimpleName());
        return null;
    }

    /**
     * The name of the VOP's own argument check, or null when it names none or the method is missing
     * (reported): a static void method of the same class taking the VOP's parameter types in order. Not
     * a {@code @Vop} itself, which would run the whole VOP before the runtime does.
     */
    String check(ExecutableElement method, AnnotationMirror vop) {
        AnnotationValue v = Annotations.value(elements, vop, "check");
        String name = (String) v.getValue();
        if (name.isEmpty()) {
            return null;
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(name) && m.getModifiers().contains(Modifier.STATIC)
                    && !m.getModifiers().contains(Modifier.PRIVATE) && m.getReturnType().getKind() == TypeKind.VOID
                    && Annotations.find(m, VopReader.VOP) == null && m.getTypeParameters().isEmpty()
                    && sameParameterTypes(m, method) && throwsOnlyUnchecked(m)) {
                return name;
            }
        }
        String types = method.getParameters().stream().map(p -> shortName(p.asType()))
                .collect(Collectors.joining(", "));
        reporter.report(Message.CHECK_MISSING, method, vop, v, name, name, types, owner.getSimpleName());
        return null;
    }

    /**
     * The name of the VOP's own criticality metric, or null when it names none or the method is missing
     * (reported): a non-private {@code static double name(float[]...)} of the same class with one
     * {@code float[]} per {@code @In} view of the VOP, in order, without checked exceptions.
     */
    String criticality(ExecutableElement method, AnnotationMirror vop, List<ParamModel> params) {
        AnnotationValue v = Annotations.value(elements, vop, "criticality");
        String name = (String) v.getValue();
        if (name.isEmpty()) {
            return null;
        }
        long inputs = params.stream().filter(p -> p.isView() && p.role() == VopCall.Role.IN).count();
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(name) && m.getModifiers().contains(Modifier.STATIC)
                    && !m.getModifiers().contains(Modifier.PRIVATE) && m.getReturnType().getKind() == TypeKind.DOUBLE
                    && m.getTypeParameters().isEmpty() && m.getParameters().size() == inputs
                    && m.getParameters().stream().allMatch(p -> isFloatArray(p.asType())) && throwsOnlyUnchecked(m)) {
                return name;
            }
        }
        String arrays = params.stream().filter(p -> p.isView() && p.role() == VopCall.Role.IN)
                .map(p -> "float[] " + p.name()).collect(Collectors.joining(", "));
        reporter.report(Message.CRITICALITY_MISSING, method, vop, v, name, name, arrays, owner.getSimpleName(), inputs);
        return null;
    }

    private static boolean isFloatArray(TypeMirror t) {
        return t.getKind() == TypeKind.ARRAY && ((ArrayType) t).getComponentType().getKind()
                == TypeKind.FLOAT;
    }

    /** {@code FloatMatrix} rather than {@code dev.shmt.api.FloatMatrix}: messages read like the source. */
    private static String shortName(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED ? ((DeclaredType) t).asElement().getSimpleName().toString() : t.toString();
    }

    private boolean sameParameterTypes(ExecutableElement a, ExecutableElement b) {
        if (a.getParameters().size() != b.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < a.getParameters().size(); i++) {
            if (!types.isSameType(a.getParameters().get(i).asType(), b.getParameters().get(i).asType())) {
                return false;
            }
        }
        return true;
    }

    private boolean throwsOnlyUnchecked(ExecutableElement m) {
        TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        for (TypeMirror thrown : m.getThrownTypes()) {
            if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
                return false;
            }
        }
        return true;
    }

    /** The GPU binding, or null when the method has none or it is broken (reported). */
    VopModel.GpuBinding gpu(ExecutableElement method, Partition partition, List<ParamModel> params) {
        AnnotationMirror a = Annotations.find(method, GPU_KERNEL);
        if (a == null) {
            return null;
        }
        AnnotationValue ptxValue = Annotations.value(elements, a, "ptx");
        AnnotationValue fnValue = Annotations.value(elements, a, "function");
        String resource = absolute((TypeElement) method.getEnclosingElement(), (String) ptxValue.getValue());
        String text = ptx.read(resource);
        if (text == null) {
            reporter.report(Message.GPU_PTX_MISSING, method, a, ptxValue, resource);
            return null;
        }
        if (!PtxResources.isPtx(text)) {
            reporter.report(Message.GPU_PTX_TYPE, method, a, ptxValue, resource);
            return null;
        }
        String function = (String) fnValue.getValue();
        List<String> entries = PtxResources.entries(text);
        if (!entries.contains(function)) {
            reporter.report(Message.GPU_FUNCTION_MISSING, method, a, fnValue, resource, function,
                    entries.isEmpty() ? "none" : String.join(", ", entries));
            return null;
        }
        String launch = enumName(Annotations.value(elements, a, "launch"));
        AnnotationValue lengthValue = Annotations.value(elements, a, "partialLength");
        int partialLength = (Integer) lengthValue.getValue();
        AnnotationValue typeValue = Annotations.value(elements, a, "partialType");
        GpuKernel.PartialType partialType = GpuKernel.PartialType.valueOf(enumName(typeValue));
        boolean reduce = partition == Partition.REDUCE;
        if (!reduce && partialLength != 0) {
            reporter.report(Message.GPU_PARTIAL_MODEL, method, a, lengthValue, partialLength, partition);
            return null;
        }
        if (reduce && !partialFits(method, a, function, lengthValue, typeValue, partialLength, partialType)) {
            return null;
        }
        List<String> declared = PtxResources.paramTypes(text, function);
        List<String> passed = PtxResources.abiTypes(params, reduce ? partialType.cType() + "*" : null,
                launch.equals("PER_CELL_AT_ORIGIN"));
        if (!PtxResources.matches(declared, passed)) {
            reporter.report(Message.GPU_PARAMS, method, a, fnValue, function, resource,
                    String.join(", ", declared), String.join(", ", passed));
            return null;
        }
        return new VopModel.GpuBinding(resource, function, launch, reduce ? partialType.name() : null,
                reduce ? partialLength : 0);
    }

    /**
     * True when a REDUCE kernel declares a partial result the device can return as the VOP's result: a
     * length of at least 1 and an element type the return type holds exactly (reported otherwise).
     */
    private boolean partialFits(ExecutableElement method, AnnotationMirror a, String function,
            AnnotationValue lengthValue, AnnotationValue typeValue, int partialLength,
            GpuKernel.PartialType partialType) {
        String vop = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
        if (partialLength < 1) {
            reporter.report(Message.GPU_PARTIAL_MISSING, method, a, Annotations.explicit(a, "partialLength"),
                    function, vop, partialLength);
            return false;
        }
        TypeMirror returned = method.getReturnType();
        if (returned.getKind() == TypeKind.VOID) {
            return false; // already reported: a REDUCE must return its partial result
        }
        List<String> exact = partialType.javaTypes().stream().map(Class::getSimpleName).toList();
        if (!exact.contains(returned.toString())) {
            reporter.report(Message.GPU_PARTIAL_TYPE, method, a, Annotations.explicit(a, "partialType"), partialType,
                    partialType.cType(), String.join(" or ", exact), vop, returned);
            return false;
        }
        return true;
    }

    private static String enumName(AnnotationValue v) {
        return ((VariableElement) v.getValue()).getSimpleName().toString();
    }

    /** True when the NPU model class does not resolve (yet): a later round may generate it. */
    boolean npuModelUnresolved(ExecutableElement method) {
        AnnotationMirror a = Annotations.find(method, NPU_MODEL);
        if (a == null) {
            return false;
        }
        TypeMirror t = modelType(a);
        return t == null || t.getKind() == TypeKind.ERROR;
    }

    /** The NPU model class, or null when the method has none or it is unusable (reported). */
    TypeElement npuModel(ExecutableElement method) {
        AnnotationMirror a = Annotations.find(method, NPU_MODEL);
        if (a == null) {
            return null;
        }
        AnnotationValue v = Annotations.value(elements, a, "value");
        TypeMirror t = modelType(a);
        if (t == null || t.getKind() != TypeKind.DECLARED) {
            reporter.report(Message.NPU_MODEL_MISSING, method, a, v, sourceText.of(method, a, v));
            return null;
        }
        TypeElement model = (TypeElement) ((DeclaredType) t).asElement();
        String problem = modelProblem(model, elements.getPackageOf(method));
        if (problem != null) {
            reporter.report(Message.NPU_MODEL_TYPE, method, a, v, model.getQualifiedName(), problem);
            return null;
        }
        return model;
    }

    /** The class named, or null when it does not resolve (javac then gives the string "<error>"). */
    private TypeMirror modelType(AnnotationMirror a) {
        Object value = Annotations.value(elements, a, "value").getValue();
        return value instanceof TypeMirror m ? m : null;
    }

    /** What keeps generated code in {@code pkg} from doing {@code new Model()} and using it, or null. */
    private String modelProblem(TypeElement model, PackageElement pkg) {
        TypeElement npuKernel = elements.getTypeElement(NPU_KERNEL);
        if (model.getKind() != ElementKind.CLASS) {
            return "be a class, not " + model.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        if (!types.isAssignable(model.asType(), types.erasure(npuKernel.asType()))) {
            return "implement " + NPU_KERNEL;
        }
        if (model.getModifiers().contains(Modifier.ABSTRACT)) {
            return "not be abstract: the generated code creates an instance";
        }
        boolean samePackage = elements.getPackageOf(model).equals(pkg);
        for (Element e = model; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)
                    || (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC))) {
                return "be visible from package " + pkg.getQualifiedName() + ": " + e.getSimpleName() + " is not";
            }
        }
        if (model.getNestingKind() == NestingKind.MEMBER && !model.getModifiers().contains(Modifier.STATIC)) {
            return "be static: an inner class needs an instance of " + model.getEnclosingElement().getSimpleName();
        }
        for (ExecutableElement c : ElementFilter.constructorsIn(model.getEnclosedElements())) {
            if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)
                    && (samePackage || c.getModifiers().contains(Modifier.PUBLIC))) {
                return null;
            }
        }
        return "have a public no-argument constructor";
    }

    /** The class-path name of {@code ptx}: relative to the owner's package unless it starts with '/'. */
    private String absolute(TypeElement owner, String ptx) {
        if (ptx.startsWith("/")) {
            return ptx.substring(1);
        }
        String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
        return pkg.isEmpty() ? ptx : pkg.replace('.', '/') + "/" + ptx;
    }
}
