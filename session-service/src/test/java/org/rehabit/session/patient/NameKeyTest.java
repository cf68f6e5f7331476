package org.rehabit.session.patient;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rule names are sorted and searched by, on its own (the HTTP tests show the database using it). */
class NameKeyTest {

    @Test
    void caseAccentsAndSharpSFoldAway() {
        assertEquals("emile zola", NameKey.of("Émile Zola"));
        assertEquals(NameKey.of("emile zola"), NameKey.of("ÉMILE ZOLA"));
        assertEquals("strasse", NameKey.of("Straße"));
        assertEquals(NameKey.of("STRASSE"), NameKey.of("straße"));
        assertEquals("muller", NameKey.of("Müller"));
        assertEquals("angstrom", NameKey.of("Ångström"));
        assertEquals("istanbul", NameKey.of("İstanbul"));
        assertEquals("σοφια", NameKey.of("ΣΟΦΊΑ"));
        assertNull(NameKey.of(null));
    }

    @Test
    void compatibilityFormsAndDecomposedInputGiveTheSameKey() {
        assertEquals("fine", NameKey.of("ﬁne")); // the "fi" ligature
        assertEquals("ab 12", NameKey.of("ＡＢ １２")); // full-width letters and digits
        assertEquals(NameKey.of("Zoë"), NameKey.of("Zoe\u0308")); // precomposed and combining diaeresis
    }

    @Test
    void keysOfOtherScriptsKeepTheirLetters() {
        assertEquals("김민수", NameKey.of("김민수")); // Hangul decomposed and recomposed
        assertEquals("田中", NameKey.of("田中"));
        assertEquals("अनिल", NameKey.of("अनिल")); // a vowel sign is not an accent
    }

    @Test
    void sortingByTheKeysBytesPutsAccentedNamesAmongTheirLetters() {
        List<String> sorted = Stream.of("Zoë", "émile", "Emil", "Ådne", "ada", "Bärbel", "Beate")
                .sorted(Comparator.comparing(NameKey::of)).toList();
        assertEquals(List.of("ada", "Ådne", "Bärbel", "Beate", "Emil", "émile", "Zoë"), sorted);
    }
}
