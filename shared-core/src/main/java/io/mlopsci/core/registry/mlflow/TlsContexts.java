package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** TLS for the MLflow client: trust a CA file (PEM), the JDK's trust store, or — when asked — anything. */
final class TlsContexts {

    private TlsContexts() {}

    /**
     * An SSL context that trusts exactly the certificates in {@code caFile} (one or more PEM
     * certificates, as MLflow's {@code MLFLOW_TRACKING_SERVER_CERT_PATH} takes). Host names are
     * still verified.
     *
     * @throws MlopsException (exit 2) when the file is missing or holds no certificate
     */
    static SSLContext trusting(Path caFile, String display) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw MlopsException.config("the CA file " + display + " does not exist", null);
        } catch (IOException e) {
            throw MlopsException.config("cannot read the CA file " + display + ": " + e.getMessage(), null);
        } catch (CertificateException e) {
            throw MlopsException.config(
                    "the CA file " + display + " is not a PEM certificate: " + e.getMessage(), null);
        }
        if (certs.isEmpty()) {
            throw MlopsException.config(
                    "the CA file " + display + " holds no certificate (expected PEM, -----BEGIN CERTIFICATE-----)",
                    null);
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw MlopsException.internal("cannot set up TLS with " + display + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context that accepts any certificate for any host: only for {@code insecure_tls}. */
    static SSLContext trustingAnything() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw MlopsException.internal("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every server. Being an extended trust manager, it also replaces the JDK's host name
     * check, which is what insecure_tls asks for.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
