package org.rehabit.support;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which secrets a production service refuses: placeholders and short ones, named by their variable. */
class SecretsTest {

    @Test
    void placeholdersAndShortSecretsAreRefusedNamingTheVariable() {
        assertEquals(Optional.of("QUARKUS_DATASOURCE_PASSWORD is a placeholder (change-me...): set a real secret "
                + "(docs/operations.md, \"Secrets\")"), Secrets.problem("QUARKUS_DATASOURCE_PASSWORD",
                "change-me-session"));
        assertTrue(Secrets.problem("REHABIT_AUDIT_INGEST_KEY", "CHANGEME-please-0123456789").isPresent());
        assertEquals(Optional.of("REHABIT_AUDIT_INGEST_KEY is too short: at least 16 characters (docs/operations.md, "
                + "\"Secrets\")"), Secrets.problem("REHABIT_AUDIT_INGEST_KEY", "hunter2"));
    }

    @Test
    void everyKeyOfAListedIngestKeyIsChecked() {
        assertEquals(Optional.of("REHABIT_AUDIT_INGEST_KEY is too short: at least 16 characters (docs/operations.md, "
                + "\"Secrets\")"), Secrets.problem("REHABIT_AUDIT_INGEST_KEY", "short,t8Jq2vX0pL9rW4mZ7cN1"));
        assertTrue(Secrets.problem("REHABIT_AUDIT_INGEST_KEY", "t8Jq2vX0pL9rW4mZ7cN1,change-me-0123456789").isPresent());
        assertEquals(Optional.empty(), Secrets.problem("REHABIT_AUDIT_INGEST_KEY",
                "t8Jq2vX0pL9rW4mZ7cN1, Vb3nK8sQ1wE6rT9yU2iO"));
    }

    @Test
    void longRealSecretsAndAnEmptyOneAreAccepted() {
        assertEquals(Optional.empty(), Secrets.problem("QUARKUS_DATASOURCE_PASSWORD", "t8Jq2vX0pL9rW4mZ7cN1"));
        assertEquals(Optional.empty(), Secrets.problem("QUARKUS_DATASOURCE_PASSWORD", ""));
        assertEquals(Optional.empty(), Secrets.problem("REHABIT_AUDIT_INGEST_KEY", null));
    }
}
