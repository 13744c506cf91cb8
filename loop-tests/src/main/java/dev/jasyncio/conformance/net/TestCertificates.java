package dev.jasyncio.conformance.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for the TLS tests, made by the JDK's own {@code keytool} (run as a
 * process: no BouncyCastle, nothing downloaded), once per JVM and name.
 */
final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Map<String, KeyStore> MADE = new HashMap<>();

    private TestCertificates() {}

    /**
     * A key store holding one EC key pair under {@code alias}, with a self-signed certificate for
     * CN={@code alias} whose subject alternative names are {@code san} (keytool syntax, e.g.
     * {@code "dns:localhost,ip:127.0.0.1"}). Skips the test if the JDK has no keytool.
     */
    static synchronized KeyStore identity(String alias, String san) throws IOException, GeneralSecurityException,
            InterruptedException {
        KeyStore cached = MADE.get(alias + "|" + san);
        if (cached != null) {
            return cached;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "no keytool in " + keytool.getParent() + " to make test certificates");
        Path dir = Files.createTempDirectory("jasyncio-tls");
        Path file = dir.resolve(alias + ".p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
            "-groupname", "secp256r1", "-dname", "CN=" + alias, "-ext", "SAN=" + san, "-validity", "30",
            "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
            "-keypass", new String(PASSWORD), "-noprompt")
            .redirectErrorStream(true)
            .start();
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed to make a test certificate: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
        MADE.put(alias + "|" + san, ks);
        return ks;
    }

    /** The certificate of the key store's only key. */
    static Certificate certificate(KeyStore identity) throws GeneralSecurityException {
        return identity.getCertificate(identity.aliases().nextElement());
    }

    /** A server context that presents {@code identity}. */
    static SSLContext server(KeyStore identity) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A client context that trusts only the certificate of {@code trusted}. */
    static SSLContext clientTrusting(KeyStore trusted) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", certificate(trusted));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
