package dev.sspr.core.captcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of rendering in a child JVM whose fontconfig finds only the directory that the shipped
 * fonts.conf lists, as in AWS Lambda. The JDK uses fontconfig on Linux, so they run only there.
 */
@EnabledOnOs(OS.LINUX)
class CaptchaImageRendererFontsTest {
    private static final String FONTS_CONF_RESOURCE = "/fonts/fonts.conf";
    private static final String LAMBDA_FONT_DIR = "<dir>/var/task/fonts</dir>";
    private static final String LAMBDA_CACHE_DIR = "<cachedir>/tmp/fontconfig-cache</cachedir>";
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @Test
    void renderPng_worksWithoutSystemFonts(@TempDir Path temp) throws Exception {
        Path fontDir = Files.createDirectory(temp.resolve("fonts"));
        try (InputStream font = getClass().getResourceAsStream(CaptchaFont.RESOURCE)) {
            assertNotNull(font, CaptchaFont.RESOURCE + " is missing from the test classpath");
            Files.copy(font, fontDir.resolve("DejaVuSans-Bold.ttf"));
        }
        Path fontsConf = writeFontsConf(temp, fontDir);

        ChildResult child = renderInChildJvm(temp, fontsConf);

        assertEquals(0, child.exitCode(), "child JVM failed to render. Output:\n" + child.output());
        BufferedImage image = ImageIO.read(child.png().toFile());
        assertNotNull(image, "child JVM wrote no readable PNG");
        assertEquals(CaptchaImageRenderer.WIDTH, image.getWidth());
        assertEquals(CaptchaImageRenderer.HEIGHT, image.getHeight());
    }

    /**
     * Checks the isolation that the test above relies on. If the child rendered here, it would
     * still find system fonts, and rendering with the shipped font would prove nothing.
     */
    @Test
    void renderPng_failsWhenFontconfigFindsNoFonts(@TempDir Path temp) throws Exception {
        Path emptyDir = Files.createDirectory(temp.resolve("fonts"));
        Path fontsConf = writeFontsConf(temp, emptyDir);

        ChildResult child = renderInChildJvm(temp, fontsConf);

        assertNotEquals(0, child.exitCode(),
                "child JVM rendered although fontconfig listed no fonts, so the child still finds"
                        + " system fonts or this JDK no longer needs fontconfig. Output:\n"
                        + child.output());
        assertTrue(child.output().contains("FONTCONFIG_FILE"),
                "error does not say how to fix the font setup:\n" + child.output());
    }

    /**
     * Writes the shipped fonts.conf into {@code fontDir}, with the Lambda font directory
     * replaced by {@code fontDir} and the cache directory moved under {@code temp}.
     */
    private static Path writeFontsConf(Path temp, Path fontDir) throws IOException {
        String shipped;
        Class<?> testClass = CaptchaImageRendererFontsTest.class;
        try (InputStream in = testClass.getResourceAsStream(FONTS_CONF_RESOURCE)) {
            assertNotNull(in, FONTS_CONF_RESOURCE + " is missing from the test classpath");
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(shipped.contains(LAMBDA_FONT_DIR), FONTS_CONF_RESOURCE + " no longer contains "
                + LAMBDA_FONT_DIR + ". Update this test to the new font directory.");
        assertTrue(shipped.contains(LAMBDA_CACHE_DIR), FONTS_CONF_RESOURCE + " no longer contains "
                + LAMBDA_CACHE_DIR + ". Update this test to the new cache directory.");
        Path cacheDir = temp.resolve("fontconfig-cache");
        String config = shipped
                .replace(LAMBDA_FONT_DIR, "<dir>" + fontDir + "</dir>")
                .replace(LAMBDA_CACHE_DIR, "<cachedir>" + cacheDir + "</cachedir>");
        return Files.writeString(fontDir.resolve("fonts.conf"), config);
    }

    private static ChildResult renderInChildJvm(Path temp, Path fontsConf)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path png = temp.resolve("captcha.png");
        Path output = temp.resolve("child-output.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                java.toString(),
                // The JDK caches the font list from fontconfig under ${user.home}/.java/fonts and
                // reuses it in later runs, so a shared home could hand the child system fonts.
                "-Duser.home=" + temp.resolve("home"),
                // Font.createFont writes a copy of the font here, and leaks it when loading fails.
                "-Djava.io.tmpdir=" + temp,
                "-cp", System.getProperty("java.class.path"),
                RenderPngMain.class.getName(),
                png.toString()));
        Map<String, String> environment = builder.environment();
        environment.put("FONTCONFIG_FILE", fontsConf.toString());
        environment.remove("FONTCONFIG_PATH");
        environment.remove("FONTCONFIG_SYSROOT");
        environment.remove("DISPLAY");
        builder.redirectErrorStream(true).redirectOutput(output.toFile());

        Process process = builder.start();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("child JVM timed out after " + CHILD_TIMEOUT_SECONDS + " s. Output:\n"
                    + Files.readString(output));
        }
        return new ChildResult(process.exitValue(), Files.readString(output), png);
    }

    private record ChildResult(int exitCode, String output, Path png) {
    }
}
