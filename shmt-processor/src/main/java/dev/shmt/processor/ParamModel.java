package dev.shmt.processor;

import dev.shmt.api.VopCall;
import javax.lang.model.type.TypeMirror;

/** One VOP parameter: its name, what it is, and how the VOP uses it. */
record ParamModel(String name, Kind kind, VopCall.Role role, TypeMirror type) {
    enum Kind {
        MATRIX,
        ARRAY,
        SCALAR
    }

    boolean isView() {
        return kind != Kind.SCALAR;
    }
}
