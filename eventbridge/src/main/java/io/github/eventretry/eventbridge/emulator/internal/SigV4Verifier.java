package io.github.eventretry.eventbridge.emulator.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way AWS does: the algorithm, a
 * known access key, the credential scope (date, region, service), the request time within five
 * minutes, and the signature over the canonical request (double-encoded path as for every service but
 * S3, sorted query, the signed headers, the SHA-256 of the body). Thread-safe: immutable.
 */
public final class SigV4Verifier {
  /** How far a request's time may be from the emulator's clock. */
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'",
      Locale.ROOT);
  private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match"
      + " the signature you provided. Check your AWS Secret Access Key and signing method. Consult the"
      + " service documentation for details.";
  private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

  private final Map<String, String> secrets;
  private final String region;
  private final Clock clock;

  /**
   * Creates a verifier.
   *
   * @param secrets access key id to secret access key
   * @param region the only region requests may be scoped to
   * @param clock the emulator's clock
   */
  public SigV4Verifier(Map<String, String> secrets, String region, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.region = region;
    this.clock = clock;
  }

  /** What the verifier needs of a request. */
  public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
      byte[] body) {}

  /** The error codes of one protocol family: JSON-style (EventBridge) or query-style (CloudWatch). */
  public enum Style {
    /** {@code UnrecognizedClientException}, {@code InvalidSignatureException}: HTTP 400. */
    JSON,
    /** {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch}: HTTP 403. */
    QUERY
  }

  /**
   * Checks a request.
   *
   * @param r the request; header names in lower case
   * @param service the signing name the scope must carry, {@code events} or {@code monitoring}
   * @param style which error codes to answer with
   * @throws AwsError if the request is not signed by a known key for this region and service
   */
  public void verify(Request r, String service, Style style) {
    String auth = first(r.headers(), "authorization");
    if (auth == null) {
      throw error(style, 403, "MissingAuthenticationTokenException", "MissingAuthenticationToken",
          "Missing Authentication Token");
    }
    if (!auth.startsWith(ALGORITHM + " ")) {
      throw error(style, 400, "IncompleteSignatureException", "IncompleteSignature",
          "Unsupported authorization type: only " + ALGORITHM + " is accepted.");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : auth.substring(ALGORITHM.length() + 1).split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = p.substring(0, eq);
      String v = p.substring(eq + 1);
      switch (k) {
        case "Credential" -> credential = v;
        case "SignedHeaders" -> signedHeaders = v;
        case "Signature" -> signature = v;
        default -> { }
      }
    }
    if (credential == null || signedHeaders == null || signature == null) {
      throw error(style, 400, "IncompleteSignatureException", "IncompleteSignature",
          "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
    }
    String[] scope = credential.split("/", -1);
    if (scope.length != 5) {
      throw error(style, 400, "IncompleteSignatureException", "IncompleteSignature",
          "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
    }
    String secret = secrets.get(scope[0]);
    if (secret == null) {
      throw error(style, 403, "UnrecognizedClientException", "InvalidClientTokenId", INVALID_TOKEN);
    }
    String amzDate = first(r.headers(), "x-amz-date");
    if (amzDate == null) {
      throw error(style, 400, "IncompleteSignatureException", "IncompleteSignature",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Instant at;
    try {
      at = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw error(style, 400, "IncompleteSignatureException", "IncompleteSignature",
          "X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z'.");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      throw mismatch(style, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of"
          + " date from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "'.");
    }
    if (!scope[2].equals(region)) {
      throw mismatch(style, "Credential should be scoped to a valid region.");
    }
    if (!scope[3].equals(service)) {
      throw mismatch(style, "Credential should be scoped to correct service: '" + service + "'.");
    }
    if (!scope[4].equals("aws4_request")) {
      throw mismatch(style, "Credential should be scoped with a valid terminator: 'aws4_request'.");
    }
    Instant now = clock.instant();
    String nowText = AMZ_DATE.format(now.atOffset(ZoneOffset.UTC));
    if (at.isBefore(now.minus(MAX_SKEW))) {
      throw mismatch(style, "Signature expired: " + amzDate + " is now earlier than "
          + AMZ_DATE.format(now.minus(MAX_SKEW).atOffset(ZoneOffset.UTC)) + " (" + nowText
          + " - 5 min.)");
    }
    if (at.isAfter(now.plus(MAX_SKEW))) {
      throw mismatch(style, "Signature not yet current: " + amzDate + " is still later than "
          + AMZ_DATE.format(now.plus(MAX_SKEW).atOffset(ZoneOffset.UTC)) + " (" + nowText
          + " + 5 min.)");
    }
    List<String> names = List.of(signedHeaders.split(";", -1));
    if (!names.contains("host")) {
      throw mismatch(style, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(r.method()).append('\n');
    canonical.append(canonicalUri(r.rawPath())).append('\n');
    canonical.append(canonicalQuery(r.rawQuery())).append('\n');
    for (String name : names) {
      List<String> values = r.headers().get(name);
      if (values == null) {
        throw mismatch(style, SIGNATURE_MISMATCH);
      }
      List<String> trimmed = new ArrayList<>();
      for (String v : values) {
        trimmed.add(v.strip().replaceAll("\\s+", " "));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n');
    String payloadHash = first(r.headers(), "x-amz-content-sha256");
    canonical.append(payloadHash != null ? payloadHash : hex(sha256(r.body())));
    String scopeText = scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + scope[4];
    String toSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, scope[4]);
    String expected = hex(hmac(key, toSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch(style, SIGNATURE_MISMATCH);
    }
  }

  private static AwsError mismatch(Style style, String message) {
    return error(style, 403, "InvalidSignatureException", "SignatureDoesNotMatch", message);
  }

  private static AwsError error(Style style, int queryStatus, String jsonCode, String queryCode,
      String message) {
    return style == Style.JSON
        ? new AwsError(400, jsonCode, jsonCode, true, message)
        : new AwsError(queryStatus, jsonCode, queryCode, true, message);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The path with dot segments removed and each segment encoded again, as for every service but S3. */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> out = new ArrayList<>();
    String[] segments = rawPath.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(encode(s));
    }
    String path = "/" + String.join("/", out);
    return path.replaceAll("/{2,}", "/");
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String k = eq < 0 ? p : p.substring(0, eq);
      String v = eq < 0 ? "" : p.substring(eq + 1);
      pairs.add(new String[] {encode(decode(k)), encode(decode(v))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder b = new StringBuilder();
    for (String[] p : pairs) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(p[0]).append('=').append(p[1]);
    }
    return b.toString();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3986 encoding: everything but {@code A-Za-z0-9-_.~}, as upper-case {@code %XX}. */
  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_' || c == '.' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
