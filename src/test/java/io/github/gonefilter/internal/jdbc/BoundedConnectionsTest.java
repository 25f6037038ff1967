package io.github.gonefilter.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every wait for a connection is bounded, and only calls that have not returned count against the limit. */
class BoundedConnectionsTest {

    private final DataSource dataSource = mock(DataSource.class);
    private BoundedConnections connections;

    @AfterEach
    void close() {
        connections.close();
    }

    @Test
    void asManyCallersAsMayBePendingNeverWaitForEachOther() throws Exception {
        when(dataSource.getConnection()).thenAnswer(invocation -> mock(Connection.class));
        connections = new BoundedConnections(dataSource, 2, "test");
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            callers.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    try (BoundedConnections.Lease lease = connections.get(Duration.ofSeconds(5))) {
                        assertThat(lease.connection()).isNotNull();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
        }
        callers.shutdown();
        assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void aDataSourceThatHangsCostsTheTimeoutAndThenFailsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        when(dataSource.getConnection()).thenAnswer(invocation -> {
            release.await();
            return mock(Connection.class);
        });
        connections = new BoundedConnections(dataSource, 2, "test");
        try {
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> connections.get(Duration.ofMillis(100))).isInstanceOf(SQLTimeoutException.class)
                        .hasMessageContaining("within 100 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> connections.get(Duration.ofSeconds(10))).isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("2 earlier requests to the data source have not returned");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        } finally {
            release.countDown();
        }
    }
}
