package org.rehabit.catalog.instrument;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Problem.FieldError;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Outcome-measure instruments: reading published versions (with this installation's imported text where the
 * version ships none), publishing a new version, importing a version's licensed text.
 */
@ApplicationScoped
public class InstrumentService {

    private final InstrumentRepository repository;

    public InstrumentService(InstrumentRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public List<InstrumentSummary> list() {
        List<InstrumentVersion> versions = repository.currentVersions();
        Set<UUID> imported = new HashSet<>(repository.withText(versions.stream().map(v -> v.id).toList()));
        return versions.stream().map(v -> new InstrumentSummary(v.instrument.slug, v.version, v.name,
                v.abbreviation, v.measures, v.items.size(), v.scoring.direction(), v.mcid.value(),
                status(v, imported.contains(v.id)))).toList();
    }

    @Transactional
    public InstrumentView current(String slug) {
        Instrument instrument = repository.findBySlug(slug)
                .orElseThrow(() -> new NotFound("No instrument " + slug + "."));
        return version(slug, instrument.currentVersion);
    }

    @Transactional
    public InstrumentView version(String slug, int version) {
        InstrumentVersion v = repository.version(slug, version)
                .orElseThrow(() -> new NotFound("No version " + version + " of instrument " + slug + "."));
        return view(v, v.textShipped ? null : repository.text(v.id).orElse(null));
    }

    /**
     * Publishes the input as the instrument's next version (version 1 of a new slug). Refused, changing nothing, when
     * the rule does not fit the items or the text is half there.
     */
    @Transactional
    public InstrumentView publish(String slug, InstrumentInput input) {
        List<FieldError> errors = InstrumentRules.check(slug, input);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instrument instrument = repository.find("slug", slug).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElse(null);
        int next;
        if (instrument == null) {
            instrument = new Instrument();
            instrument.id = UUID.randomUUID();
            instrument.slug = slug;
            instrument.createdAt = now;
            next = 1;
        } else {
            next = instrument.currentVersion + 1;
        }
        instrument.currentVersion = next;
        instrument.updatedAt = now;
        repository.persist(instrument);
        InstrumentVersion v = new InstrumentVersion();
        v.id = UUID.randomUUID();
        v.instrument = instrument;
        v.version = next;
        v.name = input.name().strip();
        v.abbreviation = input.abbreviation().strip();
        v.measures = input.measures().strip();
        v.instructions = input.instructions() == null || input.instructions().isBlank() ? null
                : input.instructions().strip();
        v.items = List.copyOf(input.items());
        v.scoring = input.scoring();
        v.mcid = input.mcid();
        v.citation = input.citation().strip();
        v.terms = input.terms().strip();
        v.textShipped = input.items().stream().allMatch(i -> i.text() != null && !i.text().isBlank());
        v.publishedAt = now;
        repository.persistVersion(v);
        return view(v, null);
    }

    /**
     * Stores this installation's licensed text for one version shipped without it (replacing an earlier import);
     * every item of that version once, no other. Other versions are untouched. 409 when the version ships its text.
     */
    @Transactional
    public InstrumentView importText(String slug, int version, TextImport text, String importedBy) {
        InstrumentVersion v = repository.version(slug, version)
                .orElseThrow(() -> new NotFound("No version " + version + " of instrument " + slug + "."));
        List<FieldError> errors = InstrumentRules.check(text, v.items);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (v.textShipped) {
            throw new Conflict("Version " + version + " of " + slug + " ships its own text; nothing to import.");
        }
        InstrumentText stored = repository.text(v.id).orElse(null);
        boolean first = stored == null;
        if (first) {
            stored = new InstrumentText();
            stored.versionId = v.id;
        }
        stored.instructions = text.instructions() == null || text.instructions().isBlank() ? null
                : text.instructions().strip();
        stored.items = List.copyOf(text.items());
        stored.source = text.source().strip();
        stored.importedBy = importedBy;
        stored.importedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (first) {
            repository.persistText(stored);
        }
        return view(v, stored);
    }

    private static InstrumentView.TextStatus status(InstrumentVersion v, boolean imported) {
        return v.textShipped ? InstrumentView.TextStatus.SHIPPED
                : imported ? InstrumentView.TextStatus.IMPORTED : InstrumentView.TextStatus.NONE;
    }

    private static InstrumentView view(InstrumentVersion v, InstrumentText text) {
        List<InstrumentItem> items = v.items;
        String instructions = v.instructions;
        String source = null;
        if (text != null) {
            Map<String, ItemText> byId = new HashMap<>();
            text.items.forEach(t -> byId.put(t.id(), t));
            List<InstrumentItem> merged = new ArrayList<>();
            for (InstrumentItem item : v.items) {
                ItemText t = byId.get(item.id());
                merged.add(new InstrumentItem(item.id(), item.min(), item.max(), t == null ? null : t.text(),
                        t == null ? null : t.labels()));
            }
            items = merged;
            instructions = text.instructions;
            source = text.source;
        }
        return new InstrumentView(v.instrument.slug, v.version, v.instrument.currentVersion, v.name, v.abbreviation,
                v.measures, instructions, items, v.scoring, v.mcid, v.citation, v.terms, status(v, text != null),
                source, v.publishedAt);
    }
}
