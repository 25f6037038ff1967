package io.github.gonefilter.purge;

/**
 * A cache refused a purge for good (HTTP 4xx other than 408 and 429: a malformed request, a wrong token, an
 * address not allowed to purge). Retrying would not help, so the purge queue drops the changes and counts them as
 * {@link PurgeStatistics.Outcome#FAILED}.
 */
public class PurgeRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public PurgeRejectedException(String message) {
        super(message);
    }
}
