package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneChange.Cause;
import io.github.gonefilter.tombstone.TombstoneChange.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The requests {@link FastlyPurger} sends, checked against Fastly's purge API: {@code POST /purge/{cached_url}}
 * (host and path, no scheme) and {@code POST /service/{service_id}/purge} with {@code {"surrogate_keys": [...]}}
 * (at most 256), both with {@code Fastly-Key}; hard purges only.
 */
class FastlyPurgerTest {

    private static final String TOKEN = "fastly-token-123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FastlyPurger purger(RecordingApi api, String... hosts) {
        return FastlyPurger.builder("SU1Z0isxPaozGVKXdv0eY", TOKEN).hosts(hosts).apiBaseUrl(api.base()).build();
    }

    private static TombstoneChange change(Tombstone t) {
        return new TombstoneChange(Kind.ADDED, t, Cause.WRITE);
    }

    @Test
    void exactPathsArePurgedByUrlPerHostAndEveryChangeByItsSurrogateKeysInOneBulkRequest() throws Exception {
        try (RecordingApi api = new RecordingApi("{\"status\": \"ok\", \"id\": \"108-1391560174-974124\"}")) {
            purger(api, "www.example.com", "example.com").purge(List.of(
                    change(Tombstone.builder("/articles/7").message("private note").reason("gdpr").build()),
                    change(Tombstone.of("/catalog-2023/**"))), "/shop");

            List<RecordingApi.Request> requests = api.requests();
            assertThat(requests).extracting(RecordingApi.Request::method).containsOnly("POST");
            assertThat(requests).extracting(RecordingApi.Request::target).containsExactly(
                    "/purge/www.example.com/shop/articles/7",
                    "/purge/example.com/shop/articles/7",
                    "/service/SU1Z0isxPaozGVKXdv0eY/purge");
            for (RecordingApi.Request r : requests) {
                assertThat(r.header("Fastly-Key")).isEqualTo(TOKEN);
                assertThat(r.header("Accept")).isEqualTo("application/json");
                assertThat(r.header("Fastly-Soft-Purge")).as("hard purges only").isNull();
                assertThat(r.toString()).doesNotContain("private note", "gdpr");
            }
            RecordingApi.Request bulk = requests.get(2);
            assertThat(bulk.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = JSON.readTree(bulk.body());
            assertThat(body.fieldNames()).toIterable().containsExactly("surrogate_keys");
            assertThat(JSON.convertValue(body.get("surrogate_keys"), List.class)).containsExactly(
                    "gf:/shop/articles/7", "gf-tree:/shop/catalog-2023", "gf:/shop/catalog-2023");
        }
    }

    @Test
    void atMost256KeysGoInOneRequest() throws Exception {
        try (RecordingApi api = new RecordingApi("{}")) {
            List<TombstoneChange> changes = IntStream.range(0, 300)
                    .mapToObj(i -> change(Tombstone.of("/legacy/" + i + "/**"))).toList();
            purger(api, "www.example.com").purge(changes, "");
            List<Integer> sizes = new ArrayList<>();
            for (RecordingApi.Request r : api.requests()) {
                sizes.add(JSON.readTree(r.body()).get("surrogate_keys").size());
            }
            assertThat(sizes).containsExactly(256, 256, 88); // two keys per glob: 600 keys
        }
    }

    @Test
    void anUnauthorizedTokenIsARefusalARateLimitAnOutageAndTheTokenIsNeverInAMessage() throws Exception {
        try (RecordingApi api = new RecordingApi("{}")) {
            FastlyPurger purger = purger(api, "www.example.com");
            api.answer(401, "{\"msg\": \"Provided credentials are missing or invalid\"}").answer(429, "{}").answer(500, "");
            List<TombstoneChange> changes = List.of(change(Tombstone.of("/a")));
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(PurgeRejectedException.class)
                    .hasMessageContaining("401").hasMessageContaining("credentials").hasMessageNotContaining(TOKEN);
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(IOException.class)
                    .hasMessageContaining("429").hasMessageNotContaining(TOKEN);
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(IOException.class).hasMessageContaining("500");
            assertThat(purger.description() + purger).doesNotContain(TOKEN).contains("SU1Z0isxPaozGVKXdv0eY");
        }
    }

    @Test
    void settingsAreCheckedAndErrorsNameThem() {
        assertThatThrownBy(() -> FastlyPurger.builder("id with space", TOKEN)).hasMessageContaining("'id with space'");
        assertThatThrownBy(() -> FastlyPurger.builder("SRV", " ")).hasMessageContaining("apiToken");
        assertThatThrownBy(() -> FastlyPurger.builder("SRV", TOKEN).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hosts(");
        assertThatThrownBy(() -> FastlyPurger.builder("SRV", TOKEN).hosts("https://www.example.com"))
                .hasMessageContaining("'https://www.example.com'");
    }
}
