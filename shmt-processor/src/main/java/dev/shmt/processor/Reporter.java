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

    /** Points at {@code at} when the source is at hand, else at the element {@code fallback}. */
    void report(Message m, AnnotationTrees.Position at, Element fallback, Object... args) {
        if (at == null) {
            report(m, fallback, args);
            return;
        }
        if (m.kind == javax.tools.Diagnostic.Kind.ERROR) {
            errors++;
        }
        at.print(m.kind, m.format(args));
    }

    int errors() {
        return errors;
    }
}
