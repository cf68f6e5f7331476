package org.rehabit.session.patient;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule by which patients' names and references are sorted and searched, the same on every PostgreSQL
 * version and server locale: the text decomposed (Unicode NFKD), case-folded (upper- then lower-cased in
 * {@link Locale#ROOT}, so "ß" and "SS" both become "ss"), its accents (the combining diacritical marks
 * U+0300–U+036F) removed, and recomposed (NFC). The database stores the key beside the text ({@code name_key},
 * {@code ref_key}, columns in the "C" collation) and compares its bytes; the search looks for the typed text's key
 * inside them. So "Émile", "emile" and "EMILE" sort together and each finds the others, "Straße" finds "STRASSE".
 */
public final class NameKey {

    private static final Pattern ACCENTS = Pattern.compile("[\\u0300-\\u036F]+");

    private NameKey() {
    }

    /** The key of {@code text}, or null for null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        // case mapping may add marks (e.g. "ǰ" upper-cases to J + caron): decompose again before removing accents
        String folded = Normalizer.normalize(decomposed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFKD);
        return Normalizer.normalize(ACCENTS.matcher(folded).replaceAll(""), Normalizer.Form.NFC);
    }
}
