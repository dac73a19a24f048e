package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The image package built; deploy-canary deploys {@code modelVersion}.
 *
 * @param image        the image reference
 * @param digest       its manifest digest
 * @param imageId      its config digest
 * @param pinned       reference@digest, for images pushed to a registry
 * @param format       {@code oci-layout}, {@code oci-tar}, {@code docker-tar}, {@code registry} or {@code docker}
 * @param builder      {@code jib} or {@code dockerfile}
 * @param path         the layout or tarball, relative to the workdir
 * @param modelVersion the packaged version
 * @param runId        its run
 * @param labels       the image's labels
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackageOutputs(
        String image,
        String digest,
        String imageId,
        String pinned,
        String format,
        String builder,
        String path,
        String modelVersion,
        String runId,
        Map<String, String> labels)
        implements StepOutputs {}
