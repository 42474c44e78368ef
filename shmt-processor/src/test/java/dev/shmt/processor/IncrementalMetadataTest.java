package dev.shmt.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** The two registrations build tools read: javac's service file and Gradle's incremental metadata. */
class IncrementalMetadataTest {
    @Test
    void gradleSeesAnIsolatingProcessor() throws Exception {
        try (InputStream in = VopProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(text).isEqualTo(VopProcessor.class.getName() + ",isolating");
        }
    }

    @Test
    void javacFindsTheProcessorThroughItsServiceFile() {
        assertThat(ServiceLoader.load(Processor.class, VopProcessor.class.getClassLoader()).stream()
                .map(p -> p.type().getName()).toList()).contains(VopProcessor.class.getName());
    }
}
