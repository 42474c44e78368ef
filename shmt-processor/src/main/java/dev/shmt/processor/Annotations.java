package dev.shmt.processor;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Reads annotation values through mirrors, so class values and error positions both work. */
final class Annotations {
    private Annotations() {}

    static AnnotationMirror find(Element e, String annotationType) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotationType)) {
                return m;
            }
        }
        return null;
    }

    /** The value of {@code name}, its default when the user did not set it. */
    static AnnotationValue value(Elements elements, AnnotationMirror m, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(m).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no member " + name + " in " + m);
    }

    /** The value the user wrote for {@code name}, or null when the default applies. */
    static AnnotationValue explicit(AnnotationMirror m, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
