package dev.shmt.runtime.doctor;

import static com.google.common.truth.Truth.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading symbol versions from a library's bytes, and comparing them with a machine's. */
class GlibcVersionsTest {
    @Test
    void theNewestVersionsNamedAreWhatALibraryNeeds() {
        byte[] elf = "\0GLIBC_2.17\0GLIBC_2.34\0GLIBC_2.4\0GLIBCXX_3.4.9\0GLIBCXX_3.4.30\0CXXABI_1.3\0"
                .getBytes(StandardCharsets.ISO_8859_1);
        GlibcVersions v = GlibcVersions.neededBy(elf);
        assertThat(v).isEqualTo(new GlibcVersions("2.34", "3.4.30"));
        assertThat(v.line()).isEqualTo("GLIBC_2.34, GLIBCXX_3.4.30");
    }

    @Test
    void aLibraryNeedingMoreThanJetPack46HasIsNamedWithBothShortfalls() {
        GlibcVersions tflite220 = new GlibcVersions("2.34", "3.4.30");
        GlibcVersions ubuntu1804 = new GlibcVersions("2.27", "3.4.25");
        assertThat(tflite220.shortfall(ubuntu1804)).isEqualTo("needs GLIBC_2.34, the machine's glibc is 2.27; needs"
                + " GLIBCXX_3.4.30, the machine's libstdc++ has 3.4.25");
        assertThat(new GlibcVersions("2.27", "3.4.22").shortfall(ubuntu1804)).isNull();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(GlibcVersions.compare("2.9", "2.17")).isLessThan(0);
        assertThat(GlibcVersions.compare("3.4.30", "3.4.9")).isGreaterThan(0);
        assertThat(GlibcVersions.compare("2.31", "2.31")).isEqualTo(0);
        assertThat(GlibcVersions.compare("", "2.1")).isLessThan(0);
    }
}
