package org.rehabit.catalog.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * The identity of an exercise across all its versions: its slug, which version is current, whether it is
 * retired, and the revision that guards concurrent edits.
 */
@Entity
@Table(name = "exercise")
public class Exercise {

    @Id
    UUID id;

    @Column(nullable = false, unique = true, length = 80)
    String slug;

    @Column(name = "current_version")
    Integer currentVersion;

    @Column(name = "latest_version", nullable = false)
    int latestVersion;

    @Column(name = "retired_at")
    Instant retiredAt;

    /** For a retired exercise, the slug of the exercise the editor suggests instead; null if none. */
    @Column(name = "replaced_by", length = 80)
    String replacedBy;

    @Version
    @Column(nullable = false)
    long revision;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected Exercise() {
    }

    Exercise(String slug, Instant now) {
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.latestVersion = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Every change to an exercise or one of its versions passes here, so that its revision moves on. */
    void touch(Instant now) {
        this.updatedAt = now;
    }

    boolean isRetired() {
        return retiredAt != null;
    }

    public String slug() {
        return slug;
    }

    public long revision() {
        return revision;
    }
}
