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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of a local installation, made at first start and kept under the data folder: the
 * services verify tokens with its public half; local tokens are signed with its private half. Never used
 * in production, where the keys are the OpenID Connect provider's.
 */
public final class LocalKeys {

    private LocalKeys() {
    }

    public static Path publicKey(Path dataDir) {
        return dataDir.resolve("keys/public.pem");
    }

    public static Path privateKey(Path dataDir) {
        return dataDir.resolve("keys/private.pem");
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
            try {
                Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
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
