package dev.shmt.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints, in one place. Each carries a short id, printed in brackets
 * so users can search for it and tests can match it.
 */
enum Message {
    // The method and its class.
    VOP_NOT_STATIC(Diagnostic.Kind.ERROR, "ShmtVopNotStatic",
            "@Vop method %s must be static: the generated code calls it on tile views, without an instance"),
    VOP_PRIVATE(Diagnostic.Kind.ERROR, "ShmtVopPrivate",
            "@Vop method %s must not be private: the generated class %s calls it"),
    VOP_CLASS_HIDDEN(Diagnostic.Kind.ERROR, "ShmtVopClassHidden",
            "%s holds @Vop methods, so the generated class must be able to reach it, but %s"),
    VOP_GENERIC(Diagnostic.Kind.ERROR, "ShmtVopGeneric",
            "@Vop method %s must not have type parameters: every HLOP gets views and scalars of fixed types"),
    VOP_THROWS(Diagnostic.Kind.ERROR, "ShmtVopThrows",
            "@Vop method %s must not declare the checked exception %s: an HLOP fails by throwing an unchecked one"),
    VOP_RETURN(Diagnostic.Kind.ERROR, "ShmtVopReturn",
            "@Vop method %s returns %s, which %s cannot aggregate: write results into an @Out view and return void"),
    VOP_REDUCE_VOID(Diagnostic.Kind.ERROR, "ShmtVopReduceVoid",
            "REDUCE VOP %s returns void: it must return its partial result, which the combiner merges"),
    VOP_NO_OUT(Diagnostic.Kind.ERROR, "ShmtVopNoOut",
            "@Vop method %s has no @Out parameter: a %s VOP writes its results into @Out views"),
    VOP_REDUCE_OUT(Diagnostic.Kind.ERROR, "ShmtVopReduceOut",
            "REDUCE VOP %s must not have the @Out parameter %s: it returns its result instead"),
    VOP_NO_IN(Diagnostic.Kind.ERROR, "ShmtVopNoIn",
            "REDUCE VOP %s has no @In FloatArray to split into chunks"),

    // Parameters.
    PARAM_TYPE(Diagnostic.Kind.ERROR, "ShmtVopParamType",
            "parameter %s has type %s, which %s cannot partition; %s"),
    PARAM_NO_ROLE(Diagnostic.Kind.ERROR, "ShmtVopParamRole",
            "view parameter %s needs @In (the VOP reads it) or @Out (the VOP writes it)"),
    PARAM_IN_OUT(Diagnostic.Kind.ERROR, "ShmtVopParamInOut",
            "parameter %s is both @In and @Out; mark it @Out and pass the same view as an @In argument to work in place"),
    PARAM_SCALAR_OUT(Diagnostic.Kind.ERROR, "ShmtVopScalarOut",
            "scalar parameter %s cannot be @Out: scalars are passed by value; write into a FloatArray or FloatMatrix"),

    // Annotation values.
    HALO_NEGATIVE(Diagnostic.Kind.ERROR, "ShmtVopHaloNegative",
            "halo must be >= 0 (cells each side a stencil reads), got %d"),
    HALO_MODEL(Diagnostic.Kind.ERROR, "ShmtVopHaloModel",
            "halo %d needs neighbours, which only TILE_2D HLOPs have; %s HLOPs read no cells outside their own"),
    HINT_NEGATIVE(Diagnostic.Kind.ERROR, "ShmtVopHintNegative",
            "%s must be >= 0 (0 lets the runtime decide), got %d"),
    TILE_MULTIPLE_RANGE(Diagnostic.Kind.ERROR, "ShmtVopTileMultipleRange",
            "tileMultiple must be >= 1 (tile sides come in multiples of it), or 0 for any size; got %d"),
    TILE_MULTIPLE_MODEL(Diagnostic.Kind.ERROR, "ShmtVopTileMultipleModel",
            "tileMultiple %d only applies to TILE_2D and ROWS; %s HLOPs are chunks of whole pages, not tiles"),
    CRITICAL_RANGE(Diagnostic.Kind.ERROR, "ShmtVopCriticalFraction",
            "criticalFraction must be in [0, 1], or negative for the runtime's setting; got %s"),
    REDUCE_NO_COMBINER(Diagnostic.Kind.ERROR, "ShmtVopNoCombiner",
            "REDUCE VOP %s needs a combiner: add a method static %s name(%s a, %s b) and set @Vop(combiner = \"name\")"),
    COMBINER_MISSING(Diagnostic.Kind.ERROR, "ShmtVopCombinerMissing",
            "combiner '%s' must be a non-private static method %s %s(%s a, %s b) of %s"),
    CHECK_MISSING(Diagnostic.Kind.ERROR, "ShmtVopCheckMissing",
            "check '%s' must be a non-private static void method %s(%s) of %s, without @Vop and without checked exceptions"),
    CRITICALITY_MISSING(Diagnostic.Kind.ERROR, "ShmtVopCriticalityMissing",
            "criticality '%s' must be a non-private static double method %s(%s) of %s: one float[] per @In view (%d),"
                    + " holding the values sampled at the same cells, without checked exceptions"),
    COMBINER_MODEL(Diagnostic.Kind.ERROR, "ShmtVopCombinerModel",
            "combiner '%s' only applies to REDUCE; %s HLOPs write their results and have nothing to combine"),

