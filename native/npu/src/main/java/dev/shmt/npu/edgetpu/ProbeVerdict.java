package dev.shmt.npu.edgetpu;

import java.nio.file.Path;

/**
 * Whether libedgetpu's delegate may be loaded into this process, as the probe (or its cached verdict)
 * decided.
 *
 * @param passed true when the delegate ran the probe model correctly in the child
 * @param cause null when passed; otherwise why the Edge TPU is not used, naming the library and its
 *     version, the TFLite release, what happened, the pairings that work and how to probe again
 * @param summary one line for tools ({@code shmt doctor}): the outcome and where the verdict came from
 * @param fromCache true when no child ran: the verdict was read from {@code cacheFile}
 * @param cacheFile where the verdict is kept; null when it is not (an outcome that may change by
 *     itself, or a library whose file could not be located)
 * @param startupMillis how long the child took to reach libedgetpu (JVM, TFLite, CPU reference); -1
 *     when no child ran or it never got there
 */
public record ProbeVerdict(boolean passed, String cause, String summary, boolean fromCache, Path cacheFile,
        long startupMillis) {}
