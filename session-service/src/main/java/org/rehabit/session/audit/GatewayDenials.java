package org.rehabit.session.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A batch of the gateway's denials (at most {@value #MAX} at a time). */
public record GatewayDenials(@NotNull @Size(min = 1, max = MAX) List<@NotNull @Valid GatewayDenial> denials) {

    public static final int MAX = 100;
}
