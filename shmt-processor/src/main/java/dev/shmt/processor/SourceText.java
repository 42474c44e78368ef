package dev.shmt.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * The source text of an annotation value, for messages about classes that do not resolve: the
 * compiler then no longer knows the name, only the source does. Empty-handed on compilers without
 * the javac tree API.
 */
final class SourceText {
    private final Trees trees;

    SourceText(ProcessingEnvironment env) {
        Trees t;
        try {
            t = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            t = null;
        }
        this.trees = t;
    }

    String of(Element e, AnnotationMirror a, AnnotationValue v) {
        if (trees != null) {
            var path = trees.getPath(e, a, v);
            if (path != null) {
                return path.getLeaf().toString().replaceFirst("\\.class$", "");
            }
        }
        return "named in @" + a.getAnnotationType().asElement().getSimpleName();
    }
}
