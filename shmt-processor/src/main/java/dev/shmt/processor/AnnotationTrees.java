package dev.shmt.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Where a repeated annotation stands in the source. javac holds repeated annotations in their container,
 * which has no source of its own, so a message about one of them would point at the method instead.
 * Finds nothing on compilers without the javac tree API; messages then point at the method.
 */
final class AnnotationTrees {
    private final Trees trees;

    AnnotationTrees(ProcessingEnvironment env) {
        Trees t;
        try {
            t = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            t = null;
        }
        this.trees = t;
    }

    /** A place in the source that messages can be printed at. */
    record Position(Trees trees, TreePath path) {
        void print(Diagnostic.Kind kind, String message) {
            trees.printMessage(kind, message, path.getLeaf(), path.getCompilationUnit());
        }
    }

    /**
     * The {@code index}-th annotation of {@code type} (a qualified name) on {@code method}, in source order,
     * or its {@code member}'s value when that is written; null when the source is not at hand.
     */
    Position find(ExecutableElement method, String type, int index, String member) {
        TreePath path = trees == null ? null : trees.getPath(method);
        if (path == null || !(path.getLeaf() instanceof MethodTree m)) {
            return null;
        }
        TreePath modifiers = new TreePath(path, m.getModifiers());
        int seen = 0;
        for (AnnotationTree a : m.getModifiers().getAnnotations()) {
            TreePath at = new TreePath(modifiers, a);
            Element annotationType = trees.getElement(new TreePath(at, a.getAnnotationType()));
            if (!(annotationType instanceof TypeElement t) || !t.getQualifiedName().contentEquals(type)
                    || seen++ != index) {
                continue;
            }
            for (ExpressionTree arg : a.getArguments()) {
                if (member != null && arg instanceof AssignmentTree set && set.getVariable() instanceof IdentifierTree id
                        && id.getName().contentEquals(member)) {
                    return new Position(trees, new TreePath(at, set.getExpression()));
                }
            }
            return new Position(trees, at);
        }
        return null;
    }
}
