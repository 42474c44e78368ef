package dev.shmt.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates {@code FooVops} for every class {@code Foo} with {@code @Vop} methods. A class whose NPU
 * model class does not resolve yet waits for the next round, since another processor may generate it.
 */
@AutoService(Processor.class)
public final class VopProcessor extends AbstractProcessor {
    private Reporter reporter;
    private VopReader reader;
    private VopsWriter writer;
    private AnnotationTrees sources;
    /** Classes waiting for a type a later round may generate, by qualified name. */
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        reporter = new Reporter(env.getMessager());
        reader = new VopReader(env, reporter);
        writer = new VopsWriter(env.getElementUtils());
        sources = new AnnotationTrees(env);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(VopReader.VOP, BindingReader.GPU_KERNEL, BindingReader.NPU_MODEL, CostReader.EMULATION_COST,
                CostReader.EMULATION_COSTS);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Map<TypeElement, List<ExecutableElement>> byOwner = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
            if (owner != null) {
                for (Element e : owner.getEnclosedElements()) {
                    if (e.getKind() == ElementKind.METHOD && Annotations.find(e, VopReader.VOP) != null) {
                        byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add((ExecutableElement) e);
                    }
                }
            }
        }
        deferred.clear();
        collect(round, byOwner);
        for (Map.Entry<TypeElement, List<ExecutableElement>> e : byOwner.entrySet()) {
            process(e.getKey(), e.getValue(), round.processingOver());
        }
        return false; // others may read these annotations too
    }

    private void collect(RoundEnvironment round, Map<TypeElement, List<ExecutableElement>> byOwner) {
        TypeElement vop = processingEnv.getElementUtils().getTypeElement(VopReader.VOP);
        if (vop == null) {
            return;
        }
        for (Element e : round.getElementsAnnotatedWith(vop)) {
            List<ExecutableElement> list = byOwner.computeIfAbsent((TypeElement) e.getEnclosingElement(),
                    k -> new ArrayList<>());
            if (!list.contains(e)) {
                list.add((ExecutableElement) e);
            }
        }
        for (String implementation : List.of(BindingReader.GPU_KERNEL, BindingReader.NPU_MODEL,
                CostReader.EMULATION_COST, CostReader.EMULATION_COSTS)) {
            TypeElement a = processingEnv.getElementUtils().getTypeElement(implementation);
            // A repeated @EmulationCost is found as its container; it is named as written.
            String written = implementation.equals(CostReader.EMULATION_COSTS) ? "EmulationCost"
                    : a == null ? "" : a.getSimpleName().toString();
            for (Element e : a == null ? Set.<Element>of() : round.getElementsAnnotatedWith(a)) {
                if (Annotations.find(e, VopReader.VOP) != null) {
                    continue;
                }
                if (implementation.equals(CostReader.EMULATION_COSTS) && e instanceof ExecutableElement m) {
                    reporter.report(Message.IMPL_WITHOUT_VOP, sources.find(m, CostReader.EMULATION_COST, 0, null), e,
                            written, e.getSimpleName());
                } else {
                    reporter.report(Message.IMPL_WITHOUT_VOP, e, Annotations.find(e, implementation), null,
                            written, e.getSimpleName());
                }
            }
        }
    }

    private void process(TypeElement owner, List<ExecutableElement> methods, boolean lastRound) {
        if (!lastRound && methods.stream().anyMatch(reader::waitsForGeneratedTypes)) {
            deferred.add(owner.getQualifiedName().toString());
            return;
        }
        List<VopModel> vops = new ArrayList<>();
        boolean failed = false;
        for (ExecutableElement m : methods) {
            VopModel model = reader.read(m);
            failed |= model == null;
            if (model != null) {
                vops.add(model);
            }
        }
        if (failed || lastRound) {
            return; // the errors say what to fix; a partial class would only add confusing ones
        }
        try {
            writer.write(owner, vops).writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "could not write " + VopsWriter.generatedName(owner) + ": " + e.getMessage(), owner);
        }
    }
}
