package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Outcome-measure instruments as the catalog-service takes and gives them (its instrument package; the scoring rule is
 * service-support's org.rehabit.support.outcome.ScoringRule). docs/outcome-measures.md.
 */
public final class Instruments {

    private Instruments() {
    }

    private static final String ITEM_ID = "^[a-z0-9][a-z0-9_-]{0,31}$";

    /** How item answers become the score. */
    public enum Method { SUM, MEAN, PERCENT }

    /** Which way a score gets worse. */
    public enum Direction { HIGHER_IS_WORSE, LOWER_IS_WORSE }

    /** Whose wording a version shows. */
    public enum TextStatus { SHIPPED, IMPORTED, NONE }

    @Schema(name = "AnswerLabel", description = "What one answer value means in words")
    public record AnswerLabel(@Min(0) @Max(1000) int value, @NotBlank @Size(max = 300) String label) {
    }

    @Schema(name = "InstrumentItem", description = "One question: its id, the whole-number answers it takes (min to "
            + "max) and its wording and answer labels, null when the version's text is neither shipped nor imported")
    public record InstrumentItem(
            @NotNull @Size(max = 32) @Pattern(regexp = ITEM_ID) String id,
            @Min(0) @Max(1000) int min,
            @Min(0) @Max(1000) int max,
            @Size(max = 1000) String text,
            @Size(max = 101) List<@NotNull AnswerLabel> labels) {
    }

    @Schema(name = "ScoringRule", description = "How answers become the score: SUM (prorated: the answered items' "
            + "sum x items / answered), MEAN of the answered items, or PERCENT (the answered items' mean as a "
            + "percentage of the item range); at most maxMissing items unanswered, else no score; min and max are the "
            + "score's range (must be what the items and method give); rounded half up to decimals")
    public record ScoringRule(
            @NotNull Method method,
            @Min(0) @Max(99) int maxMissing,
            double min,
            double max,
            @NotNull Direction direction,
            @Min(0) @Max(2) int decimals) {
    }

    @Schema(name = "Mcid", description = "The minimal clinically important difference, in score points, and its "
            + "source")
    public record Mcid(@NotNull Double value, @NotBlank @Size(max = 500) String source) {
    }

    @Schema(name = "InstrumentInput", description = "A version of an instrument as a content editor publishes it: "
            + "text on every item or on none (then imported per version)")
    public record InstrumentInput(
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 16) String abbreviation,
            @NotBlank @Size(max = 1000) String measures,
            @Size(max = 2000) String instructions,
            @NotNull @Size(min = 1, max = 100) List<@NotNull InstrumentItem> items,
            @NotNull ScoringRule scoring,
            @NotNull Mcid mcid,
            @NotBlank @Size(max = 1000) String citation,
            @NotBlank @Size(max = 2000) String terms) {
    }

    @Schema(name = "Instrument", description = "One published version of an instrument (never changed once "
            + "published); text says whose wording it shows: SHIPPED with the version, IMPORTED by this installation (textSource "
            + "names its licence) or NONE (item ids and answer ranges only)")
    public record InstrumentView(
            @NotNull @Size(max = 80) String slug,
            @Min(1) @Max(Integer.MAX_VALUE) int version,
            @Min(1) @Max(Integer.MAX_VALUE) int currentVersion,
            @NotNull @Size(max = 120) String name,
            @NotNull @Size(max = 16) String abbreviation,
            @NotNull @Size(max = 1000) String measures,
            @Size(max = 2000) String instructions,
            @NotNull @Size(max = 100) List<InstrumentItem> items,
            @NotNull ScoringRule scoring,
            @NotNull Mcid mcid,
            @NotNull @Size(max = 1000) String citation,
            @NotNull @Size(max = 2000) String terms,
            @NotNull TextStatus text,
            @Size(max = 500) String textSource,
            @NotNull Instant publishedAt) {
    }

    @Schema(name = "InstrumentSummary", description = "An instrument in the list, at its current version")
    public record InstrumentSummary(
            @NotNull @Size(max = 80) String slug,
            @Min(1) @Max(Integer.MAX_VALUE) int currentVersion,
            @NotNull @Size(max = 120) String name,
            @NotNull @Size(max = 16) String abbreviation,
            @NotNull @Size(max = 1000) String measures,
            @Min(1) @Max(100) int items,
            @NotNull Direction direction,
            double mcid,
            @NotNull TextStatus text) {
    }

    @Schema(name = "ItemText", description = "One item's licensed wording and answer labels")
    public record ItemText(
            @NotNull @Size(max = 32) @Pattern(regexp = ITEM_ID) String id,
            @NotBlank @Size(max = 1000) String text,
            @Size(max = 101) List<@NotNull AnswerLabel> labels) {
    }

    @Schema(name = "TextImport", description = "An installation's licensed text of one instrument version: every "
            + "item of the version exactly once, no other; source says whose licence allows it")
    public record TextImport(
            @Size(max = 2000) String instructions,
            @NotNull @Size(min = 1, max = 100) List<@NotNull ItemText> items,
            @NotBlank @Size(max = 500) String source) {
    }
}
