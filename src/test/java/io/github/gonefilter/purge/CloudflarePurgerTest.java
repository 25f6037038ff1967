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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The requests {@link CloudflarePurger} sends, checked against Cloudflare's API: {@code POST
 * /zones/{zone_id}/purge_cache} with {@code Authorization: Bearer}, a JSON body of {@code files} (full URLs) or
 * {@code prefixes} (host and path, no scheme), and {@code "success": true} in the answer.
 */
class CloudflarePurgerTest {

    private static final String TOKEN = "cf-token-abc";
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String OK = "{\"success\": true, \"errors\": [], \"messages\": [], \"result\": {\"id\": \"x\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudflarePurger.Builder purger(RecordingApi api) {
        return CloudflarePurger.builder(ZONE, TOKEN).apiBaseUrl(URI.create(api.base() + "/client/v4"));
    }

    private static TombstoneChange change(Tombstone t) {
        return new TombstoneChange(Kind.REMOVED, t, Cause.WRITE);
    }

    @Test
    void exactPathsArePurgedByUrlPerSiteGlobsAndRegexesByPrefix() throws Exception {
        try (RecordingApi api = new RecordingApi(OK)) {
            purger(api).sites("https://www.example.com", "http://www.example.com").build().purge(List.of(
                    change(Tombstone.builder("/articles/7").message("private note").build()),
                    change(Tombstone.of("/catalog-2023/**")),
                    change(Tombstone.regexBuilder("/promo/20[0-9]{2}/.*").build())), "/shop");

            List<RecordingApi.Request> requests = api.requests();
            assertThat(requests).hasSize(2);
            for (RecordingApi.Request r : requests) {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.target()).isEqualTo("/client/v4/zones/" + ZONE + "/purge_cache");
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
                assertThat(r.body()).doesNotContain("private note");
            }
            assertThat(JSON.readTree(requests.get(0).body())).isEqualTo(JSON.readTree(
                    "{\"files\": [\"https://www.example.com/shop/articles/7\", \"http://www.example.com/shop/articles/7\"]}"));
            assertThat(JSON.readTree(requests.get(1).body())).isEqualTo(JSON.readTree(
                    "{\"prefixes\": [\"www.example.com/shop/catalog-2023\", \"www.example.com/shop/promo\"]}"));
        }
    }

    @Test
    void eachRequestCarriesAtMostOperationsPerRequestUrls() throws Exception {
        try (RecordingApi api = new RecordingApi(OK)) {
            List<TombstoneChange> changes = IntStream.range(0, 65).mapToObj(i -> change(Tombstone.of("/a/" + i))).toList();
            purger(api).sites("https://www.example.com").build().purge(changes, "");
            List<Integer> sizes = new ArrayList<>();
            for (RecordingApi.Request r : api.requests()) {
                sizes.add(JSON.readTree(r.body()).get("files").size());
            }
            assertThat(sizes).containsExactly(30, 30, 5);
        }
        try (RecordingApi api = new RecordingApi(OK)) {
            List<TombstoneChange> changes = IntStream.range(0, 150).mapToObj(i -> change(Tombstone.of("/a/" + i))).toList();
            purger(api).sites("https://www.example.com").operationsPerRequest(100).build().purge(changes, "");
            assertThat(api.requests()).hasSize(2);
        }
    }

    @Test
    void aPrefixDeeperThanCloudflareAllowsIsCutToAnAncestor() throws Exception {
        try (RecordingApi api = new RecordingApi(OK)) {
            String deep = "/" + String.join("/", IntStream.range(0, 40).mapToObj(Integer::toString).toList()) + "/**";
            purger(api).sites("https://www.example.com").build().purge(List.of(change(Tombstone.of(deep))), "");
            JsonNode prefix = JSON.readTree(api.requests().get(0).body()).get("prefixes").get(0);
            assertThat(prefix.asText()).startsWith("www.example.com/0/1/2/")
                    .matches(p -> p.chars().filter(c -> c == '/').count() == CloudflarePurger.MAX_PREFIX_SEPARATORS);
        }
    }

    @Test
    void anAnswerWithoutSuccessIsARefusalARateLimitAnOutageAndTheTokenIsNeverInAMessage() throws Exception {
        try (RecordingApi api = new RecordingApi(OK)) {
            CloudflarePurger purger = purger(api).sites("https://www.example.com").build();
            api.answer(200, "{\"success\": false, \"errors\": [{\"code\": 1012, \"message\": \"Request must contain one of purge_everything, files, tags, hosts or prefixes\"}]}")
                    .answer(400, "{\"success\": false, \"errors\": [{\"code\": 1134, \"message\": \"Invalid url\"}]}")
                    .answer(429, "{\"success\": false}")
                    .answer(502, "");
            List<TombstoneChange> changes = List.of(change(Tombstone.of("/a")));
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(PurgeRejectedException.class)
                    .hasMessageContaining("1012").hasMessageNotContaining(TOKEN);
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(PurgeRejectedException.class)
                    .hasMessageContaining("400").hasMessageContaining("Invalid url");
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(IOException.class).hasMessageContaining("429");
            assertThatThrownBy(() -> purger.purge(changes, "")).isInstanceOf(IOException.class).hasMessageContaining("502");
            assertThat(purger.description() + purger).doesNotContain(TOKEN).contains(ZONE);
        }
    }

    @Test
    void settingsAreCheckedAndErrorsNameThem() {
        assertThatThrownBy(() -> CloudflarePurger.builder(ZONE, TOKEN).sites("www.example.com"))
                .hasMessageContaining("'www.example.com'");
        assertThatThrownBy(() -> CloudflarePurger.builder(ZONE, TOKEN).sites("https://www.example.com/shop"))
                .hasMessageContaining("scheme and host only");
        assertThatThrownBy(() -> CloudflarePurger.builder(ZONE, TOKEN).operationsPerRequest(0))
                .hasMessageContaining("operationsPerRequest must be 1 to 500 but was 0");
        assertThatThrownBy(() -> CloudflarePurger.builder(ZONE, TOKEN).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sites(");
        assertThatThrownBy(() -> CloudflarePurger.builder("zone/../x", TOKEN)).hasMessageContaining("'zone/../x'");
    }
}
