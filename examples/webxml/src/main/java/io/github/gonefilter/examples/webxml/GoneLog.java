package io.github.gonefilter.examples.webxml;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneListener;
import java.lang.System.Logger.Level;

/** Logs every response the filter writes; registered with the {@code listeners} init-param in web.xml. */
public class GoneLog implements GoneListener {

    private static final System.Logger LOG = System.getLogger(GoneLog.class.getName());

    @Override
    public void onResponse(GoneEvent event) {
        LOG.log(Level.INFO, () -> event.method() + " " + event.path() + " -> " + event.status()
                + (event.tombstone() == null || event.tombstone().reason() == null
                        ? "" : " (" + event.tombstone().reason() + ")"));
    }
}
