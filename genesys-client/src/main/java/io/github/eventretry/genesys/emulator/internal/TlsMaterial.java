package io.github.eventretry.genesys.emulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The emulator's TLS identity: a certificate authority of its own and a server certificate it signed
 * for {@code api.<domain>} and {@code login.<domain>}, made with the JDK alone (EC P-256 keys,
 * SHA256withECDSA, the X.509 structure written by {@link Der}), and the files a client needs to trust
 * it.
 *
 * <p>Files in the folder: {@value #CA_FILE} (the CA certificate, PEM), {@value #TRUST_STORE_FILE}
 * (PKCS12 holding the CA as a trusted certificate, password {@value #PASSWORD}), {@value #HOSTS_FILE}
 * (both names on 127.0.0.1, for {@code -Djdk.net.hosts.file} or {@code /etc/hosts}), and
 * {@value #KEY_STORE_FILE} (the server's key and chain, so that a restarted emulator keeps the
 * identity clients already trust). An existing key store for the same names is reused.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsMaterial {
  /** The CA certificate, PEM. */
  public static final String CA_FILE = "ca.pem";
  /** The trust store clients load. */
  public static final String TRUST_STORE_FILE = "truststore.p12";
  /** The hosts file. */
  public static final String HOSTS_FILE = "hosts";
  /** The server's own key store. */
  public static final String KEY_STORE_FILE = "emulator.p12";
  /** The password of both PKCS12 files, the JDK's customary one: they guard no secret. */
  public static final String PASSWORD = "changeit";
  private static final String KEY_ALIAS = "genesys-emulator";
  private static final String CA_ALIAS = "genesys-emulator-ca";
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  // A fixed validity, so that no clock is read: long enough for any test run, within UTCTime.
  private static final ZonedDateTime NOT_BEFORE = ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0,
      ZoneOffset.UTC);
  private static final ZonedDateTime NOT_AFTER = ZonedDateTime.of(2049, 12, 31, 23, 59, 59, 0,
      ZoneOffset.UTC);

  private final String domain;
  private final PrivateKey serverKey;
  private final X509Certificate server;
  private final X509Certificate ca;

  private TlsMaterial(String domain, PrivateKey serverKey, X509Certificate server, X509Certificate ca) {
    this.domain = domain;
    this.serverKey = serverKey;
    this.server = server;
    this.ca = ca;
  }

  /**
   * Loads the identity kept in a folder for these names, or makes a new one, and writes the folder's
   * files.
   *
   * @param dir the folder; created if absent
   * @param domain such as {@code genesys-emulator.test}
   * @return the identity
   * @throws IOException if the folder cannot be written, or holds a {@value #KEY_STORE_FILE} that is
   *     not one this emulator wrote (it is left as it is)
   */
  public static TlsMaterial inFolder(Path dir, String domain) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(domain, "domain");
    Files.createDirectories(dir);
    Optional<TlsMaterial> kept = load(dir.resolve(KEY_STORE_FILE), domain);
    TlsMaterial m = kept.isPresent() ? kept.get() : generate(domain);
    m.write(dir, kept.isEmpty());
    return m;
  }

  /**
   * Makes a new identity.
   *
   * @param domain such as {@code genesys-emulator.test}
   * @return the identity
   */
  public static TlsMaterial generate(String domain) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPair caKeys = ecKeys(random);
      KeyPair serverKeys = ecKeys(random);
      byte[] caName = name("eventretry Genesys Cloud emulator CA");
      byte[] caKeyId = keyId(caKeys.getPublic());
      byte[] caExtensions = Der.sequence(
          extension("2.5.29.19", true, Der.sequence(Der.bool(true), Der.integer(0))),
          // keyCertSign (bit 5) and cRLSign (bit 6): 0000 0110, one unused bit.
          extension("2.5.29.15", true, Der.bits(1, new byte[] {0x06})),
          extension("2.5.29.14", false, Der.octets(caKeyId)));
      X509Certificate ca = sign(caName, caName, caKeys.getPublic(), caExtensions, caKeys.getPrivate(),
          random);
      byte[] serverExtensions = Der.sequence(
          extension("2.5.29.19", true, Der.sequence()),
          // digitalSignature (bit 0): 1000 0000, seven unused bits.
          extension("2.5.29.15", true, Der.bits(7, new byte[] {(byte) 0x80})),
          extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
          extension("2.5.29.17", false, Der.sequence(
              Der.context(2, false, ("api." + domain).getBytes(StandardCharsets.US_ASCII)),
              Der.context(2, false, ("login." + domain).getBytes(StandardCharsets.US_ASCII)))),
          extension("2.5.29.14", false, Der.octets(keyId(serverKeys.getPublic()))),
          extension("2.5.29.35", false, Der.sequence(Der.context(0, false, caKeyId))));
      X509Certificate server = sign(caName, name("api." + domain), serverKeys.getPublic(),
          serverExtensions, caKeys.getPrivate(), random);
      server.verify(ca.getPublicKey());
      return new TlsMaterial(domain, serverKeys.getPrivate(), server, ca);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make an EC P-256 certificate", e);
    }
  }

  /**
   * Returns the server's TLS context.
   *
   * @return a context whose key manager presents the server certificate and the CA
   */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore(), PASSWORD.toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the emulator's own key store cannot be used", e);
    }
  }

  /**
   * Returns the CA certificate.
   *
   * @return the certificate clients trust
   */
  public X509Certificate caCertificate() {
    return ca;
  }

  /**
   * Returns the server certificate.
   *
   * @return the certificate for {@code api.} and {@code login.} of the domain
   */
  public X509Certificate serverCertificate() {
    return server;
  }

  /**
   * Returns the hosts file's text.
   *
   * @return lines mapping both names to 127.0.0.1
   */
  public String hostsText() {
    return "# Genesys Cloud emulator (eventretry): -Djdk.net.hosts.file=<this file>, or append the\n"
        + "# next line to /etc/hosts. With jdk.net.hosts.file a JVM resolves only the names here.\n"
        + "127.0.0.1 api." + domain + " login." + domain + "\n"
        + "127.0.0.1 localhost\n";
  }

  private KeyStore keyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(KEY_ALIAS, serverKey, PASSWORD.toCharArray(), new Certificate[] {server, ca});
    return ks;
  }

  private void write(Path dir, boolean fresh) throws IOException {
    try {
      if (fresh) {
        KeyStore ks = keyStore();
        atomically(dir.resolve(KEY_STORE_FILE), out -> ks.store(out, PASSWORD.toCharArray()));
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(CA_ALIAS, ca);
      atomically(dir.resolve(TRUST_STORE_FILE), out -> trust.store(out, PASSWORD.toCharArray()));
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(ca.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      atomically(dir.resolve(CA_FILE), out -> out.write(pem.getBytes(StandardCharsets.US_ASCII)));
      atomically(dir.resolve(HOSTS_FILE),
          out -> out.write(hostsText().getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the emulator's certificates cannot be stored", e);
    }
  }

  private interface Writer {
    void write(OutputStream out) throws IOException, GeneralSecurityException;
  }

  private static void atomically(Path target, Writer writer)
      throws IOException, GeneralSecurityException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Optional<TlsMaterial> load(Path keyStore, String domain) throws IOException {
    if (!Files.exists(keyStore)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      if (!(ks.getKey(KEY_ALIAS, PASSWORD.toCharArray()) instanceof PrivateKey key)) {
        throw new GeneralSecurityException("no key");
      }
      Certificate[] chain = ks.getCertificateChain(KEY_ALIAS);
      if (chain == null || chain.length != 2) {
        throw new GeneralSecurityException("no chain of two");
      }
      X509Certificate server = (X509Certificate) chain[0];
      X509Certificate ca = (X509Certificate) chain[1];
      server.verify(ca.getPublicKey());
      if (!dnsNames(server).containsAll(List.of("api." + domain, "login." + domain))) {
        return Optional.empty();
      }
      return Optional.of(new TlsMaterial(domain, key, server, ca));
    } catch (GeneralSecurityException | IOException | ClassCastException e) {
      throw new IOException(keyStore + " is not a key store this emulator wrote (or its password is"
          + " not " + PASSWORD + "); remove it, or pick another folder, for a new certificate", e);
    }
  }

  private static List<String> dnsNames(X509Certificate cert) throws GeneralSecurityException {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        if (Integer.valueOf(2).equals(san.get(0))) {
          names.add(String.valueOf(san.get(1)));
        }
      }
    }
    return names;
  }

  private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static byte[] name(String commonName) {
    return Der.sequence(
        Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8("eventretry"))),
        Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value))
        : Der.sequence(Der.oid(oid), Der.octets(value));
  }

  /** A key identifier: SHA-1 of the encoded public key (RFC 5280 allows any such method). */
  private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
  }

  private static X509Certificate sign(byte[] issuer, byte[] subject, PublicKey subjectKey,
      byte[] extensions, PrivateKey issuerKey, SecureRandom random)
      throws GeneralSecurityException {
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    serial[0] = (byte) ((serial[0] & 0x7F) | 0x01);
    byte[] tbs = Der.sequence(
        Der.context(0, true, Der.integer(2)),
        Der.integer(new BigInteger(1, serial)),
        algorithm,
        issuer,
        Der.sequence(Der.utcTime(NOT_BEFORE), Der.utcTime(NOT_AFTER)),
        subject,
        subjectKey.getEncoded(),
        Der.context(3, true, extensions));
    Signature s = Signature.getInstance(SIGNATURE);
    s.initSign(issuerKey, random);
    s.update(tbs);
    byte[] certificate = Der.sequence(tbs, algorithm, Der.bits(0, s.sign()));
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(certificate));
  }
}
