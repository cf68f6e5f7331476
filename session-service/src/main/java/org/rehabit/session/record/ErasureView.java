package org.rehabit.session.record;

import java.time.Instant;
import java.util.UUID;

/** What an erasure did: whose data went, when, and how many rows (the answer only: nothing of it is kept). */
public record ErasureView(UUID patientId, Instant erasedAt, long rowsDeleted) {
}
