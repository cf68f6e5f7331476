package org.rehabit.support.security;

import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a bearer token, worked out once per request: the gateway's rate limiter keys its buckets by it and
 * {@link VerifiedTokens} its cache, and a token of a kilobyte or two costs a noticeable share of a pass-through
 * request to hash (the services run C1-compiled code, without the JIT's SHA intrinsics). Kept on the request's
 * routing context beside the token it was made from; a later caller with another token gets that token's digest.
 */
public final class TokenDigest {

    private static final String KEY = TokenDigest.class.getName();

    private TokenDigest() {
    }

    /** The token's SHA-256 (32 bytes; not to be changed by the caller), remembered on {@code request} if given. */
    public static byte[] of(String token, RoutingContext request) {
        if (request != null && request.get(KEY) instanceof Memo memo && memo.token().equals(token)) {
            return memo.digest();
        }
        byte[] digest = sha256(token);
        if (request != null) {
            request.put(KEY, new Memo(token, digest));
        }
        return digest;
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
