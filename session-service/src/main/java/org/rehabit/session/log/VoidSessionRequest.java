package org.rehabit.session.log;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a session is voided as logged in error ("logged twice", "wrong patient"): kept with the void. */
public record VoidSessionRequest(@NotBlank @Size(max = 500) String reason) {
}
