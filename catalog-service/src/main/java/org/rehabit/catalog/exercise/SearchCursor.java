package org.rehabit.catalog.exercise;

import org.rehabit.support.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a search starts, given to clients as an opaque {@code next} token and taken back as
 * {@code after}: the page's number and, when browsing without words, the last exercise's sort key and slug (a keyset:
 * the next page is read along the index from there, so exercises added meanwhile neither repeat nor push others
 * out). A ranked text search carries the page number alone.
 */
public record SearchCursor(int page, Keyset keyset) {

    /** The sort key (lower-cased name) and slug of the last exercise of a page in name order. */
    public record Keyset(String sortKey, String slug) {
    }

    static final int MAX_PAGE = 100_000;
    private static final char SEPARATOR = '\u0000';   // cannot occur in PostgreSQL text

    /** The token for this cursor (base64url). */
    public String token() {
        String text = keyset == null ? Integer.toString(page)
                : page + String.valueOf(SEPARATOR) + keyset.sortKey() + SEPARATOR + keyset.slug();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token given out as {@code next}; anything else is refused as a bad {@code after}. */
    public static SearchCursor parse(String token) {
        if (token.length() > 1_000) {
            throw bad();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split(String.valueOf(SEPARATOR), -1);
            int page = Integer.parseInt(parts[0]);
            if (page < 1 || page > MAX_PAGE || (parts.length != 1 && parts.length != 3)) {
                throw bad();
            }
            return new SearchCursor(page, parts.length == 3 ? new Keyset(parts[1], parts[2]) : null);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    private static InvalidInput bad() {
        return InvalidInput.of("after", "must be the next token of a previous page of this search");
    }
}
