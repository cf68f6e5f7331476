package org.rehabit.session.energy;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Energy profiles, keyed by their patient. Callers reach the patient through {@code PatientService.require}
 * first, which scopes every lookup by clinic.
 */
@ApplicationScoped
public class EnergyProfileRepository implements PanacheRepositoryBase<EnergyProfile, UUID> {
}
