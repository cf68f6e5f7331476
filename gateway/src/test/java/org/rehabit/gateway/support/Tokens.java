package org.rehabit.gateway.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;
import java.util.UUID;

/** Signed test tokens (RS256, the throwaway key pair under src/test/resources/test-keys). */
public final class Tokens {

    public static final UUID CLINIC = UUID.fromString("0c1a1c00-0000-4000-8000-0000000000c1");

    private Tokens() {
    }

    public static String of(String role) {
        return token("test-" + role, role, CLINIC, null);
    }

    public static String patient(UUID patient) {
        return token("patient-" + patient, "patient", CLINIC, patient);
    }

    public static String token(String subject, String role, UUID clinic, UUID patient) {
        var claims = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject(subject)
                .groups(Set.of(role)).claim("clinic_id", clinic.toString());
        if (patient != null) {
            claims.claim("patient_id", patient.toString());
        }
        return claims.sign();
    }
}
