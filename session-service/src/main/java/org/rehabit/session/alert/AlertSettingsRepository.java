package org.rehabit.session.alert;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Clinics' alert thresholds. */
@ApplicationScoped
public class AlertSettingsRepository implements PanacheRepositoryBase<AlertSettings, UUID> {

    /** The clinic's thresholds, or the defaults (not stored) when it has set none. */
    public AlertSettings forClinic(UUID clinicId) {
        return findByIdOptional(clinicId).orElseGet(() -> new AlertSettings(clinicId));
    }
}
