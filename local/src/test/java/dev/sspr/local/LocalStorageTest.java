package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class LocalStorageTest {

    @Test
    void region_defaultsToUsEast1() {
        assertEquals(Region.US_EAST_1, LocalStorage.region(Map.of()));
        assertEquals(Region.US_EAST_1, LocalStorage.region(Map.of("AWS_REGION", " ")));
    }

    @Test
    void region_comesFromTheEnvironment() {
        assertEquals(Region.EU_WEST_1, LocalStorage.region(Map.of("AWS_REGION", "eu-west-1")));
        assertEquals(Region.EU_WEST_2, LocalStorage.region(Map.of("AWS_DEFAULT_REGION", "eu-west-2")));
        assertEquals(Region.EU_WEST_1,
                LocalStorage.region(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-2")));
    }

    @Test
    void credentials_defaultToDummyKeys() {
        AwsCredentials credentials = LocalStorage.credentials(Map.of()).resolveCredentials();

        assertEquals("local", credentials.accessKeyId());
        assertEquals("local", credentials.secretAccessKey());
    }

    @Test
    void credentials_comeFromTheEnvironment() {
        AwsCredentials basic = LocalStorage.credentials(
                Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret")).resolveCredentials();
        AwsCredentials session = LocalStorage.credentials(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token")).resolveCredentials();

        assertEquals("AKIDEXAMPLE", basic.accessKeyId());
        assertEquals("secret", basic.secretAccessKey());
        assertEquals("token", assertInstanceOf(AwsSessionCredentials.class, session).sessionToken());
    }

    @Test
    void credentials_useTheNamedProfile() {
        assertInstanceOf(ProfileCredentialsProvider.class, LocalStorage.credentials(Map.of("AWS_PROFILE", "dev")));
    }

    @Test
    void endpoint_mustBeAnHttpUrl() {
        assertEquals("http://127.0.0.1:8000", LocalStorage.endpointUri("http://127.0.0.1:8000").toString());
        for (String invalid : new String[] {"127.0.0.1:8000", "ftp://127.0.0.1", "http://", "not a url"}) {
            assertThrows(IllegalArgumentException.class, () -> LocalStorage.endpointUri(invalid), invalid);
        }
    }
}
