package org.rehabit.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search questions no one asked before in this run, one per call: each of the given terms as it is typed (its first
 * three letters, four, ... the whole word) at page sizes 10 to 41 but not 20 (scenario 5's), and, once those are used
 * up, the same with each body region as a filter. Every question is a different entry of the catalog's result cache,
 * so each answer is computed.
 */
final class UnseenSearches {

    private static final String[] REGIONS = {"", "NECK", "UPPER_BACK", "SHOULDER", "CHEST", "LOWER_BACK", "HIP",
            "CORE", "ARM", "KNEE", "ANKLE"};
    private static final int SMALLEST = 10;
    private static final int SIZES = 31;

    private final List<String> typed = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    UnseenSearches(String[] terms) {
        for (int length = 3; length <= maxLength(terms); length++) {
            for (String term : terms) {
                if (term.length() >= length) {
                    typed.add(term.substring(0, length));
                }
            }
        }
    }

    private static int maxLength(String[] terms) {
        int max = 0;
        for (String term : terms) {
            max = Math.max(max, term.length());
        }
        return max;
    }

    /** The next question's query string (q, size and maybe region); never the same twice. */
    String next() {
        long i = next.getAndIncrement();
        String q = typed.get((int) (i % typed.size()));
        long rest = i / typed.size();
        int size = SMALLEST + (int) (rest % SIZES);
        if (size >= 20) {
            size++;   // scenario 5 asks its 16 terms at size 20: those questions are in the cache already
        }
        rest /= SIZES;
        if (rest >= REGIONS.length) {
            throw new IllegalStateException("More than " + i + " searches: no question left that was never asked");
        }
        String region = REGIONS[(int) rest];
        return "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&size=" + size
                + (region.isEmpty() ? "" : "&region=" + region);
    }

    /** How many questions were handed out. */
    long asked() {
        return next.get();
    }
}
