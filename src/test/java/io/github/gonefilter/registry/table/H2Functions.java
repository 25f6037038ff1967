package io.github.gonefilter.registry.table;

/** Java functions the soft-delete tests register in H2 with CREATE ALIAS (H2 needs a public class). */
public final class H2Functions {

    private H2Functions() {
    }

    /** SLOW_ID(?): the id, after a second. */
    public static long slowId(long id) throws InterruptedException {
        Thread.sleep(1000);
        return id;
    }
}
