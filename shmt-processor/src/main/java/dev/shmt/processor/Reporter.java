package dev.shmt.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/** Prints catalogue messages at the element (and annotation value) they are about; counts errors. */
final class Reporter {
    private final Messager messager;
    private int errors;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void report(Message m, Element at, Object... args) {
        report(m, at, null, null, args);
    }

    /** Points at {@code value} of {@code annotation} on {@code at} when given, so the line is the value's. */
    void report(Message m, Element at, AnnotationMirror annotation, AnnotationValue value, Object... args) {
        if (m.kind == javax.tools.Diagnostic.Kind.ERROR) {
            errors++;
        }
        messager.printMessage(m.kind, m.format(args), at, annotation, value);
    }

    int errors() {
        return errors;
    }
}
