package org.rehabit.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of a local installation, made at first start and kept under the data folder: the
 * services verify tokens with its public half; local tokens are signed with its private half. Never used
 * in production, where the keys are the OpenID Connect provider's. Beside it, the installation's audit ingest
 * key, which the gateway and the session-service share.
 */
public final class LocalKeys {

    private LocalKeys() {
    }

    public static Path publicKey(Path dataDir) {
        return dataDir.resolve("keys/public.pem");
    }

    /** The public key as the services take it (QUARKUS_OIDC_PUBLIC_KEY): the PEM's base64 text, on one line. */
    public static String publicKeyText(Path dataDir) {
        try {
            return Files.readString(publicKey(dataDir), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path privateKey(Path dataDir) {
        return dataDir.resolve("keys/private.pem");
    }

    /** The secret the gateway delivers its denials to the session-service's audit trail with. */
    public static Path auditIngestKeyFile(Path dataDir) {
        return dataDir.resolve("keys/audit-ingest.key");
    }

    /** The installation's audit ingest key (REHABIT_AUDIT_INGEST_KEY), made at first start like the key pair. */
    public static String auditIngestKey(Path dataDir) {
        Path file = auditIngestKeyFile(dataDir);
        try {
            if (!Files.isRegularFile(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
                ownerOnly(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
    }

    /** Makes the key pair unless it exists. */
    public static void ensure(Path dataDir) {
        Path publicPem = publicKey(dataDir);
        Path privatePem = privateKey(dataDir);
        if (Files.isRegularFile(publicPem) && Files.isRegularFile(privatePem)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(publicPem.getParent());
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            ownerOnly(privatePem);
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrivateKey readPrivate(Path dataDir) {
        try {
            String pem = Files.readString(privateKey(dataDir), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("No local key: start the platform once with ./rehabit run", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable local key " + privateKey(dataDir), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
