package io.github.gonefilter.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotCacheTest {

    @Test
    void anEntryStaysUntilAnotherTakesItsSlot() {
        SlotCache<String> cache = new SlotCache<>(4);
        cache.put(1, "one");
        assertThat(cache.get(1)).isEqualTo("one");
        assertThat(cache.get(5)).as("same slot: the caller checks the key").isEqualTo("one");
        cache.put(5, "five");
        assertThat(cache.get(1)).isEqualTo("five");
        assertThat(cache.get(-2)).isNull(); // negative hashes have a slot too
    }

    @Test
    void theSizeIsAPowerOfTwo() {
        assertThatThrownBy(() -> new SlotCache<>(1000)).hasMessageContaining("power of two but was 1000");
    }
}
