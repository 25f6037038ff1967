package io.github.gonefilter.cli.importer;

import io.github.gonefilter.tombstone.Visibility;

/** What a server rule does with the requests it decides. */
public enum Outcome {
    /** Answers 410. */
    GONE,
    /** Answers 451. */
    LEGAL,
    /** Answers something else (a redirect, 403, the content itself): the path is not gone. */
    OTHER;

    /** GONE for 410, LEGAL for 451, OTHER for anything else. */
    public static Outcome ofStatus(int status) {
        return status == 410 ? GONE : status == 451 ? LEGAL : OTHER;
    }

    Visibility visibility() {
        return this == LEGAL ? Visibility.LEGAL : Visibility.GONE;
    }
}
