package org.rehabit.session.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;
import java.util.UUID;

/** Signed test tokens (RS256, the throwaway key pair under src/test/resources/test-keys). */
public final class Tokens {

    private Tokens() {
    }

    public static String physio(UUID clinic) {
        return token("physio-" + clinic.toString().substring(0, 8), Set.of("physio"), clinic, null);
    }

    public static String admin(UUID clinic) {
        return token("admin-" + clinic.toString().substring(0, 8), Set.of("clinic-admin"), clinic, null);
    }

    public static String patient(UUID clinic, UUID patient) {
        return token("patient-" + patient, Set.of("patient"), clinic, patient);
    }

    public static String editor(UUID clinic) {
        return token("editor", Set.of("content-editor"), clinic, null);
    }

    public static String token(String subject, Set<String> groups, UUID clinic, UUID patient) {
        var claims = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject(subject).groups(groups);
        if (clinic != null) {
            claims.claim("clinic_id", clinic.toString());
        }
        if (patient != null) {
            claims.claim("patient_id", patient.toString());
        }
        return claims.sign();
    }
}
