package io.github.gonefilter.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.registry.sync.TombstoneStoreException;
import io.github.gonefilter.tombstone.Tombstone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials in a {@code redis://user:password@host} URL are percent-decoded as RFC 3986 says, not as an
 * HTML form: a {@code +} is a plus sign. Checked against a private redis-server that requires a password
 * with {@code +}, {@code %}, {@code :} and {@code @} for its default user and for an ACL user.
 */
class RedisCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String DEFAULT_PASSWORD = "p+ss%w:rd@x";
    private static final String ALICE_PASSWORD = "a+b%c:d@eé";

    @TempDir
    Path dir;

    @Test
    void passwordsWithPlusPercentColonAndAtReachAnAuthenticatingServer() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start(dir, "--requirepass", DEFAULT_PASSWORD, "--user", "alice", "on",
                ">" + ALICE_PASSWORD, "~*", "&*", "+@all")) {
            // + and : may stand as they are in userinfo; % and @ must be encoded.
            String asDefault = "redis://:p+ss%25w:rd%40x@127.0.0.1:" + redis.port();
            String asAlice = "redis://alice:" + encode(ALICE_PASSWORD) + "@127.0.0.1:" + redis.port();
            for (String url : new String[] {asDefault, asAlice}) {
                try (RedisTombstoneRegistry r = RedisTombstoneRegistry.builder(url).syncInterval(Duration.ofMinutes(10))
                        .timeout(Duration.ofSeconds(2)).build()) {
                    assertThat(r.outage()).as(url).isFalse();
                    r.bury(Tombstone.of("/gone/" + url.length()));
                    assertThat(r.find("/gone/" + url.length(), NOW)).as(url).isPresent();
                }
            }
            try (RedisTombstoneRegistry wrong = RedisTombstoneRegistry.builder("redis://:p%20ss%25w:rd%40x@127.0.0.1:"
                    + redis.port()).syncInterval(Duration.ofMinutes(10)).build()) {
                assertThat(wrong.outage()).isTrue();
                assertThatThrownBy(() -> wrong.bury(Tombstone.of("/x"))).isInstanceOf(TombstoneStoreException.class);
            }
        }
    }

    @Test
    void userinfoIsPercentDecodedAsUtf8AndAPlusStaysAPlus() {
        assertThat(RedisConnections.decode("a+b", "password")).isEqualTo("a+b");
        assertThat(RedisConnections.decode("a%2Bb%2b", "password")).isEqualTo("a+b+");
        assertThat(RedisConnections.decode("%25%3A%40%20", "password")).isEqualTo("%:@ ");
        assertThat(RedisConnections.decode("caf%C3%A9", "password")).isEqualTo("café");
        assertThat(RedisConnections.decode("café\uD83D\uDE00%21", "password")).isEqualTo("café\uD83D\uDE00!");
        Random random = new Random(8_12);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(Character.MAX_CODE_POINT + 1);
                if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                    continue;
                }
                s.appendCodePoint(cp);
            }
            assertThat(RedisConnections.decode(encode(s.toString()), "user")).isEqualTo(s.toString());
        }
    }

    @Test
    void aBrokenEncodingNamesThePartButNotTheSecret() {
        for (String raw : new String[] {"secret%", "secret%4", "secret%G1", "secret%C3"}) {
            assertThatThrownBy(() -> RedisConnections.decode(raw, "password"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url password")
                    .hasMessageNotContaining("secret");
        }
        assertThatThrownBy(() -> RedisTombstoneRegistry.builder("redis://:secret%zz@127.0.0.1:1").build())
                .hasMessageContaining("url is not a valid URI").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RedisTombstoneRegistry.builder("http://u:secret@127.0.0.1:1").build())
                .hasMessageContaining("url must be redis://").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RedisTombstoneRegistry.builder("redis://u:se@cret@127.0.0.1:1").build())
                .hasMessageContaining("url has no host").hasMessageNotContaining("cret");
        // '#', '/' and '?' end java.net.URI's authority before the '@': the password must not leak all the same.
        for (String cut : new String[] {"#", "/", "?", "/x?y#", "#/@"}) {
            for (String user : new String[] {"", "app"}) {
                String url = "redis://" + user + ":s3cr" + cut + "et@127.0.0.1:6379/0";
                assertThatThrownBy(() -> RedisTombstoneRegistry.builder(url).build()).as(url)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%23, %2F, %3F")
                        .hasMessageContaining("***@127.0.0.1:6379").hasMessageNotContaining("s3cr")
                        .hasMessageNotContaining("et@");
            }
        }
        assertThat(RedisConnections.redacted(java.net.URI.create("redis://u:a/b?c#d@h:1/2"))).isEqualTo("redis://***@h:1/2");
    }

    /** Percent-encodes every UTF-8 byte except RFC 3986's unreserved characters. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
