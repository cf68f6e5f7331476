package org.rehabit.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compose, the Kubernetes manifests, the images and the docs agree with the services as they are. */
class ConsistencyTest {

    static final Path REPOSITORY = Path.of(System.getProperty("rehabit.repository", "..")).toAbsolutePath().normalize();

    @Test
    void theDeploymentAgreesWithTheServices() {
        List<String> problems = ConsistencyCheck.check(REPOSITORY);
        assertEquals(List.of(), problems, () -> "The deployment disagrees with the services:\n  "
                + String.join("\n  ", problems));
    }
}
