package dev.shmt.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Filer;
import javax.lang.model.type.TypeMirror;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/** Finds a PTX resource the way the build will package it, and reads its kernel entries. */
final class PtxResources {
    // Maven copies resources into the class output before compiling; other builds put them on a path.
    private static final List<JavaFileManager.Location> WHERE = List.of(
            StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH, StandardLocation.SOURCE_PATH);
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([^\\s(]+)");
    private static final Pattern DIRECTIVES = Pattern.compile("(?m)^\\s*\\.version\\s[\\s\\S]*^\\s*\\.target\\s");

    private final Filer filer;

    PtxResources(Filer filer) {
        this.filer = filer;
    }

    /** The resource's text, or null when no location has it. */
    String read(String resource) {
        for (JavaFileManager.Location where : WHERE) {
            try {
                FileObject f = filer.getResource(where, "", resource);
                try (InputStream in = f.openInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
            } catch (IOException | IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
                // not in this location (or the build tool does not offer it): try the next one
            }
        }
        return null;
    }

    static boolean isPtx(String text) {
        return DIRECTIVES.matcher(text).find();
    }

    /** The PTX types of {@code function}'s parameters in order (".u64", ".f32", ...); empty when it has none. */
    static List<String> paramTypes(String text, String function) {
        Matcher m = Pattern.compile("\\.entry\\s+" + Pattern.quote(function) + "\\s*\\(([^)]*)\\)").matcher(text);
        List<String> types = new ArrayList<>();
        if (m.find()) {
            Matcher p = PARAM.matcher(m.group(1));
            while (p.find()) {
                types.add(p.group(1));
            }
        }
        return types;
    }

    /**
     * The C types a VOP passes under {@link dev.shmt.api.GpuKernel}'s calling convention: a matrix as
     * {@code float*, int}, an array as {@code float*}, a scalar as its value, then a REDUCE kernel's
     * {@code partial} pointer ({@code unsigned int*}, ...; null for other models), then {@code int rows, int
     * cols} and, when {@code origin} (launch {@code PER_CELL_AT_ORIGIN}), {@code int row0, int col0}.
     */
    static List<String> abiTypes(List<ParamModel> params, String partial, boolean origin) {
        List<String> c = new ArrayList<>();
        for (ParamModel p : params) {
            switch (p.kind()) {
                case MATRIX -> {
                    c.add("float*");
                    c.add("int");
                }
                case ARRAY -> c.add("float*");
                case SCALAR -> c.add(scalar(p.type()));
            }
        }
        if (partial != null) {
            c.add(partial);
        }
        c.add("int");
        c.add("int");
        if (origin) {
            c.add("int");
            c.add("int");
        }
        return c;
    }

    /** True when each PTX parameter has the width and, unless PTX says untyped (.b), the float or integer kind passed. */
    static boolean matches(List<String> ptx, List<String> passed) {
        if (ptx.size() != passed.size()) {
            return false;
        }
        for (int i = 0; i < ptx.size(); i++) {
            String want = C_TO_PTX.get(passed.get(i));
            String have = ptx.get(i);
            if (want == null || !have.substring(2).equals(want.substring(2))) {
                return false;
            }
            boolean untyped = have.charAt(1) == 'b';
            if (!untyped && (have.charAt(1) == 'f') != (want.charAt(1) == 'f')) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(?:\\.align\\s+\\d+\\s+)?(\\.[a-z]+\\d+)");
    // The PTX type nvcc gives each C type the GPU device can pass; .s and .b integers of the same width pass too.
    private static final Map<String, String> C_TO_PTX = Map.of(
            "float*", ".u64", "unsigned int*", ".u64", "int*", ".u64",
            "int", ".u32", "float", ".f32", "double", ".f64", "long", ".u64");

    private static String scalar(TypeMirror t) {
        String s = t.toString();
        return switch (s) {
            case "java.lang.Float" -> "float";
            case "java.lang.Integer" -> "int";
            case "java.lang.Double" -> "double";
            case "java.lang.Long" -> "long";
            default -> s;
        };
    }

    static List<String> entries(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
