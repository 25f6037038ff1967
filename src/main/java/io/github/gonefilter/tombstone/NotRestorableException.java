package io.github.gonefilter.tombstone;

/** Thrown when restoring a tombstone that was buried as not restorable, without force. */
public final class NotRestorableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotRestorableException(PathPattern pattern) {
        super("tombstone " + pattern.key() + " is not restorable; restore it with force to bring it back anyway");
    }
}
