package io.github.gonefilter.it;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link GoneListener} registered through the {@code listeners} init-param; records every event. */
public final class RecordingListener implements GoneListener {

    private static final List<GoneEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static final List<GoneEvent> LIVE = new CopyOnWriteArrayList<>();

    static void clear() {
        EVENTS.clear();
        LIVE.clear();
    }

    /** The live-content events of fallback mode. */
    static List<GoneEvent> liveContent() {
        return List.copyOf(LIVE);
    }

    static List<GoneEvent> events() {
        return List.copyOf(EVENTS);
    }

    @Override
    public void onResponse(GoneEvent event) {
        EVENTS.add(event);
    }

    @Override
    public void onLiveContent(GoneEvent event) {
        LIVE.add(event);
    }
}