    // Device implementations.
    GPU_PTX_MISSING(Diagnostic.Kind.ERROR, "ShmtGpuPtxMissing",
            "PTX resource %s was not found in the class output, class path or source path"),
    GPU_PTX_TYPE(Diagnostic.Kind.ERROR, "ShmtGpuPtxType",
            "resource %s is not PTX text (no .version and .target directives); @GpuKernel needs the output of nvcc -ptx"),
    GPU_FUNCTION_MISSING(Diagnostic.Kind.ERROR, "ShmtGpuFunctionMissing",
            "PTX resource %s has no kernel entry '%s'; its entries: %s"),
    GPU_PARAMS(Diagnostic.Kind.ERROR, "ShmtGpuKernelParams",
            "kernel '%s' in %s takes (%s) but the VOP passes (%s): a matrix as a pointer and an int stride, an array as a pointer, a scalar as its value, for REDUCE a pointer to the partial result, then int rows, int cols (and int row0, int col0 for PER_CELL_AT_ORIGIN)"),
    GPU_PARTIAL_MISSING(Diagnostic.Kind.ERROR, "ShmtGpuPartialMissing",
            "kernel '%s' of REDUCE VOP %s needs partialLength >= 1: the elements of the HLOP's partial result it adds into; got %d"),
    GPU_PARTIAL_MODEL(Diagnostic.Kind.ERROR, "ShmtGpuPartialModel",
            "partialLength %d only applies to REDUCE; a %s kernel writes @Out views and has no partial result"),
    GPU_PARTIAL_TYPE(Diagnostic.Kind.ERROR, "ShmtGpuPartialType",
            "a %s partial result (the kernel's %s elements) is returned exactly as %s, but %s returns %s"),
    NPU_MODEL_MISSING(Diagnostic.Kind.ERROR, "ShmtNpuModelMissing",
            "NPU model class %s does not exist"),
    NPU_MODEL_TYPE(Diagnostic.Kind.ERROR, "ShmtNpuModelType",
            "NPU model class %s must %s"),

    // Emulation costs.
    COST_VALUE(Diagnostic.Kind.ERROR, "ShmtCostValue",
            "emulation cost %s for %s must be a positive finite number (per cell: operations, or bytes of device memory"
                    + " traffic), got %s"),
    COST_DUPLICATE(Diagnostic.Kind.ERROR, "ShmtCostDuplicate",
            "%s has two emulation costs for %s: one per device kind"),
    COST_UNIMPLEMENTED(Diagnostic.Kind.ERROR, "ShmtCostUnimplemented",
            "an emulation cost for %s, but %s %s"),
    COST_MISSING(Diagnostic.Kind.ERROR, "ShmtCostMissing",
            "%s declares emulation costs but none for %s, which runs it (%s): add @EmulationCost(kind = DeviceKind.%s,"
                    + " opsPerCell = ..., bytesPerCell = ...), else an emulated device of that kind declines it"),

    // Legal, but probably not what was meant.
    BORDER_UNUSED(Diagnostic.Kind.WARNING, "ShmtVopBorderUnused",
            "border %s has no effect: with halo 0 no HLOP reads outside the whole matrix"),
    HINT_UNUSED(Diagnostic.Kind.WARNING, "ShmtVopHintUnused",
            "%s has no effect on %s VOPs"),
    TILE_NOT_MULTIPLE(Diagnostic.Kind.WARNING, "ShmtVopTileNotMultiple",
            "%s %d is not a multiple of tileMultiple %d: the runtime uses %d"),
    HALO_OVER_TILE(Diagnostic.Kind.WARNING, "ShmtVopHaloOverTile",
            "halo %d is at least the tile hint %d x %d: every tile reads more halo than it computes"),
    SCALAR_IN(Diagnostic.Kind.WARNING, "ShmtVopScalarIn",
            "@In on scalar parameter %s has no effect: scalars are passed to every HLOP unchanged"),
    CRITICAL_UNUSED(Diagnostic.Kind.WARNING, "ShmtVopCriticalUnused",
            "criticalFraction has no effect without an approximate implementation (@NpuModel): every device is exact"),
    CRITICALITY_UNUSED(Diagnostic.Kind.WARNING, "ShmtVopCriticalityUnused",
            "criticality has no effect without an approximate implementation (@NpuModel): every device is exact"),
    IMPL_WITHOUT_VOP(Diagnostic.Kind.WARNING, "ShmtImplWithoutVop",
            "@%s on %s has no effect without @Vop");

    final Diagnostic.Kind kind;
    final String id;
    private final String format;

    Message(Diagnostic.Kind kind, String id, String format) {
        this.kind = kind;
        this.id = id;
        this.format = format;
    }

    String format(Object... args) {
        return "[" + id + "] " + String.format(format, args);
    }
}
