package dev.shmt.processor;

import dev.shmt.api.Border;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A checked {@code @Vop} method: everything the writer needs, with no reference back to annotations.
 *
 * @param tileMultiple what tile sides must be multiples of, or 0
 * @param combiner the REDUCE combiner's method name, or null
 * @param check the name of the VOP's own argument check, or null
 * @param criticality the name of the VOP's own criticality metric, or null
 * @param gpu the GPU kernel binding, or null
 * @param npuModel the NPU model class, or null
 * @param costs the VOP's emulation costs, in device kind order; empty when it declares none
 */
record VopModel(ExecutableElement method, TypeElement owner, Partition partition, int halo, Border border,
        int tileRows, int tileCols, int tileMultiple, int chunk, double criticalFraction, List<ParamModel> params,
        TypeMirror returnType, String combiner, String check, String criticality, GpuBinding gpu,
        TypeElement npuModel, List<VopCall.Cost> costs) {

    /**
     * A PTX resource (absolute class-path name), the kernel entry in it, its launch geometry's name and,
     * for REDUCE, its partial result: the element type's name and length (null and 0 otherwise).
     */
    record GpuBinding(String resource, String function, String launch, String partialType, int partialLength) {}

    String name() {
        return method.getSimpleName().toString();
    }

    /** How messages and reports name the VOP: {@code Owner.method}. */
    String displayName() {
        return owner.getSimpleName() + "." + name();
    }

    boolean reduces() {
        return partition == Partition.REDUCE;
    }

    /** The view whose shape is the call's domain: the first output, or for REDUCE the first input. */
    ParamModel domain() {
        VopCall.Role role = reduces() ? VopCall.Role.IN : VopCall.Role.OUT;
        return params.stream().filter(p -> p.isView() && p.role() == role).findFirst().orElseThrow();
    }

    /**
     * The view every other view's shape is checked against: the first input, or the domain when there
     * is none. An input, because the caller sizes outputs after the data: a short output is then
     * reported as the short one.
     */
    ParamModel reference() {
        return params.stream().filter(p -> p.isView() && p.role() == VopCall.Role.IN).findFirst()
                .orElseGet(this::domain);
    }
}
