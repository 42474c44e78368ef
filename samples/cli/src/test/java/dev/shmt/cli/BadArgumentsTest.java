package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mistake on the command line is one line on stderr and a non-zero exit, never a stack trace. */
class BadArgumentsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bench nope                                  | unknown app 'nope'; the apps are blackscholes, sobel, fft
            bench sobel --policy fastest                | policy 'fastest' is unknown
            bench sobel --policy single:tpu             | --policy single:tpu names a device that is not among the devices used
            bench sobel --devices cpu,tpu               | --devices: unknown device 'tpu'
            bench sobel --size 0                        | --size must be at least 1, got 0
            bench sobel --size ten                      | Invalid value for option '--size'
            bench sobel --tile 0                        | --tile must be at least 1, got 0
            bench sobel --size 64 --tile 65             | sobel: --tile
            bench fft --size 100                        | fft:
            bench sobel --repeat 0                      | --repeat must be at least 1, got 0
            bench sobel --critical-fraction 2           | --critical-fraction must be in [0, 1] (the fraction of HLOPs kept off the approximate device), got 2.0
            bench sobel --policy ws --critical-fraction 0.5 | --critical-fraction applies to the qaws-*, oracle and random policies, but none is among
            bench sobel --warmup -1                     | --warmup must be at least 0, got -1
            bench sobel --idle-seconds -1               | --idle-seconds must be a number from 0 to 300, got -1.0
            bench sobel --objective speed               | --objective: expected time, energy or edp, got 'speed'
            bench sobel --alpha 2                       | --alpha: expected a share from 0 to 1 (0.05 = 5%), got 2.0
            bench sobel --policy adaptive --objective edp --no-energy | --objective edp needs energy measured, and it is not: --no-energy
            profile sobel --out x.json --idle-seconds 0 | --idle-seconds must be a number of seconds in (0, 300], got 0.0
            bench sobel --frobnicate                    | Unknown option: '--frobnicate'
            bench sobel --report /no/such/dir/r.json    | --report /no/such/dir/r.json: the directory /no/such/dir does not exist
            bench blackscholes --input photos           | --input photos: blackscholes takes no image input (its input, options, is generated from --seed); the apps that take one are sobel, fft,
            bench sobel hotspot --input photos          | --input photos: hotspot takes no image input
            bench sobel --input /no/such/photo.png      | --input /no/such/photo.png: no such file or directory
            bench sobel --input pom.xml                 | --input pom.xml: not a PNG or JPEG ImageIO can read
            frobnicate                                  | Unmatched argument at index 0: 'frobnicate'
            """)
    void oneLineAndNonZeroExit(String args, String expected) {
        BenchCommandTest.Run r = BenchCommandTest.shmt(args.trim().split("\\s+"));
        assertWithMessage("exit code of %s", args).that(r.code()).isEqualTo(2);
        assertWithMessage("stderr of %s", args).that(r.err()).startsWith("shmt: ");
        assertWithMessage("stderr of %s", args).that(r.err()).contains(expected);
        assertWithMessage("one line: %s", r.err()).that(r.err().strip().lines().count()).isEqualTo(1L);
        assertWithMessage("no stack trace").that(r.err()).doesNotContain("\tat ");
        assertWithMessage("nothing ran").that(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bench sobel --devices gpu | --devices: device 'gpu' is not available:
            """)
    void anUnavailableDeviceSaysWhy(String args, String expected) {
        BenchCommandTest.Run devices = BenchCommandTest.shmt("devices");
        org.junit.jupiter.api.Assumptions.assumeTrue(devices.out().contains("gpu      GPU    FP32") && devices.out()
                .lines().anyMatch(l -> l.startsWith("gpu ") && l.contains("unavailable")), "this machine has a GPU");
        BenchCommandTest.Run r = BenchCommandTest.shmt(args.trim().split("\\s+"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
        assertThat(r.err().strip().lines().count()).isEqualTo(1L);
    }
}
