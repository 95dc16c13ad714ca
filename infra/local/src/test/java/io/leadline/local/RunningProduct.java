package io.leadline.local;

import io.leadline.testing.ExternalTools;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The whole local product for one test, on a free loopback port over the test's own data folder,
 * stopped after the test however it ended. Register with {@code @RegisterExtension}.
 */
final class RunningProduct implements AfterEachCallback {

    private LocalProduct product;

    /** As `./leadline start` runs it, serving the repository's web folder. */
    static LocalOptions options(Path data) {
        return new LocalOptions("127.0.0.1", 0, data, ExternalTools.repositoryRoot().resolve("web"), Set.of("*"));
    }

    LocalProduct start(Path data) throws IOException {
        return start(options(data));
    }

    LocalProduct start(LocalOptions options) throws IOException {
        product = LocalProduct.start(options);
        return product;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (product != null) {
            product.close();
            product = null;
        }
    }
}
