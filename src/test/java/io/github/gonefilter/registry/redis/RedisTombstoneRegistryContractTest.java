package io.github.gonefilter.registry.redis;

import io.github.gonefilter.testing.TombstoneRegistryContract;
import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.registry.sync.TestServers;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.JedisPooled;

/** The registry contract over the Redis server from {@code .ci/services.sh}; each registry gets fresh keys. */
class RedisTombstoneRegistryContractTest extends TombstoneRegistryContract {

    private final Map<TombstoneRegistry, String> prefixes = new HashMap<>();
    private final List<String> used = new ArrayList<>();
    private URI url;

    @Override
    protected TombstoneRegistry createRegistry(List<Tombstone> initial) {
        url = TestServers.redis();
        String prefix = TestServers.freshTable().replace('_', '-');
        used.add(prefix);
        RedisTombstoneRegistry r = open(prefix);
        initial.forEach(r::bury);
        return r;
    }

    private RedisTombstoneRegistry open(String prefix) {
        RedisTombstoneRegistry r = RedisTombstoneRegistry.builder(url).keyPrefix(prefix)
                .syncInterval(Duration.ofMinutes(10)).build();
        prefixes.put(r, prefix);
        return r;
    }

    @Override
    protected boolean writable() {
        return true;
    }

    @Override
    protected boolean preChecksPaths() {
        return true;
    }

    @Override
    protected boolean shared() {
        return true;
    }

    @Override
    protected TombstoneRegistry createPeer(TombstoneRegistry registry) {
        return open(prefixes.get(registry));
    }

    @Override
    protected void awaitSync(TombstoneRegistry registry) {
        ((SyncingTombstoneRegistry) registry).syncNow();
    }

    @AfterEach
    void deleteKeys() {
        prefixes.keySet().forEach(TombstoneRegistry::close);
        if (url != null && !used.isEmpty()) {
            try (JedisPooled redis = new JedisPooled(url.getHost(), url.getPort())) {
                for (String p : used) {
                    redis.del("{" + p + "}:tombstones", "{" + p + "}:changes", "{" + p + "}:version");
                }
            }
        }
        used.clear();
        prefixes.clear();
    }
}
