package dev.shmt.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.TypeSpec;
import dev.shmt.api.VopCall;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Writes {@code FooVops}: per VOP a checked entry point that builds the {@link VopCall} and runs it. */
final class VopsWriter {
    static final String PROCESSOR = "dev.shmt.processor.VopProcessor";
    private static final ClassName SHMT = VopMethods.SHMT;
    private static final ClassName REPORT = VopMethods.REPORT;

    private final Elements elements;

    VopsWriter(Elements elements) {
        this.elements = elements;
    }

    /** {@code FooVops} for {@code Foo}; nested classes join their enclosing names: {@code Outer_InnerVops}. */
    static String generatedName(TypeElement owner) {
        StringBuilder name = new StringBuilder(owner.getSimpleName());
        for (Element e = owner.getEnclosingElement(); e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            name.insert(0, e.getSimpleName() + "_");
        }
        return name.append("Vops").toString();
    }

    JavaFile write(TypeElement owner, List<VopModel> vops) {
        ClassName ownerName = ClassName.get(owner);
        TypeSpec.Builder cls = TypeSpec.classBuilder(generatedName(owner))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(owner)
                .addJavadoc("Heterogeneous versions of the {@code @Vop} methods of {@link $T}.\n\n", ownerName)
                .addJavadoc("<p>Each method splits its call into HLOPs, runs them at the same time on every device of a\n"
                        + "{@link $T} runtime that has an implementation, and returns the call's {@link $T}. The\n"
                        + "annotated method itself is the CPU implementation, called on each HLOP's views.\n", SHMT, REPORT)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (elements.getTypeElement("javax.annotation.processing.Generated") != null) {
            cls.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", PROCESSOR)
                    .addMember("comments", "$S", "from " + owner.getQualifiedName())
                    .build());
        }
        NameAllocator fields = new NameAllocator();
        for (VopModel vop : vops) {
            new VopMethods(vop, ownerName, fields).addTo(cls);
        }
        return JavaFile.builder(elements.getPackageOf(owner).getQualifiedName().toString(), cls.build())
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }
}
