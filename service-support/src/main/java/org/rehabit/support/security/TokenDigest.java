package org.rehabit.support.security;

import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The SHA-256 of a bearer token, worked out once per request, and once for a token sent again soon after: the
 * gateway's rate limiter keys its buckets by it ({@link VerifiedTokens} keys its cache by the token itself), and a token of a kilobyte or two
 * costs a noticeable share of a pass-through request to hash (the services run C1-compiled code, without the JIT's
 * SHA intrinsics; 3 % of the gateway's profile under wrk, every request with the same token). Kept on the request's
 * routing context beside the token it was made from, and among the recent tokens' digests; a later caller with
 * another token gets that token's digest.
 */
public final class TokenDigest {

    private static final String KEY = TokenDigest.class.getName();
    /**
     * The digests of the tokens seen lately, at most one per slot: a bounded few hundred kilobytes at most (the
     * verified-token cache's identities hold the same tokens already).
     */
    private static final int RECENT_SLOTS = 256;
    private static final AtomicReferenceArray<Memo> RECENT = new AtomicReferenceArray<>(RECENT_SLOTS);

    private TokenDigest() {
    }

    /** The token's SHA-256 (32 bytes; not to be changed by the caller), remembered on {@code request} if given. */
    public static byte[] of(String token, RoutingContext request) {
        if (request != null && request.get(KEY) instanceof Memo memo && memo.token().equals(token)) {
            return memo.digest();
        }
        // a client sends the same token on request after request: the digest of a token seen lately is taken again
        // when the whole token is the same (a slot per few characters of its signature; a collision only misses)
        int slot = slot(token);
        Memo recent = RECENT.get(slot);
        byte[] digest;
        if (recent != null && recent.token().equals(token)) {
            digest = recent.digest();
        } else {
            digest = sha256(token);
            RECENT.set(slot, new Memo(token, digest));
        }
        if (request != null) {
            request.put(KEY, new Memo(token, digest));
        }
        return digest;
    }

    private static int slot(String token) {
        int n = token.length();
        int hash = n;
        for (int i = Math.max(0, n - 8); i < n; i++) {
            hash = 31 * hash + token.charAt(i);
        }
        return (hash ^ (hash >>> 16)) & (RECENT_SLOTS - 1);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Memo(String token, byte[] digest) {
    }
}
