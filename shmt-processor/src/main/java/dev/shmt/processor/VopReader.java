package dev.shmt.processor;

import dev.shmt.api.Border;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @Vop} method and turns it into a {@link VopModel}. Every problem is reported with
 * its catalogue message at the element it is about; reading goes on after an error so one compile shows
 * them all.
 */
final class VopReader {
    static final String VOP = "dev.shmt.api.Vop";
    static final String IN = "dev.shmt.api.In";
    static final String OUT = "dev.shmt.api.Out";
    private static final String MATRIX = "dev.shmt.api.FloatMatrix";
    private static final String ARRAY = "dev.shmt.api.FloatArray";

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final BindingReader bindings;
    private final CostReader costs;

    VopReader(ProcessingEnvironment env, Reporter reporter) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.reporter = reporter;
        this.bindings = new BindingReader(env, reporter);
        this.costs = new CostReader(env, reporter);
    }

    /** True when the method names a class that does not exist yet but a later round may generate. */
    boolean waitsForGeneratedTypes(ExecutableElement method) {
        return bindings.npuModelUnresolved(method);
    }

    /** The model, or null when an error was reported. */
    VopModel read(ExecutableElement method) {
        int before = reporter.errors();
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        AnnotationMirror vop = Annotations.find(method, VOP);
        Partition partition = Partition.valueOf(enumName(Annotations.value(elements, vop, "partition")));

        checkMethod(method, owner);
        int halo = haloOf(method, vop, partition);
        int tileRows = hint(method, vop, "tileRows");
        int tileCols = hint(method, vop, "tileCols");
        int chunk = hint(method, vop, "chunk");
        warnUnusedHints(method, vop, partition, halo, tileRows, tileCols);
        int tileMultiple = tileMultiple(method, vop, partition, tileRows, tileCols);
        Border border = Border.valueOf(enumName(Annotations.value(elements, vop, "border")));
        AnnotationValue borderSet = Annotations.explicit(vop, "border");
        if (borderSet != null && halo == 0) {
            reporter.report(Message.BORDER_UNUSED, method, vop, borderSet, border);
        }
        double critical = criticalFraction(method, vop);
        List<ParamModel> params = params(method, partition);
        checkReturnAndRoles(method, partition, params);

        String combiner = bindings.combiner(method, vop, partition);
        String check = bindings.check(method, vop);
        String criticality = bindings.criticality(method, vop, params);
        VopModel.GpuBinding gpu = bindings.gpu(method, partition, params);
        TypeElement npu = bindings.npuModel(method);
        List<VopCall.Cost> emulationCosts = costs.read(method);
        if (critical >= 0 && npu == null) {
            reporter.report(Message.CRITICAL_UNUSED, method, vop, Annotations.explicit(vop, "criticalFraction"));
        }
        if (criticality != null && npu == null) {
            reporter.report(Message.CRITICALITY_UNUSED, method, vop, Annotations.explicit(vop, "criticality"));
        }
        if (reporter.errors() > before) {
            return null;
        }
        return new VopModel(method, owner, partition, halo, border, tileRows, tileCols, tileMultiple, chunk, critical,
                params, method.getReturnType(), combiner, check, criticality, gpu, npu, emulationCosts);
    }

    private void checkMethod(ExecutableElement method, TypeElement owner) {
        String generated = VopsWriter.generatedName(owner);
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            reporter.report(Message.VOP_NOT_STATIC, method, method.getSimpleName());
        }
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.report(Message.VOP_PRIVATE, method, method.getSimpleName(), generated);
        }
        for (Element e = owner; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            TypeElement t = (TypeElement) e;
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.report(Message.VOP_CLASS_HIDDEN, method, owner.getSimpleName(),
                        t.getSimpleName() + " is private");
            } else if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                reporter.report(Message.VOP_CLASS_HIDDEN, method, owner.getSimpleName(),
                        t.getSimpleName() + " is a local class");
            }
        }
        if (!method.getTypeParameters().isEmpty()) {
            reporter.report(Message.VOP_GENERIC, method, method.getSimpleName());
        }
        TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
                reporter.report(Message.VOP_THROWS, method, method.getSimpleName(), thrown);
            }
        }
    }

    private int haloOf(ExecutableElement method, AnnotationMirror vop, Partition partition) {
        AnnotationValue v = Annotations.value(elements, vop, "halo");
        int halo = (Integer) v.getValue();
        if (halo < 0) {
            reporter.report(Message.HALO_NEGATIVE, method, vop, v, halo);
            return 0;
        }
        if (halo > 0 && partition != Partition.TILE_2D) {
            reporter.report(Message.HALO_MODEL, method, vop, v, halo, partition);
        }
        return halo;
    }

    private int hint(ExecutableElement method, AnnotationMirror vop, String name) {
        AnnotationValue v = Annotations.value(elements, vop, name);
        int value = (Integer) v.getValue();
        if (value < 0) {
            reporter.report(Message.HINT_NEGATIVE, method, vop, v, name, value);
            return 0;
        }
        return value;
    }

    private void warnUnusedHints(ExecutableElement method, AnnotationMirror vop, Partition partition, int halo,
            int tileRows, int tileCols) {
        boolean oneD = partition == Partition.ELEMENTWISE || partition == Partition.REDUCE;
        List<String> unused = new ArrayList<>();
        if (oneD) {
            unused.add("tileRows");
            unused.add("tileCols");
        } else {
            unused.add("chunk");
            if (partition == Partition.ROWS) {
                unused.add("tileCols");
            }
        }
        for (String name : unused) {
            AnnotationValue set = Annotations.explicit(vop, name);
            if (set != null && (Integer) set.getValue() > 0) {
                reporter.report(Message.HINT_UNUSED, method, vop, set, name, partition);
            }
        }
        if (partition == Partition.TILE_2D && halo > 0 && tileRows > 0 && tileCols > 0
                && halo >= Math.min(tileRows, tileCols)) {
            reporter.report(Message.HALO_OVER_TILE, method, vop, Annotations.value(elements, vop, "halo"),
                    halo, tileRows, tileCols);
        }
    }

    /**
     * The VOP's tile multiple, 0 for none: reported when negative or set for a 1-D model; a tile hint
     * that is not a multiple gets a warning with the size the runtime uses instead.
     */
    private int tileMultiple(ExecutableElement method, AnnotationMirror vop, Partition partition, int tileRows,
            int tileCols) {
        AnnotationValue v = Annotations.value(elements, vop, "tileMultiple");
        int multiple = (Integer) v.getValue();
        if (multiple < 0) {
            reporter.report(Message.TILE_MULTIPLE_RANGE, method, vop, v, multiple);
            return 0;
        }
        if (multiple > 0 && partition != Partition.TILE_2D && partition != Partition.ROWS) {
            reporter.report(Message.TILE_MULTIPLE_MODEL, method, vop, v, multiple, partition);
            return 0;
        }
        if (multiple > 0) {
            // ROWS reads only tileRows (tileCols there already has its own warning).
            List<String> names = partition == Partition.ROWS ? List.of("tileRows") : List.of("tileRows", "tileCols");
            for (String name : names) {
                int hint = name.equals("tileRows") ? tileRows : tileCols;
                if (hint > 0 && hint % multiple != 0) {
                    // The runtime's rounding (Partitioner): down to a multiple, never below one multiple.
                    int used = Math.max(multiple, hint / multiple * multiple);
                    reporter.report(Message.TILE_NOT_MULTIPLE, method, vop, Annotations.value(elements, vop, name),
                            name, hint, multiple, used);
                }
            }
        }
        return multiple;
    }

    private double criticalFraction(ExecutableElement method, AnnotationMirror vop) {
        AnnotationValue v = Annotations.value(elements, vop, "criticalFraction");
        double f = (Double) v.getValue();
        if (Double.isNaN(f) || f > 1) {
            reporter.report(Message.CRITICAL_RANGE, method, vop, v, f);
            return -1;
        }
        return f;
    }

    private List<ParamModel> params(ExecutableElement method, Partition partition) {
        List<ParamModel> params = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            String name = p.getSimpleName().toString();
            ParamModel.Kind kind = kindOf(p.asType());
            if (kind == null) {
                String hint = p.asType().getKind() == TypeKind.ARRAY
                        ? "wrap the array with FloatArray.wrap or FloatMatrix.wrap"
                        : "use FloatMatrix, FloatArray, or a scalar (primitive, boxed primitive, String, enum)";
                reporter.report(Message.PARAM_TYPE, p, name, p.asType(), "the SDK", hint);
                continue;
            }
            boolean matrices = partition == Partition.TILE_2D || partition == Partition.ROWS;
            if (kind == ParamModel.Kind.MATRIX && !matrices) {
                reporter.report(Message.PARAM_TYPE, p, name, p.asType(), partition,
                        partition + " splits FloatArray views into chunks; use TILE_2D or ROWS for a FloatMatrix");
                continue;
            }
            if (kind == ParamModel.Kind.ARRAY && matrices) {
                reporter.report(Message.PARAM_TYPE, p, name, p.asType(), partition,
                        partition + " splits FloatMatrix views; use ELEMENTWISE or REDUCE for a FloatArray");
                continue;
            }
            boolean in = Annotations.find(p, IN) != null;
            boolean out = Annotations.find(p, OUT) != null;
            VopCall.Role role;
            if (kind == ParamModel.Kind.SCALAR) {
                if (out) {
                    reporter.report(Message.PARAM_SCALAR_OUT, p, name);
                } else if (in) {
                    reporter.report(Message.SCALAR_IN, p, name);
                }
                role = VopCall.Role.SCALAR;
            } else if (in && out) {
                reporter.report(Message.PARAM_IN_OUT, p, name);
                continue;
            } else if (!in && !out) {
                reporter.report(Message.PARAM_NO_ROLE, p, name);
                continue;
            } else {
                role = in ? VopCall.Role.IN : VopCall.Role.OUT;
            }
            params.add(new ParamModel(name, kind, role, p.asType()));
        }
        return params;
    }

    private ParamModel.Kind kindOf(TypeMirror t) {
        if (t.getKind().isPrimitive()) {
            return ParamModel.Kind.SCALAR;
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
        String name = e.getQualifiedName().toString();
        if (name.equals(MATRIX)) {
            return ParamModel.Kind.MATRIX;
        }
        if (name.equals(ARRAY)) {
            return ParamModel.Kind.ARRAY;
        }
        boolean boxed = false;
        try {
            types.unboxedType(t);
            boxed = true;
        } catch (IllegalArgumentException notBoxed) {
            // not a box of a primitive
        }
        if (boxed || name.equals("java.lang.String") || e.getKind() == ElementKind.ENUM) {
            return ParamModel.Kind.SCALAR;
        }
        return null;
    }

    private void checkReturnAndRoles(ExecutableElement method, Partition partition, List<ParamModel> params) {
        boolean returnsVoid = method.getReturnType().getKind() == TypeKind.VOID;
        if (partition == Partition.REDUCE) {
            if (returnsVoid) {
                reporter.report(Message.VOP_REDUCE_VOID, method, method.getSimpleName());
            }
            for (ParamModel p : params) {
                if (p.role() == VopCall.Role.OUT) {
                    reporter.report(Message.VOP_REDUCE_OUT, method, method.getSimpleName(), p.name());
                }
            }
            if (noView(method, params, VopCall.Role.IN)) {
                reporter.report(Message.VOP_NO_IN, method, method.getSimpleName());
            }
            return;
        }
        if (!returnsVoid) {
            reporter.report(Message.VOP_RETURN, method, method.getSimpleName(), method.getReturnType(), partition);
        }
        if (noView(method, params, VopCall.Role.OUT)) {
            reporter.report(Message.VOP_NO_OUT, method, method.getSimpleName(), partition);
        }
    }

    /**
     * True when no view has {@code role}. A parameter already reported (and so left out of
     * {@code params}) may have been meant as one, so it is not reported a second time.
     */
    private static boolean noView(ExecutableElement method, List<ParamModel> params, VopCall.Role role) {
        return params.size() == method.getParameters().size()
                && params.stream().noneMatch(p -> p.isView() && p.role() == role);
    }

    private static String enumName(AnnotationValue v) {
        return ((VariableElement) v.getValue()).getSimpleName().toString();
    }
}
