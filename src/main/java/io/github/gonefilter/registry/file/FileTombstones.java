package io.github.gonefilter.registry.file;

import io.github.gonefilter.internal.registry.TombstoneFields;
import io.github.gonefilter.tombstone.Tombstone;
import java.util.ArrayList;
import java.util.List;

/**
 * The tombstones of one file as its reader builds them: in order, each key at most once (a second one is an
 * error naming the line of the first), equal values shared between them. The one place both readers build
 * tombstones and check keys.
 */
final class FileTombstones {

    private final String location;
    private final TombstoneFields fields = TombstoneFields.sharingValues();
    private final List<Tombstone> tombstones = new ArrayList<>();
    private final KeyLines lines = new KeyLines();

    FileTombstones(String location) {
        this.location = location;
    }

    /** Where the next tombstone's members go; {@link #add} builds it. */
    TombstoneFields fields() {
        return fields;
    }

    /**
     * Adds the tombstone {@code built} (from {@link #fields()}) that starts at {@code line} and {@code column}.
     *
     * @throws TombstoneFileException if a tombstone with the same key came before
     */
    void add(Tombstone built, int line, int column) {
        String key = built.pattern().key();
        int first = lines.putIfAbsent(key, line);
        if (first >= 0) {
            throw new TombstoneFileException(location, line, column, "duplicate tombstone for " + key
                    + " (first at line " + first + ")", null);
        }
        tombstones.add(built);
    }

    int size() {
        return tombstones.size();
    }

    List<Tombstone> list() {
        return tombstones;
    }

    /** Where each key was first seen: open addressing without boxing, for files of a million lines. */
    private static final class KeyLines {
        private String[] keys = new String[1024];
        private int[] lines = new int[1024];
        private int size;

        /** Records {@code line} for {@code key} unless it is present; returns the earlier line, or -1. */
        int putIfAbsent(String key, int line) {
            if ((size + 1) * 2 > keys.length) {
                resize();
            }
            int mask = keys.length - 1;
            int h = key.hashCode();
            for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
                String k = keys[i];
                if (k == null) {
                    keys[i] = key;
                    lines[i] = line;
                    size++;
                    return -1;
                }
                if (k.equals(key)) {
                    return lines[i];
                }
            }
        }

        private void resize() {
            String[] oldKeys = keys;
            int[] oldLines = lines;
            keys = new String[oldKeys.length * 2];
            lines = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int h = oldKeys[j].hashCode();
                    int i = (h ^ (h >>> 16)) & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    lines[i] = oldLines[j];
                }
            }
        }
    }
}
