package io.leadline.local;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar infra/local/target/leadline-local.jar}: the README's first command runs this. */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System.getenv());
        } catch (LocalOptions.UsageException e) {
            System.out.println(e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("leadline-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalProduct product;
        try {
            product = LocalProduct.start(options);
        } catch (java.net.BindException e) {
            System.err.println("leadline-local: port " + options.port() + " is taken; stop what uses it or pass --port");
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("leadline-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            product.close();
            stopped.countDown();
        }, "leadline-shutdown"));
        String base = product.baseUrl();
        System.out.println();
        System.out.println("Leadline is running on this machine.");
        System.out.println("  Chat widget demo: " + base + "/demo/");
        System.out.println("  Chat API:         " + base + "/chat/conversations");
        System.out.println("  Data:             " + product.dataDir() + " (DynamoDB Local + local key, kept across restarts)");
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
    }
}
