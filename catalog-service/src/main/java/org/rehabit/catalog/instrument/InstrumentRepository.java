package org.rehabit.catalog.instrument;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Instruments, their versions and imported texts (a handful of rows: no query here needs an index beyond keys). */
@ApplicationScoped
public class InstrumentRepository implements PanacheRepositoryBase<Instrument, UUID> {

    public Optional<Instrument> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public Optional<InstrumentVersion> version(String slug, int version) {
        return getEntityManager().createQuery("select v from InstrumentVersion v join fetch v.instrument i"
                        + " where i.slug = :slug and v.version = :version", InstrumentVersion.class)
                .setParameter("slug", slug).setParameter("version", version)
                .getResultStream().findFirst();
    }

    /** Every instrument's current version, by name. */
    public List<InstrumentVersion> currentVersions() {
        return getEntityManager().createQuery("select v from InstrumentVersion v join fetch v.instrument i"
                + " where v.version = i.currentVersion order by lower(v.name), i.slug", InstrumentVersion.class)
                .getResultList();
    }

    public Optional<InstrumentText> text(UUID versionId) {
        return Optional.ofNullable(getEntityManager().find(InstrumentText.class, versionId));
    }

    /** Which of these versions have an imported text. */
    public List<UUID> withText(List<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("select t.versionId from InstrumentText t where t.versionId in :ids",
                UUID.class).setParameter("ids", versionIds).getResultList();
    }

    public void persistVersion(InstrumentVersion version) {
        getEntityManager().persist(version);
    }

    public void persistText(InstrumentText text) {
        getEntityManager().persist(text);
    }
}
