package io.github.gonefilter.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneChange;
import io.github.gonefilter.tombstone.TombstoneChange.Cause;
import io.github.gonefilter.tombstone.TombstoneChange.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The requests {@link VarnishPurger} sends, as the VCL in {@code examples/varnish/default.vcl} expects them. */
class VarnishPurgerTest {

    private static final Tombstone PRIVATE_DETAILS = Tombstone.builder("/articles/7").reason("user_request")
            .message("Removed at the author's request (ticket 4711)").alternative("/articles").build();

    private static TombstoneChange added(Tombstone t) {
        return new TombstoneChange(Kind.ADDED, t, Cause.WRITE);
    }

    @Test
    void aConnectionTheCacheClosesWithoutAnAnswerIsRetriedOnceAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> requestLines = new CopyOnWriteArrayList<>();
            Thread cache = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = server.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        requestLines.add(in.readLine());
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the headers
                        }
                        if (i == 1) { // the first connection is closed unanswered, as an idle one Varnish drops
                            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            cache.start();
            VarnishPurger.builder("http://127.0.0.1:" + server.getLocalPort()).build()
                    .purge(List.of(added(Tombstone.of("/a"))), "");
            cache.join(5000);
            assertThat(requestLines).containsExactly("PURGE /a HTTP/1.1", "PURGE /a HTTP/1.1");
        }
    }

    @Test
    void anExactPathIsPurgedByUrlWithItsSurrogateKeyAndNothingElse() throws Exception {
        try (RecordingApi varnish = new RecordingApi("")) {
            VarnishPurger purger = VarnishPurger.builder(varnish.base().toString()).build();
            purger.purge(List.of(added(PRIVATE_DETAILS)), "/shop");

            RecordingApi.Request purge = varnish.requests().get(0);
            assertThat(varnish.requests()).hasSize(1);
            assertThat(purge.method()).isEqualTo("PURGE");
            assertThat(purge.target()).isEqualTo("/shop/articles/7");
            assertThat(purge.header("Host")).isEqualTo(varnish.base().getAuthority());
            assertThat(purge.header("xkey-purge")).isEqualTo("gf:/shop/articles/7");
            assertThat(purge.header("X-Purge-Host")).isNull();
            assertThat(purge.header("X-Ban-Url")).isNull();
            assertThat(purge.body()).isEmpty();
            assertThat(purge.toString()).doesNotContain("4711", "user_request", "/articles\"", "request (");
        }
    }

    @Test
    void aGlobOrRegexIsBannedByRegexForEachHostWithItsKeysOnce() throws Exception {
        try (RecordingApi varnish = new RecordingApi("")) {
            VarnishPurger purger = VarnishPurger.builder(varnish.base().toString())
                    .hosts("www.example.com", "example.com:8443").build();
            purger.purge(List.of(new TombstoneChange(Kind.REMOVED, Tombstone.of("/catalog-2023/**"), Cause.RELOAD),
                    added(Tombstone.regexBuilder("/promo/20[0-9]{2}/.*").build())), "");

            assertThat(varnish.requests()).extracting(RecordingApi.Request::method).containsOnly("BAN");
            assertThat(varnish.requests()).extracting(RecordingApi.Request::target).containsOnly("/");
            assertThat(varnish.requests()).extracting(r -> r.header("X-Purge-Host"))
                    .containsExactly("www.example.com", "example.com:8443", "www.example.com", "example.com:8443");
            assertThat(varnish.requests()).extracting(r -> r.header("X-Ban-Url")).containsExactly(
                    "(?i)^/catalog-2023(?:/[^?]*)?/?(?:[;?].*)?$",
                    "(?i)^/catalog-2023(?:/[^?]*)?/?(?:[;?].*)?$",
                    "(?s)(?i)^(?:/promo/20[0-9]{2}/.*)/?(?:[;?].*)?$",
                    "(?s)(?i)^(?:/promo/20[0-9]{2}/.*)/?(?:[;?].*)?$");
            assertThat(varnish.requests()).extracting(r -> r.header("xkey-purge")).containsExactly(
                    "gf-tree:/catalog-2023 gf:/catalog-2023", null, "gf-tree:/promo gf:/promo", null);
        }
    }

    @Test
    void aRefusalIsFinalAnOutageOrOverloadIsWorthRetrying() throws Exception {
        try (RecordingApi varnish = new RecordingApi("")) {
            VarnishPurger purger = VarnishPurger.builder(varnish.base().toString()).build();
            varnish.answer(405, "Not allowed").answer(503, "Backend fetch failed").answer(429, "");
            List<TombstoneChange> change = List.of(added(Tombstone.of("/a")));
            assertThatThrownBy(() -> purger.purge(change, "")).isInstanceOf(PurgeRejectedException.class)
                    .hasMessageContaining("answered 405: Not allowed").hasMessageContaining(varnish.base().toString());
            assertThatThrownBy(() -> purger.purge(change, "")).isInstanceOf(IOException.class)
                    .hasMessageContaining("answered 503");
            assertThatThrownBy(() -> purger.purge(change, "")).isInstanceOf(IOException.class)
                    .hasMessageContaining("answered 429");
        }
        VarnishPurger nobody = VarnishPurger.builder("http://127.0.0.1:" + Varnish.freePort()).build();
        assertThatThrownBy(() -> nobody.purge(List.of(added(Tombstone.of("/a"))), ""))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void endpointsAndHostsAreCheckedAndErrorsNameThemButNeverCredentials() {
        assertThatThrownBy(() -> VarnishPurger.builder("ftp://cache:6081")).hasMessageContaining("'ftp://cache:6081'")
                .hasMessageContaining("http or https URL");
        assertThatThrownBy(() -> VarnishPurger.builder("http://admin:s3cret@cache:6081"))
                .hasMessageContaining("user info").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> VarnishPurger.builder("http://cache:6081/purge")).hasMessageContaining("(no path)");
        assertThatThrownBy(() -> VarnishPurger.builder("http://cache:6081").hosts("www.example.com", "bad host"))
                .hasMessageContaining("'bad host'");
        VarnishPurger.Builder builder = VarnishPurger.builder("http://cache:6081/").hosts("a.example");
        assertThatThrownBy(() -> builder.hosts("b.example")).isInstanceOf(IllegalStateException.class)
                .hasMessage("hosts was already set");
        assertThat(builder.build().description()).isEqualTo("varnish http://cache:6081/");
    }
}
