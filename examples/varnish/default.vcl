vcl 4.1;

# Varnish 7 in front of an application with gone-filter, purged by the filter on every change of its tombstones
# (GoneFilter init-param `purge`, or `GoneFilter.builder().purger(VarnishPurger...)`). See docs/03-caching.md.
#
# The filter sends, from the application's nodes only (acl purgers):
#   PURGE <path>              an exact path: removes that URL with every Vary variant
#   BAN / + X-Ban-Url: <re>   a glob or regex: bans every cached URL of that host matching the regular expression
#   xkey-purge: <keys>        on both: removes every object tagged with one of the surrogate keys (xkey module)
#   X-Purge-Host: <host>      on both: the Host the purge is for (Varnish keys its cache by URL and Host)
#
# Needs the xkey module: Debian's varnish-modules package. Tested with Varnish 7.1 (Debian 12).

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8080";
}

# Who may purge: the application's own nodes. Add their addresses; everyone else gets 405.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Purge-Host) {
            set req.http.Host = req.http.X-Purge-Host;
        }
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        }
        if (req.method == "BAN") {
            if (!req.http.X-Ban-Url) {
                return (synth(400, "X-Ban-Url is missing"));
            }
            # Only obj.* in the expression, so the ban lurker can retire the ban in the background.
            if (!std.ban("obj.http.x-url ~ " + req.http.X-Ban-Url + " && obj.http.x-host == " + req.http.Host)) {
                return (synth(400, "Invalid ban: " + std.ban_error()));
            }
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    # Everything else: Varnish's built-in rules (no caching with Authorization or Cookie, only GET and HEAD, ...).
    # The filter's answers carry Vary: Accept; Varnish keeps the HTML and JSON variants apart by itself. To have
    # fewer variants, normalize req.http.Accept here the same way for every client that should get the same one.
}

sub vcl_backend_response {
    # What bans match against: the URL as requested, and its host.
    set beresp.http.x-url = bereq.url;
    set beresp.http.x-host = bereq.http.Host;

    # Varnish caches 410 (and 404) by their Cache-Control, but not 451: give a public 451 its max-age too.
    if (beresp.status == 451 && beresp.ttl <= 0s
            && beresp.http.Cache-Control ~ "(^|[ ,])max-age=[0-9]+"
            && beresp.http.Cache-Control !~ "(private|no-store|no-cache)") {
        set beresp.ttl = std.duration(regsub(beresp.http.Cache-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
    }
}

sub vcl_deliver {
    # Bookkeeping for bans and purges; clients need none of it.
    unset resp.http.x-url;
    unset resp.http.x-host;
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
