package org.rehabit.devtools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code ./rehabit token ROLE [--clinic ID] [--patient ID]}: prints a bearer token signed with the local key,
 * for calling the services of a local installation with curl. Tokens carry the claims of PRODUCT.md
 * ({@code sub}, {@code groups}, {@code clinic_id}, {@code patient_id}, {@code iss}, {@code aud}, {@code exp}) and
 * {@code typ: Bearer}, which says an access token as Keycloak's do.
 */
public final class LocalToken {

    /** The demo clinic of a local installation; tokens name it unless told otherwise. */
    public static final UUID DEMO_CLINIC = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    public static final String ISSUER = "https://rehabit.local/auth";
    public static final String AUDIENCE = "rehabit";
    private static final long LIFETIME_SECONDS = 8 * 3600;

    private LocalToken() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("""
                    Usage: ./rehabit token ROLE [--clinic CLINIC_ID] [--patient PATIENT_ID] [--subject SUB]
                      ROLE is patient, physio, clinic-admin or content-editor. The clinic defaults to the demo
                      clinic %s; a patient token needs --patient.""".formatted(DEMO_CLINIC));
            System.exit(2);
        }
        String role = args[0];
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String clinic = options.getOrDefault("--clinic", DEMO_CLINIC.toString());
        String patient = options.get("--patient");
        if (role.equals("patient") && patient == null) {
            System.err.println("A patient token needs --patient PATIENT_ID");
            System.exit(2);
        }
        String subject = options.getOrDefault("--subject", patient != null ? "patient-" + patient : "local-" + role);
        Path dataDir = Path.of(System.getenv().getOrDefault("REHABIT_DATA_DIR", ".data")).toAbsolutePath();
        System.out.println(sign(dataDir, subject, role, UUID.fromString(clinic),
                patient == null ? null : UUID.fromString(patient)));
    }

    public static String sign(Path dataDir, String subject, String role, UUID clinic, UUID patient) {
        return sign(dataDir, subject, role, clinic, patient, ISSUER, AUDIENCE);
    }

    /** A token with another issuer or audience than the installation expects: for tests that it is refused. */
    public static String sign(Path dataDir, String subject, String role, UUID clinic, UUID patient, String issuer,
                              String audience) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("typ", "Bearer");
        claims.put("groups", new String[] {role});
        claims.put("clinic_id", clinic.toString());
        if (patient != null) {
            claims.put("patient_id", patient.toString());
        }
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME_SECONDS);
        claims.put("jti", UUID.randomUUID().toString());
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(json(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(LocalKeys.readPrivate(dataDir));
            rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, Object> claims) {
        return claims.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof String[] array) {
            return java.util.Arrays.stream(array).map(LocalToken::quote).collect(Collectors.joining(",", "[", "]"));
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
