package io.leadline.bench.coldstart;

import io.leadline.config.LeadlineConfig;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import io.leadline.testing.LoopbackDynamoDb;
import io.leadline.testing.MotoServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What the whole-process benchmarks share: the deployment packages and the runtime client built by
 * Maven, DynamoDB Local (in this process, so a network call away from the function's JVM) with the
 * tables, moto's KMS with a key, and the environment Lambda and template.yaml give a function.
 */
final class LambdaBench implements AutoCloseable {

    final Path target = Path.of("benchmarks", "target");
    final Path work;
    final LoopbackDynamoDb dynamo;
    final MotoServer moto;
    final Map<String, String> environment;
    final LambdaProcess lambda;

    private LambdaBench() throws IOException {
        work = Files.createDirectories(target.resolve("coldstart"));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        String runtimeClasspath;
        try (var jars = Files.list(target.resolve("lambda-runtime"))) {
            runtimeClasspath = jars.map(Path::toAbsolutePath).map(Path::toString).sorted().collect(Collectors.joining(":"));
        }
        dynamo = LoopbackDynamoDb.start();
        moto = MotoServer.start();
        LeadlineConfig defaults = LeadlineConfig.from(Map.of("LEADLINE_KEYRING", "local", "LEADLINE_LOCAL_KEY_FILE", "unused"));
        new TableProvisioner(dynamo.client()).ensure(TableSpecs.all(defaults.tables()));
        String keyArn = moto.kms().createKey(b -> b.description("leadline bench")).keyMetadata().arn();
        environment = lambdaEnvironment(keyArn);
        lambda = new LambdaProcess(java, runtimeClasspath, environment, Files.createDirectories(work.resolve("logs")));
    }

    static LambdaBench open() throws IOException {
        return new LambdaBench();
    }

    /** The functions named on the command line ("all", or a comma-separated list such as chat,leads-api). */
    static List<LambdaFunction> functions(String[] args, int index) {
        return args.length > index && !args[index].equals("all")
                ? Arrays.stream(args[index].split(",")).map(s -> LambdaFunction.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'))).toList()
                : List.of(LambdaFunction.values());
    }

    Path deploymentPackage(LambdaFunction f) {
        return target.resolve("lambda-packages").resolve("leadline-function-" + f.module + "-lambda.jar");
    }

    /** The package unpacked as Lambda does (classes at the root of the task directory). */
    Path taskRoot(LambdaFunction f) throws IOException {
        return unpack(deploymentPackage(f), work.resolve("task").resolve(f.module));
    }

    /** Another build's package (its benchmarks/target/lambda-packages), unpacked under its label. */
    Path taskRoot(LambdaFunction f, String label, Path packages) throws IOException {
        return unpack(packages.resolve("leadline-function-" + f.module + "-lambda.jar"),
                work.resolve("task-" + label).resolve(f.module));
    }

    /** The environment Lambda and template.yaml give a function, pointed at the loopback services. */
    private Map<String, String> lambdaEnvironment(String keyArn) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", "ap-southeast-1");
        env.put("AWS_DEFAULT_REGION", "ap-southeast-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("AWS_SESSION_TOKEN", "bench");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/leadline-bench");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("LEADLINE_KEYRING", "kms");
        env.put("LEADLINE_KMS_KEY_ID", keyArn);
        env.put("LEADLINE_KMS_ENDPOINT", moto.endpoint().toString());
        env.put("LEADLINE_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        return env;
    }

    @Override
    public void close() {
        moto.close();
        dynamo.close();
    }

    /** Unpacks a deployment package as Lambda does (classes at the root of the task directory). */
    private static Path unpack(Path jar, Path dir) throws IOException {
        Path marker = dir.resolve(".unpacked-from");
        String stamp = jar.toAbsolutePath() + " " + Files.getLastModifiedTime(jar) + " " + Files.size(jar);
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
            return dir.toAbsolutePath();
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path out = dir.resolve(entry.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(new NonClosing(zip), out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(marker, stamp);
        return dir.toAbsolutePath();
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Keeps Files.copy from closing the zip stream after each entry. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
