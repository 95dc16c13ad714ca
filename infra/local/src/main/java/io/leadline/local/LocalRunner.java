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
        System.out.println("  Sales console:    " + base + "/console/");
        System.out.println("  Chat API:         " + base + "/chat/conversations");
        System.out.println("  Data:             " + product.dataDir() + " (DynamoDB Local + local key, kept across restarts)");
        product.firstAdmin().ifPresent(admin -> {
            System.out.println();
            System.out.println("First administrator created. These credentials are shown this once:");
            System.out.println("  username:     " + admin.username());
            System.out.println("  password:     " + admin.password() + "   (temporary: you choose your own at first sign-in)");
            System.out.println("  TOTP secret:  " + admin.totpSecret() + "   (add it to your authenticator app)");
            System.out.println("  or scan:      " + io.leadline.local.identity.Totp.otpauthUri("Leadline", admin.username(), admin.totpSecret()));
            System.out.println("Sign in at " + base + "/console/ ; as admin you create reps and managers there.");
        });
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
    }
}
