package dev.shmt.apps;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The apps {@link Apps} finds through their provider declarations, and the order the bench runs them in. */
class AppsTest {
    @Test
    void findsTheTenAppsInTheBenchsOrder() {
        List<String> names = Apps.all().stream().map(BenchApp::name).toList();
        assertThat(names).containsExactly("blackscholes", "sobel", "fft", "laplacian", "meanfilter", "hotspot", "dwt",
                "dct8x8", "srad", "histogram").inOrder();
    }

    @Test
    void eachAppDescribesItselfInOneLineAndComesInItsOwnPackage() {
        for (BenchApp app : Apps.all()) {
            assertWithMessage("%s description", app.name()).that(app.description()).isNotEmpty();
            assertWithMessage("%s description", app.name()).that(app.description()).doesNotContain("\n");
            assertWithMessage("%s package", app.name()).that(app.getClass().getPackageName())
                    .isEqualTo("dev.shmt.apps." + app.name());
        }
    }

    @Test
    void namedFindsAnAppOrListsTheNames() {
        assertThat(Apps.named("srad").name()).isEqualTo("srad");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Apps.named("sobol"));
        assertThat(e).hasMessageThat().isEqualTo("unknown app 'sobol'; the apps are blackscholes, sobel, fft,"
                + " laplacian, meanfilter, hotspot, dwt, dct8x8, srad, histogram");
    }

    @Test
    void twoAppsOfOneNameAreRefusedNamingBoth() {
        BenchApp sobel = Apps.named("sobel");
        BenchApp another = (BenchApp) java.lang.reflect.Proxy.newProxyInstance(BenchApp.class.getClassLoader(),
                new Class<?>[] {BenchApp.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "sobel";
                    case "order" -> 1;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Apps.ordered(List.of(sobel, another)));
        assertThat(e).hasMessageThat().startsWith("two apps are named 'sobel': dev.shmt.apps.sobel.SobelApp and ");
        assertThat(Apps.ordered(List.of(sobel, Apps.named("srad"), Apps.named("blackscholes"))).stream()
                .map(BenchApp::name).toList()).containsExactly("blackscholes", "sobel", "srad").inOrder();
    }
}
