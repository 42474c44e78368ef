package dev.shmt.processor;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.VopCall;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Checks a VOP's {@code @EmulationCost}s against the VOP: positive finite numbers, one per device kind,
 * only for kinds it implements, and, once it declares any, one for every kind it implements, so an app
 * that runs on a device but forgot its cost fails to compile instead of being declined when emulated.
 */
final class CostReader {
    static final String EMULATION_COST = "dev.shmt.api.EmulationCost";
    /** The container javac writes for a repeated {@code @EmulationCost}. */
    static final String EMULATION_COSTS = "dev.shmt.api.EmulationCost.List";

    private final Elements elements;
    private final Reporter reporter;
    private final AnnotationTrees sources;

    CostReader(ProcessingEnvironment env, Reporter reporter) {
        this.elements = env.getElementUtils();
        this.reporter = reporter;
        this.sources = new AnnotationTrees(env);
    }

    /**
     * One {@code @EmulationCost} as javac gives it: written once, the annotation itself; repeated, one of
     * its container's values, the {@code index}-th in source order.
     */
    private record Written(AnnotationMirror mirror, int index) {
        boolean repeated() {
            return index >= 0;
        }
    }

    /** The costs in device kind order; what is wrong is reported and left out. */
    List<VopCall.Cost> read(ExecutableElement method) {
        List<Written> written = written(method);
        if (written.isEmpty()) {
            return List.of();
        }
        String vop = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
        Set<DeviceKind> implemented = implemented(method);
        Set<DeviceKind> declared = EnumSet.noneOf(DeviceKind.class);
        Map<DeviceKind, VopCall.Cost> costs = new EnumMap<>(DeviceKind.class);
        for (Written w : written) {
            if (!(Annotations.value(elements, w.mirror(), "kind").getValue() instanceof VariableElement constant)) {
                continue; // an unresolved constant: javac reports it
            }
            DeviceKind kind = DeviceKind.valueOf(constant.getSimpleName().toString());
            double ops = positive(method, w, "opsPerCell", kind);
            double bytes = positive(method, w, "bytesPerCell", kind);
            if (!declared.add(kind)) {
                report(Message.COST_DUPLICATE, method, w, "kind", vop, kind);
            } else if (!implemented.contains(kind)) {
                report(Message.COST_UNIMPLEMENTED, method, w, "kind", kind, vop, withoutImplementation(kind));
            } else if (!Double.isNaN(ops) && !Double.isNaN(bytes)) {
                costs.put(kind, new VopCall.Cost(kind, ops, bytes));
            }
        }
        for (DeviceKind kind : implemented) {
            if (!declared.contains(kind)) {
                reporter.report(Message.COST_MISSING, method, vop, kind, implementation(kind), kind);
            }
        }
        return List.copyOf(costs.values());
    }

    /** The method's costs, whether written once or repeated. */
    private List<Written> written(ExecutableElement method) {
        List<Written> all = new ArrayList<>();
        for (AnnotationMirror m : method.getAnnotationMirrors()) {
            String type = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
            if (type.equals(EMULATION_COST)) {
                all.add(new Written(m, -1));
            } else if (type.equals(EMULATION_COSTS)
                    && Annotations.value(elements, m, "value").getValue() instanceof List<?> list) {
                int index = 0;
                for (Object v : list) {
                    if (((AnnotationValue) v).getValue() instanceof AnnotationMirror nested) {
                        all.add(new Written(nested, index++));
                    }
                }
            }
        }
        return all;
    }

    /** Reports at {@code member}'s value of the cost {@code w}, where the source shows it. */
    private void report(Message m, ExecutableElement method, Written w, String member, Object... args) {
        if (w.repeated()) {
            reporter.report(m, sources.find(method, EMULATION_COST, w.index(), member), method, args);
        } else {
            reporter.report(m, method, w.mirror(), Annotations.value(elements, w.mirror(), member), args);
        }
    }

    /** The kinds that run the VOP: CPU its body; GPU and NPU when it binds their implementation. */
    private static Set<DeviceKind> implemented(ExecutableElement method) {
        Set<DeviceKind> kinds = EnumSet.of(DeviceKind.CPU);
        if (Annotations.find(method, BindingReader.GPU_KERNEL) != null) {
            kinds.add(DeviceKind.GPU);
        }
        if (Annotations.find(method, BindingReader.NPU_MODEL) != null) {
            kinds.add(DeviceKind.NPU);
        }
        return kinds;
    }

    /** The value of {@code name}, or NaN when it is not a positive finite number (reported). */
    private double positive(ExecutableElement method, Written w, String name, DeviceKind kind) {
        Object v = Annotations.value(elements, w.mirror(), name).getValue();
        double d = v instanceof Double x ? x : Double.NaN;
        if (!(d > 0) || Double.isInfinite(d)) {
            report(Message.COST_VALUE, method, w, name, name, kind, v);
            return Double.NaN;
        }
        return d;
    }

    private static String implementation(DeviceKind kind) {
        return switch (kind) {
            case CPU -> "its body";
            case GPU -> "@GpuKernel";
            case NPU -> "@NpuModel";
            case OTHER -> throw new IllegalArgumentException("no implementation of the VOP's own runs on OTHER");
        };
    }

    private static String withoutImplementation(DeviceKind kind) {
        return switch (kind) {
            case GPU -> "has no @GpuKernel, so no GPU device runs it";
            case NPU -> "has no @NpuModel, so no NPU device runs it";
            default -> "runs on no OTHER device: emulation costs are for CPU, GPU (@GpuKernel) and NPU (@NpuModel)";
        };
    }
}
