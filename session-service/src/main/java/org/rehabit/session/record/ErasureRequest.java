package org.rehabit.session.record;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** The confirmation of an erasure: the patient's id, repeated, so that a wrong id in the path erases nobody. */
public record ErasureRequest(@NotNull UUID confirmPatientId) {
}
