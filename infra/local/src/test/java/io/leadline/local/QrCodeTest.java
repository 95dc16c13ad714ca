package io.leadline.local;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.leadline.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console's own QR encoder (web/console/qr.js, run in Node) against an independent decoder
 * (ZXing): what the console shows for authenticator set-up must scan back to exactly the otpauth URI.
 */
class QrCodeTest {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DP";

    @Test
    void otpauthUrisOfEveryLengthScanBackExactly() throws Exception {
        String typical = "otpauth://totp/Leadline:nguyen.van.an?secret=" + SECRET + "&issuer=Leadline&digits=6&period=30";
        List<String> texts = List.of(
                "otpauth://x",
                "otpauth://totp/Leadline:an?secret=JBSWY3DP&issuer=Leadline",
                "otpauth://totp/Leadline:an.rep?secret=" + SECRET + "&issuer=Leadline",
                typical,
                "otpauth://totp/Leadline:a-very-long-user.name_01?secret=" + SECRET + SECRET.substring(0, 12)
                        + "&issuer=Leadline&algorithm=SHA1&digits=6",
                "Nguyễn Văn An — ổ khóa",
                "x".repeat(213));
        assertTrue(typical.length() >= 115 && typical.length() <= 125, "about 120 characters: " + typical.length());
        List<boolean[][]> matrices = encode(texts);
        assertEquals(texts.size(), matrices.size());
        for (int i = 0; i < texts.size(); i++) {
            boolean[][] m = matrices.get(i);
            int version = version(m);
            assertTrue(version >= 1 && version <= 10, "versions 1–10");
            Result result = decode(m);
            assertEquals(texts.get(i), result.getText(), "version " + version + " decodes to its input");
            assertEquals("M", result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
        }
        assertEquals(1, version(matrices.get(0)), "11 bytes: version 1");
        assertEquals(4, version(matrices.get(1)), "57 bytes: version 4 (up to 62 at level M)");
        assertEquals(7, version(matrices.get(3)), "about 120 bytes: version 7, with version information");
        assertEquals(10, version(matrices.get(6)), "213 bytes is exactly version 10's capacity at level M");
    }

    @Test
    void everyVersionAtItsCapacityAndJustAboveThePreviousOneScansBack() throws Exception {
        int[] capacity = {0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213}; // bytes at level M, versions 1–10
        List<String> texts = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        String filler = "otpauth://totp/Leadline:rep?secret=" + SECRET + SECRET + SECRET + SECRET + SECRET + SECRET;
        for (int v = 1; v <= 10; v++) {
            texts.add(filler.substring(0, capacity[v]));
            versions.add(v);
            texts.add(filler.substring(0, capacity[v - 1] + 1));
            versions.add(v);
        }
        List<boolean[][]> matrices = encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(versions.get(i), version(matrices.get(i)), texts.get(i).length() + " bytes");
            assertEquals(texts.get(i), decode(matrices.get(i)).getText(), "version " + versions.get(i));
        }
    }

    /** A QR code is 17 + 4·version modules wide. */
    private static int version(boolean[][] m) {
        assertEquals(0, (m.length - 17) % 4, "17 + 4·version modules wide: " + m.length);
        return (m.length - 17) / 4;
    }

    @Test
    void tooLongForVersionTenIsRefused() throws Exception {
        String out = node("""
                import { qrMatrix } from %s;
                try { qrMatrix('x'.repeat(214)); console.log('encoded'); } catch (e) { console.log(e.name); }
                """.formatted(moduleUrl()));
        assertEquals("RangeError", out.strip());
    }

    /** Runs qr.js in Node: one line per text, rows separated by commas, 1 = dark. */
    private static List<boolean[][]> encode(List<String> texts) throws IOException, InterruptedException {
        String out = node("""
                import { qrMatrix } from %s;
                for (const text of JSON.parse(process.argv[1])) {
                  console.log(qrMatrix(text).map((row) => row.map((d) => (d ? '1' : '0')).join('')).join(','));
                }
                """.formatted(moduleUrl()), json(texts));
        List<boolean[][]> result = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] rows = line.strip().split(",");
            boolean[][] m = new boolean[rows.length][];
            for (int y = 0; y < rows.length; y++) {
                assertEquals(rows.length, rows[y].length(), "square");
                m[y] = new boolean[rows[y].length()];
                for (int x = 0; x < rows[y].length(); x++) {
                    m[y][x] = rows[y].charAt(x) == '1';
                }
            }
            result.add(m);
        }
        return result;
    }

    private static String moduleUrl() {
        Path qr = ExternalTools.repositoryRoot().resolve("web/console/qr.js").toAbsolutePath();
        return "'" + qr.toUri() + "'";
    }

    private static String node(String script, String... args) throws IOException, InterruptedException {
        Path node = ExternalTools.node();
        List<String> command = new ArrayList<>(List.of(node.toString(), "--input-type=module", "-e", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (var in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "node failed:\n" + text);
        return text;
    }

    private static String json(List<String> texts) {
        StringBuilder sb = new StringBuilder("[");
        for (String t : texts) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"');
            for (char c : t.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    private static Result decode(boolean[][] matrix) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new ModuleImage(matrix, 4, 4))),
                Map.of(DecodeHintType.CHARACTER_SET, "UTF-8"));
    }

    /** The matrix as a grey image: 4 pixels per module, a 4-module light quiet zone around it. */
    private static final class ModuleImage extends LuminanceSource {
        private final boolean[][] modules;
        private final int scale;
        private final int quiet;

        ModuleImage(boolean[][] modules, int scale, int quiet) {
            super((modules.length + 2 * quiet) * scale, (modules.length + 2 * quiet) * scale);
            this.modules = modules;
            this.scale = scale;
            this.quiet = quiet;
        }

        private byte pixel(int x, int y) {
            int mx = x / scale - quiet;
            int my = y / scale - quiet;
            boolean dark = mx >= 0 && my >= 0 && mx < modules.length && my < modules.length && modules[my][mx];
            return (byte) (dark ? 0 : 255);
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            byte[] out = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
            for (int x = 0; x < getWidth(); x++) {
                out[x] = pixel(x, y);
            }
            return out;
        }

        @Override
        public byte[] getMatrix() {
            byte[] out = new byte[getWidth() * getHeight()];
            for (int y = 0; y < getHeight(); y++) {
                for (int x = 0; x < getWidth(); x++) {
                    out[y * getWidth() + x] = pixel(x, y);
                }
            }
            return out;
        }
    }
}
