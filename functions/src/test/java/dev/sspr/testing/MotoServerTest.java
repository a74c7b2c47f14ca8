package dev.sspr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class MotoServerTest {

    @Test
    void missingExecutable_skipsOutsideCi(@TempDir Path empty) {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> MotoServer.requireExecutable(empty.toString(), null));
        assertTrue(skipped.getMessage().contains("moto_server is not on PATH"), skipped.getMessage());
    }

    @Test
    void missingExecutable_failsWhenCiIsSet(@TempDir Path empty) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> MotoServer.requireExecutable(empty.toString(), "true"));
        assertTrue(failure.getMessage().contains("CI is set"), failure.getMessage());
    }

    @Test
    void executable_isFoundOnPath(@TempDir Path directory) throws IOException {
        Path executable = Files.createFile(directory.resolve(MotoServer.EXECUTABLE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertEquals(executable, MotoServer.requireExecutable("/nonexistent:" + directory, "true"));
    }
}
