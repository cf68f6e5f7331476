package org.rehabit.support.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityProviderCheckTest {

    private static final Optional<String> ISSUER = Optional.of("https://login.example.org/realms/rehabit");
    private static final Optional<String> KEY = Optional.of("MIIBIjANBgkq...");

    @Test
    void anIssuerIsEnoughEverywhere() {
        assertEquals(Optional.empty(), IdentityProviderCheck.problem(ISSUER, Optional.empty(), true));
        assertEquals(Optional.empty(), IdentityProviderCheck.problem(ISSUER, Optional.empty(), false));
    }

    @Test
    void aKeyAloneServesWhereNoProviderIsRequired() {
        assertEquals(Optional.empty(), IdentityProviderCheck.problem(Optional.empty(), KEY, false));
    }

    @Test
    void aProductionGatewayWithoutAnIssuerIsRefusedWithTheVariableToSet() {
        String message = IdentityProviderCheck.problem(Optional.empty(), KEY, true).orElseThrow();
        assertTrue(message.contains("REHABIT_OIDC_ISSUER"), message);
        assertTrue(message.contains("prod profile"), message);
    }

    @Test
    void neitherIssuerNorKeyIsRefused() {
        String message = IdentityProviderCheck.problem(Optional.of(" "), Optional.empty(), false).orElseThrow();
        assertTrue(message.contains("REHABIT_OIDC_ISSUER"), message);
    }
}
