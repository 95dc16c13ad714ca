package io.leadline.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createsA256BitKeyReadableOnlyByItsOwnerAndKeepsIt() throws Exception {
        Path file = dir.resolve("nested/local-root.key");
        byte[] first = LocalKeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, LocalKeyFile.loadOrCreate(file, new SecureRandom()));
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        Path file = dir.resolve("k.key");
        LocalKeyFile.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalKeyFile.loadOrCreate(file, new SecureRandom()));
        assertEquals(true, e.getMessage().contains("0600"));
    }

    @Test
    void refusesAKeyOfTheWrongLength() throws Exception {
        Path file = dir.resolve("short.key");
        Files.write(file, new byte[16]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThrows(IllegalStateException.class, () -> LocalKeyFile.loadOrCreate(file, new SecureRandom()));
    }
}
