package io.leadline.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The local root key: 256 random bits in a file only its owner can read (0600), made on first
 * start. It plays the part KMS plays in AWS; losing it makes local data unreadable.
 */
public final class LocalKeyFile {

    public static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private LocalKeyFile() {
    }

    public static byte[] loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                create(file, random);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("local key file " + file + " must hold exactly " + KEY_BYTES + " bytes");
            }
            if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                throw new IllegalStateException("local key file " + file + " must have mode 0600 (chmod 600 it)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read local key file " + file, e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            if (isPosix(dir)) {
                // Created with 0600 from the start, so the key is never readable by others, not even briefly.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first: use theirs.
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
