package dev.shmt.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Test sources in package {@code test}, compiled with the processor, and a loader for what came out. */
final class Sources {
    static final String MARK = "//!";
    private static final List<String> HEADER = List.of(
            "package test;",
            "",
            "import dev.shmt.api.*;",
            "");

    private Sources() {}

    /** {@code test.<name>} with the API imported; its lines follow the header. */
    static JavaFileObject source(String name, String... lines) {
        List<String> all = new ArrayList<>(HEADER);
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + name, all);
    }

    /** The 1-based file line of the line marked {@code //!} in {@code lines}. */
    static int markedLine(String... lines) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(MARK)) {
                return HEADER.size() + i + 1;
            }
        }
        throw new IllegalArgumentException("no line marked " + MARK);
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new VopProcessor()).compile(sources);
    }

    /** A class loader over the compilation's class files, delegating the API and runtime to the test's. */
    static ClassLoader load(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : compilation.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = f.toUri().getPath();
            String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
                    path.length() - ".class".length()).replace('/', '.');
            try (InputStream in = f.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader(Sources.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }
}
