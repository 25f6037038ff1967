package io.github.gonefilter.registry.redis;

import io.github.gonefilter.registry.sync.SharedRegistryContract;
import io.github.gonefilter.registry.sync.SyncingTombstoneRegistry;
import io.github.gonefilter.support.TestServers;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.JedisPooled;

/** The registry contract over the Redis server from {@code .ci/services.sh}; each registry gets fresh keys. */
class RedisTombstoneRegistryContractTest extends SharedRegistryContract {

    private URI url;

    @Override
    protected SyncingTombstoneRegistry open(String name) {
        url = TestServers.redis();
        return RedisTombstoneRegistry.builder(url).keyPrefix(prefix(name)).syncInterval(Duration.ofMinutes(10)).build();
    }

    @Override
    protected void drop(String name) {
        try (JedisPooled redis = new JedisPooled(url.getHost(), url.getPort())) {
            String p = prefix(name);
            redis.del("{" + p + "}:tombstones", "{" + p + "}:changes", "{" + p + "}:version");
        }
    }

    private static String prefix(String name) {
        return name.replace('_', '-');
    }
}
