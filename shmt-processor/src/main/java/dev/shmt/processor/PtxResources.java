package dev.shmt.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Filer;
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

    static List<String> entries(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
